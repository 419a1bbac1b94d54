import { escapeHtml } from './html-escape';
import { niceTicks } from './nice-ticks';

/**
 * A time series chart: one line, optionally filled down to the baseline.
 *
 * @example
 * ```ts
 * const spec: ChartSpec = { title: 'Equity', points: [[t0, 100], [t1, 104]], width: 800, height: 240, color: '#2563eb', fill: true, formatY: String };
 * ```
 */
export interface ChartSpec {
  readonly title: string;
  /** `[time ms, value]` points in time order. */
  readonly points: readonly (readonly [number, number])[];
  readonly width: number;
  readonly height: number;
  /** Line colour (CSS). */
  readonly color: string;
  /** Fill between the line and `baseline` with the colour at low opacity. */
  readonly fill: boolean;
  /** Value the fill reaches to; default the bottom of the axis. */
  readonly baseline?: number;
  /** Always include this value in the y range (0 for drawdowns). */
  readonly include?: number;
  /** Formats a y tick label, given the spacing of the ticks (to choose the decimals). */
  readonly formatY: (value: number, step: number) => string;
  /** Formats x tick labels of a non-time axis (round ticks); default: x is a UTC time in ms. */
  readonly formatX?: (value: number) => string;
}

const MARGIN = { top: 28, right: 16, bottom: 30, left: 72 };

/*
 * Presentation attributes, so the SVG looks right on its own (a notebook, an
 * image viewer). They match the HTML report's style sheet (report-styles.ts),
 * whose rules for the same classes take precedence over attributes: inside
 * the report nothing changes. The font is the report's body font.
 */
const FONT = `font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"`;
const STYLE = {
  title: 'class="chart-title" font-size="13" font-weight="600" fill="#0f172a"',
  empty: 'class="chart-empty" font-size="13" fill="#64748b"',
  tick: 'class="tick" font-size="11" fill="#64748b"',
  grid: 'class="grid" stroke="#e2e8f0" stroke-width="1"',
  axis: 'class="axis" stroke="#94a3b8" stroke-width="1"',
} as const;
/** Above this many points a chart keeps each pixel column's first, lowest, highest and last point. */
const MAX_POINTS = 1_600;

/**
 * An inline SVG line chart of a time series, with a title, gridlines, y
 * labels and UTC date labels on the x axis. Self-contained: no script, and
 * every colour, stroke and font is a presentation attribute of the SVG
 * itself, so it renders the same standalone (a notebook's `image/svg+xml`
 * output, a `.svg` file) as in the HTML report. The elements also carry the
 * classes `chart-title`, `chart-empty`, `tick`, `grid` and `axis`: a page's
 * style sheet can restyle them, since CSS rules override presentation
 * attributes.
 *
 * @example
 * ```ts
 * svgChart({ title: 'Equity', points, width: 960, height: 260, color: '#2563eb', fill: true, formatY: (v) => v.toFixed(0) });
 * ```
 */
export function svgChart(spec: ChartSpec): string {
  const { width, height } = spec;
  const points = thin(spec.points, width - MARGIN.left - MARGIN.right);
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(spec.title)}" ${FONT}>`;
  const title = `<text x="${MARGIN.left}" y="18" ${STYLE.title}>${escapeHtml(spec.title)}</text>`;
  if (points.length === 0) {
    return `${head}${title}<text x="${width / 2}" y="${height / 2}" text-anchor="middle" ${STYLE.empty}>no data</text></svg>`;
  }
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const yTicks = niceTicks(
    Math.min(...ys, spec.include ?? Number.POSITIVE_INFINITY),
    Math.max(...ys, spec.include ?? Number.NEGATIVE_INFINITY),
    5,
  );
  const y0 = yTicks[0] ?? 0;
  const y1 = yTicks[yTicks.length - 1] ?? 1;
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const sx = (x: number): number => MARGIN.left + (x1 === x0 ? plotW / 2 : ((x - x0) / (x1 - x0)) * plotW);
  const sy = (y: number): number => MARGIN.top + (y1 === y0 ? plotH / 2 : (1 - (y - y0) / (y1 - y0)) * plotH);
  const f = (n: number): string => n.toFixed(1);
  const yStep = yTicks.length > 1 ? (yTicks[1] as number) - y0 : 1;
  const grid = yTicks
    .map((t) => {
      const y = f(sy(t));
      return `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y}" y2="${y}" ${STYLE.grid}/><text x="${MARGIN.left - 8}" y="${y}" dy="0.32em" text-anchor="end" ${STYLE.tick}>${escapeHtml(spec.formatY(t, yStep))}</text>`;
    })
    .join('');
  const formatX = spec.formatX;
  const xValues = formatX === undefined ? timeTicks(x0, x1, 6) : niceTicks(x0, x1, 8).filter((t) => t >= x0 && t <= x1);
  const xTicks = xValues
    .map((t) => {
      const label = formatX === undefined ? formatUtc(t, x1 - x0) : formatX(t);
      return `<text x="${f(sx(t))}" y="${height - 10}" text-anchor="middle" ${STYLE.tick}>${escapeHtml(label)}</text>`;
    })
    .join('');
  const line = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(sx(p[0]))},${f(sy(p[1]))}`).join('');
  let area = '';
  if (spec.fill) {
    const base = f(sy(Math.min(Math.max(spec.baseline ?? y0, y0), y1)));
    const firstX = f(sx(points[0]?.[0] ?? x0));
    const lastX = f(sx(points[points.length - 1]?.[0] ?? x1));
    area = `<path d="${line}L${lastX},${base}L${firstX},${base}Z" fill="${spec.color}" fill-opacity="0.14" stroke="none"/>`;
  }
  const frame = `<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${height - MARGIN.bottom}" y2="${height - MARGIN.bottom}" ${STYLE.axis}/>`;
  const path = `<path d="${line}" fill="none" stroke="${spec.color}" stroke-width="1.6" stroke-linejoin="round"/>`;
  return `${head}${title}${grid}${frame}${xTicks}${area}${path}</svg>`;
}

/** Keeps a chart's path small: per pixel column the first, lowest, highest and last points (so spikes survive). */
function thin(points: readonly (readonly [number, number])[], columns: number): (readonly [number, number])[] {
  if (points.length <= MAX_POINTS) return [...points];
  const first = points[0]?.[0] ?? 0;
  const span = (points[points.length - 1]?.[0] ?? first) - first || 1;
  const buckets = new Map<number, (readonly [number, number])[]>();
  for (const p of points) {
    const column = Math.min(columns - 1, Math.floor(((p[0] - first) / span) * columns));
    const bucket = buckets.get(column) ?? [];
    bucket.push(p);
    buckets.set(column, bucket);
  }
  const out: (readonly [number, number])[] = [];
  for (const bucket of buckets.values()) {
    const low = bucket.reduce((a, b) => (b[1] < a[1] ? b : a));
    const high = bucket.reduce((a, b) => (b[1] > a[1] ? b : a));
    const keep = new Set([bucket[0], low, high, bucket[bucket.length - 1]]);
    for (const p of bucket) if (keep.has(p)) out.push(p);
  }
  return out;
}

const STEPS = [60_000, 300_000, 900_000, 3_600_000, 4 * 3_600_000, 12 * 3_600_000, 86_400_000, 7 * 86_400_000, 30 * 86_400_000];

/** Round UTC times (whole minutes, hours or days) across `[x0, x1]`. */
function timeTicks(x0: number, x1: number, count: number): number[] {
  if (x1 <= x0) return [x0];
  const step = STEPS.find((s) => (x1 - x0) / s <= count) ?? Math.ceil((x1 - x0) / count / 86_400_000) * 86_400_000;
  const out: number[] = [];
  for (let t = Math.ceil(x0 / step) * step; t <= x1; t += step) out.push(t);
  return out;
}

/** `MM-DD HH:mm` for spans under a week, `YYYY-MM-DD` beyond, UTC. */
function formatUtc(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  return span < 7 * 86_400_000 ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
}
