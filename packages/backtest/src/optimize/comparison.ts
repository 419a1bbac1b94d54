import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { escapeHtml } from '../report/html-escape';
import { REPORT_CSS } from '../report/report-styles';
import { svgChart } from '../report/svg-chart';
import { type OptimizationResult, type TrialRecord, topTrials } from './optimization-result';

const ComparisonOptionsSchema = z.object({
  top: z.number().int().positive().default(10),
  title: z.string().min(1).default('Parameter search'),
});

/**
 * Options of {@link comparisonTable} and {@link comparisonHtml}.
 *
 * @example
 * ```ts
 * const options: ComparisonOptions = { top: 5, title: 'MA crossover search' };
 * ```
 */
export interface ComparisonOptions {
  /** Trials shown, best first (default 10). */
  readonly top?: number;
  /** Heading of the HTML page (default `Parameter search`). */
  readonly title?: string;
}

function columns(rows: readonly TrialRecord[]): { params: string[]; metrics: string[] } {
  const params = [...new Set(rows.flatMap((r) => Object.keys(r.params)))];
  const metrics = [...new Set(rows.flatMap((r) => Object.keys(r.metrics)))].sort();
  return { params, metrics };
}

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : Number(value.toPrecision(6)).toString();
  return String(value);
}

/**
 * The best trials side by side as a Markdown table: rank, trial, score,
 * every parameter, every metric the trials reported.
 *
 * @example
 * ```ts
 * console.log(comparisonTable(result, { top: 5 }));
 * // | rank | trial | score | fast | slow | pnl | trades |
 * // |------|-------|-------|------|------|-----|--------|
 * // | 1    | 17    | 1.84  | 12   | 45   | 912 | 31     |
 * ```
 */
export function comparisonTable(result: OptimizationResult, options: ComparisonOptions = {}): string {
  const o = parseWith(ComparisonOptionsSchema, options, 'comparison options');
  const rows = topTrials(result, o.top);
  const { params, metrics } = columns(rows);
  const header = ['rank', 'trial', 'score', ...params, ...metrics];
  const body = rows.map((r, i) => [
    String(i + 1),
    String(r.trial),
    cell(r.score),
    ...params.map((p) => cell(r.params[p])),
    ...metrics.map((m) => cell(r.metrics[m])),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

/**
 * A self-contained HTML page comparing the best trials: the search's
 * convergence (score of each trial and best so far, inline SVG) and the
 * table of {@link comparisonTable}. No script, nothing fetched.
 *
 * @example
 * ```ts
 * await writeFile('search.html', comparisonHtml(result, { top: 10, title: 'MA crossover, Jan 2022' }));
 * ```
 */
export function comparisonHtml(result: OptimizationResult, options: ComparisonOptions = {}): string {
  const o = parseWith(ComparisonOptionsSchema, options, 'comparison options');
  const rows = topTrials(result, o.top);
  const { params, metrics } = columns(rows);
  const sign = result.direction === 'maximize' ? 1 : -1;
  let best = Number.NEGATIVE_INFINITY;
  const bestSoFar = result.trials.map((t) => {
    best = Math.max(best, sign * t.score);
    return [t.trial, sign * best] as const;
  });
  const chart = svgChart({
    title: `Best ${result.direction === 'maximize' ? 'highest' : 'lowest'} score after each trial`,
    points: bestSoFar,
    width: 1040,
    height: 240,
    color: '#2563eb',
    fill: false,
    formatY: (v) => cell(v),
    formatX: (x) => `#${x}`,
  });
  const head = ['Rank', 'Trial', 'Score', ...params, ...metrics].map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map(
      (r, i) =>
        `<tr>${[
          String(i + 1),
          String(r.trial),
          cell(r.score),
          ...params.map((p) => cell(r.params[p])),
          ...metrics.map((m) => cell(r.metrics[m])),
        ]
          .map((c) => `<td>${escapeHtml(c)}</td>`)
          .join('')}</tr>`,
    )
    .join('');
  const sub = `${result.method} search · ${result.trials.length} trials · ${result.direction} · seed ${result.seed}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(o.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(o.title)}</h1>
<p class="sub">${escapeHtml(sub)}</p>
<div class="panel">${chart}</div>
<h2>Top ${rows.length} parameter sets</h2>
<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>
</main>
</body>
</html>
`;
}
