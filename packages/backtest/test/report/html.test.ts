import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml, niceTicks, svgChart, toHtml } from '../../src/index';
import { decodePng } from '../support/png';
import { sampleResult } from '../support/sample-result';

const chromium = ['chromium', 'chromium-browser'].find((bin) => spawnSync('which', [bin]).status === 0);

describe('toHtml', () => {
  it('is one self-contained page: inline style and SVG, no script, nothing fetched', () => {
    const html = toHtml(sampleResult(), { title: 'Spatial <BTC> & co' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<title>Spatial &lt;BTC&gt; &amp; co</title>');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\shref=|url\(|@import/i);
    // The only URL is the SVG namespace, which is a name, not a fetch.
    expect(html.match(/https?:\/\/[^"\s]+/g)?.every((u) => u === 'http://www.w3.org/2000/svg')).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).toContain('Max drawdown duration');
    // Strategy names are escaped, trades listed, balances shown.
    expect(toHtml(sampleResult('x<y'))).toContain('&lt;b&gt;x&lt;y&lt;/b&gt;');
    expect(html.match(/<td>1<\/td><td class="text">spatial<\/td>/g)).toHaveLength(1);
  });

  it('lists at most maxTrades trades and says where the rest are', () => {
    const html = toHtml(sampleResult(), { maxTrades: 1 });
    expect(html).toContain('1 more trades are in the JSON report.');
    expect(() => toHtml(sampleResult(), { maxTrades: -1 })).toThrow(/maxTrades/);
  });

  it('renders the same bytes for the same result', () => {
    expect(toHtml(sampleResult())).toBe(toHtml(sampleResult()));
  });

  it.skipIf(chromium === undefined)(
    'renders in headless Chromium to a non-blank screenshot with the charts drawn',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'arbot-report-'));
      try {
        const page = join(dir, 'report.html');
        const shot = join(dir, 'report.png');
        writeFileSync(page, toHtml(sampleResult(), { title: 'Screenshot check' }));
        execFileSync(
          chromium as string,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            `--user-data-dir=${join(dir, 'profile')}`,
            `--screenshot=${shot}`,
            '--window-size=1200,900',
            `file://${page}`,
          ],
          { stdio: 'ignore', timeout: 45_000 },
        );
        expect(statSync(shot).size).toBeGreaterThan(20_000);
        const png = decodePng(readFileSync(shot));
        expect([png.width, png.height]).toEqual([1200, 900]);
        const colors = new Set<string>();
        let background = 0;
        let equityBlue = 0;
        for (let y = 0; y < png.height; y += 3) {
          for (let x = 0; x < png.width; x += 3) {
            const [r, g, b] = png.pixel(x, y);
            colors.add(`${r},${g},${b}`);
            if (r === 0xf1 && g === 0xf5 && b === 0xf9) background++;
            // the equity line, #2563eb, give or take anti-aliasing
            if (Math.abs(r - 0x25) < 30 && Math.abs(g - 0x63) < 30 && Math.abs(b - 0xeb) < 30) equityBlue++;
          }
        }
        expect(colors.size).toBeGreaterThan(50);
        expect(background).toBeGreaterThan(1_000); // the page background shows around the panels
        expect(equityBlue).toBeGreaterThan(20); // the equity line was drawn
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
  if (chromium === undefined) {
    it('skips the Chromium screenshot: chromium is not installed (apt-get install chromium; CI installs it)', () => {});
  }
});

describe('chart helpers', () => {
  it('picks 1-2-5 ticks covering the range', () => {
    expect(niceTicks(0.3, 9.6, 5)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(9_430, 10_210, 4)).toEqual([9_400, 9_600, 9_800, 10_000, 10_200, 10_400]);
    expect(niceTicks(-5.2, 0, 3)).toEqual([-6, -4, -2, 0]);
    expect(niceTicks(-0.71, 0, 5)).toEqual([-0.8, -0.6, -0.4, -0.2, 0]); // no drift past 0 from summing 0.2s
    expect(niceTicks(5, 5, 4).length).toBeGreaterThan(1);
  });

  it('draws a path through every point of a small series and says when there is no data', () => {
    const svg = svgChart({
      title: 'T',
      points: [
        [0, 1],
        [1, 2],
        [2, 0],
      ],
      width: 400,
      height: 200,
      color: '#000',
      fill: false,
      formatY: (v) => String(v),
    });
    expect(svg.match(/[ML][\d.]+,[\d.]+/g)).toHaveLength(3);
    expect(svgChart({ title: 'T', points: [], width: 400, height: 200, color: '#000', fill: true, formatY: String })).toContain('no data');
  });

  // A flat series at 100 with 104 forced into the range: y ticks 100…104, so gridlines at y = 28 + k × 45.5 (plot 28…210).
  const standalone = () =>
    svgChart({
      title: 'Standalone',
      points: [
        [0, 100],
        [3_600_000, 100],
      ],
      width: 600,
      height: 240,
      color: '#2563eb',
      fill: false,
      include: 104,
      formatY: (v) => v.toFixed(0),
    });

  it('styles its own grid, axis and labels: every line has a stroke and every label a size and colour, no style sheet needed', () => {
    const svg = standalone();
    expect(svg).not.toMatch(/<style|<link|@import/);
    const lines = svg.match(/<line [^>]*>/g) ?? [];
    expect(lines).toHaveLength(6); // 5 gridlines and the x axis
    expect(lines.filter((l) => l.includes('class="grid"') && l.includes('stroke="#e2e8f0"'))).toHaveLength(5);
    expect(lines.filter((l) => l.includes('class="axis"') && l.includes('stroke="#94a3b8"'))).toHaveLength(1);
    const texts = svg.match(/<text [^>]*>/g) ?? [];
    expect(texts.length).toBeGreaterThan(6); // title, 5 y labels, x labels
    for (const text of texts) expect(text).toMatch(/ font-size="1[13]" .*fill="#(0f172a|64748b)"/);
    // The report's style sheet still reaches the same classes (and gives the same look).
    expect(svg.match(/class="tick"/g)?.length).toBe(texts.length - 1);
  });

  it.skipIf(chromium === undefined)(
    'a standalone SVG, opened on its own in headless Chromium, shows its gridlines',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'arbot-svg-'));
      try {
        const file = join(dir, 'chart.svg');
        const shot = join(dir, 'chart.png');
        writeFileSync(file, standalone());
        execFileSync(
          chromium as string,
          [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--no-first-run',
            `--user-data-dir=${join(dir, 'profile')}`,
            `--screenshot=${shot}`,
            '--window-size=600,240',
            `file://${file}`,
          ],
          { stdio: 'ignore', timeout: 45_000 },
        );
        const png = decodePng(readFileSync(shot));
        // Down the column x = 300 (clear of every label) between the title and the line at the bottom (y 210):
        // the four upper gridlines, light grey (#e2e8f0 blended into white by anti-aliasing).
        const grey: number[] = [];
        for (let y = 22; y < 205; y++) {
          const [r, g, b] = png.pixel(300, y);
          if (r < 250 && b > r && Math.abs(r - g) < 12) grey.push(y);
        }
        const bands = grey.filter((y, i) => i === 0 || y - (grey[i - 1] as number) > 1);
        expect(bands.map((y) => Math.round(y / 10) * 10)).toEqual([30, 70, 120, 160]); // 28, 73.5, 119, 164.5
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
