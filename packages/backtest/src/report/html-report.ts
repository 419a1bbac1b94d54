import { parseWith } from '@arbot/core';
import { z } from 'zod';
import type { BacktestResult } from '../engine/backtest-result';
import type { BreakdownRow } from '../metrics/breakdown';
import { drawdownSeries } from '../metrics/drawdown';
import { escapeHtml } from './html-escape';
import { formatDuration, formatMoney, formatPercent, formatRatio, formatTime, NOT_AVAILABLE } from './report-format';
import { REPORT_CSS } from './report-styles';
import { svgChart } from './svg-chart';

const HtmlReportOptionsSchema = z.object({
  title: z.string().min(1).default('Backtest report'),
  maxTrades: z.number().int().nonnegative().default(500),
});

/**
 * Options of {@link toHtml}.
 *
 * @example
 * ```ts
 * const options: HtmlReportOptions = { title: 'MA 10/30 on BTC/USDT 1h', maxTrades: 200 };
 * ```
 */
export interface HtmlReportOptions {
  /** Heading and `<title>`; default `Backtest report`. */
  readonly title?: string;
  /** Trades listed (the first ones, in opening order); default 500. */
  readonly maxTrades?: number;
}

/**
 * Renders a backtest result as one self-contained HTML page: headline
 * figures, equity and drawdown charts (inline SVG), the full metrics
 * table, per-strategy and per-venue breakdowns, the trade list and the
 * final balances. Styles are inline, there is no script and nothing is
 * fetched, so the file opens offline; like {@link toJSON} it holds no
 * wall-clock time, so the same result renders to the same bytes.
 *
 * @example
 * ```ts
 * await writeFile('backtest.html', toHtml(result, { title: 'Spatial LINK/USDT binance ↔ huobi' }));
 * ```
 */
export function toHtml(result: BacktestResult, options: HtmlReportOptions = {}): string {
  const o = parseWith(HtmlReportOptionsSchema, options, 'toHtml() options');
  const m = result.metrics;
  const ccy = result.valuationCurrency;
  const equityPoints = result.equity.map((p) => [p.ts, p.equity.toNumber()] as const);
  const ddPoints = drawdownSeries(result.equity).map((p) => [p.ts, -p.drawdown * 100] as const);
  const sign = (x: number | undefined): string => (x === undefined || x === 0 ? '' : x > 0 ? 'up' : 'down');
  const cards = [
    card('Total return', formatPercent(m.totalReturn), sign(m.totalReturn)),
    card(`PnL (${ccy})`, formatMoney(m.pnl), sign(m.pnl.toNumber())),
    card('Sharpe', formatRatio(m.sharpe), ''),
    card('Max drawdown', formatPercent(m.maxDrawdown), m.maxDrawdown > 0 ? 'down' : ''),
    card('Win rate', formatPercent(m.winRate), ''),
    card('Trades', String(m.trades), ''),
  ].join('');
  const metricsRows: [string, string][][] = [
    [
      ['Start equity', formatMoney(m.startEquity)],
      ['End equity', formatMoney(m.endEquity)],
      ['PnL', formatMoney(m.pnl)],
      ['Total return', formatPercent(m.totalReturn)],
      ['Annualized return', formatPercent(m.annualizedReturn)],
      ['Volatility (annualized)', formatPercent(m.volatility)],
      ['Sharpe ratio', formatRatio(m.sharpe)],
      ['Sortino ratio', formatRatio(m.sortino)],
      ['Calmar ratio', formatRatio(m.calmar)],
      ['Max drawdown', formatPercent(m.maxDrawdown)],
      ['Max drawdown amount', formatMoney(m.maxDrawdownAmount)],
      ['Max drawdown duration', formatDuration(m.maxDrawdownDurationMs)],
    ],
    [
      ['Closed trades', String(m.trades)],
      ['Open trades', String(m.openTrades)],
      ['Win rate', formatPercent(m.winRate)],
      ['Profit factor', formatRatio(m.profitFactor)],
      ['Average win', formatMoney(m.averageWin)],
      ['Average loss', formatMoney(m.averageLoss)],
      ['Fills', String(m.fills)],
      ['Volume', formatMoney(m.volume)],
      ['Turnover', formatRatio(m.turnover)],
      ['Fees paid', formatMoney(m.feesPaid)],
      ['Exposure time', formatPercent(m.exposureTime)],
      ['Sampling', `${formatDuration(m.periodMs)} · P = ${formatRatio(m.periodsPerYear)} · r_f = ${formatPercent(m.riskFreeRate)}`],
    ],
  ];
  const metricsTables = metricsRows
    .map(
      (rows) =>
        `<table class="metrics"><tbody>${rows.map(([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table>`,
    )
    .join('');
  const shown = result.trades.slice(0, o.maxTrades);
  const tradeRows = shown
    .map((t) =>
      row([
        String(t.id),
        text(t.strategy),
        text(t.symbol),
        text(t.venues.join(', ')),
        text(t.direction),
        text(t.status),
        formatTime(t.openedAt),
        t.closedAt === undefined ? NOT_AVAILABLE : formatTime(t.closedAt),
        String(t.fills),
        formatMoney(t.volume),
        formatMoney(t.fees),
        { text: formatMoney(t.pnl), className: sign(t.pnl.toNumber()) },
      ]),
    )
    .join('');
  const omitted = result.trades.length - shown.length;
  const balanceRows = result.balances
    .map((b) =>
      row([b.venue, text(b.asset), formatMoney(b.free), formatMoney(b.locked), b.asset === ccy ? '1' : formatMoney(result.marks[b.asset])]),
    )
    .join('');
  const subtitle = [
    `${formatTime(result.from)} → ${formatTime(result.to)} UTC (${formatDuration(result.to - result.from)})`,
    `valuation ${ccy}`,
    `seed ${result.seed}`,
    `${result.events.toLocaleString('en-US')} events`,
    `${result.opportunities.toLocaleString('en-US')} opportunities`,
    `${result.reports.length.toLocaleString('en-US')} executions`,
  ].join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(o.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(o.title)}</h1>
<p class="sub">${escapeHtml(subtitle)}</p>
<section class="cards">${cards}</section>
<h2>Equity</h2>
<div class="panel">${svgChart({ title: `Equity (${ccy})`, points: equityPoints, width: 1040, height: 280, color: '#2563eb', fill: true, formatY: axisLabel })}</div>
<div class="panel">${svgChart({ title: 'Drawdown (%)', points: ddPoints, width: 1040, height: 180, color: '#b91c1c', fill: true, baseline: 0, include: 0, formatY: (v, step) => `${axisLabel(v, step)}%` })}</div>
<h2>Metrics</h2>
<div class="columns">${metricsTables}</div>
<h2>By strategy</h2>
${breakdownTable(result.breakdown.byStrategy, 'Strategy')}
<h2>By venue</h2>
${breakdownTable(result.breakdown.byVenue, 'Venue')}
<h2>Trades</h2>
<div class="scroll"><table><thead>${head(['#', 'Strategy', 'Symbol', 'Venues', 'Side', 'Status', 'Opened', 'Closed', 'Fills', 'Volume', 'Fees', 'PnL'], 6)}</thead><tbody>${tradeRows || emptyRow(12, 'no trades')}</tbody></table></div>
${omitted > 0 ? `<p class="note">${omitted.toLocaleString('en-US')} more trades are in the JSON report.</p>` : ''}
<h2>Final balances</h2>
<table><thead>${head(['Venue', 'Asset', 'Free', 'Locked', `Mark (${ccy})`], 2)}</thead><tbody>${balanceRows || emptyRow(5, 'no balances')}</tbody></table>
<footer>Generated by @arbot/backtest from virtual time only; the same data, options and seed give this same page.</footer>
</main>
</body>
</html>
`;
}

type Cell = string | { readonly text: string; readonly className: string };

/** A cell of text (left-aligned) rather than a figure. */
function text(value: string): Cell {
  return { text: value, className: 'text' };
}

function row(cells: readonly Cell[]): string {
  return `<tr>${cells
    .map((c) => (typeof c === 'string' ? `<td>${escapeHtml(c)}</td>` : `<td class="${c.className}">${escapeHtml(c.text)}</td>`))
    .join('')}</tr>`;
}

function head(labels: readonly string[], textColumns = 1): string {
  return `<tr>${labels.map((l, i) => `<th${i > 0 && i < textColumns ? ' class="text"' : ''}>${escapeHtml(l)}</th>`).join('')}</tr>`;
}

function emptyRow(span: number, text: string): string {
  return `<tr><td colspan="${span}" style="text-align:center;color:#64748b">${escapeHtml(text)}</td></tr>`;
}

function card(label: string, value: string, className: string): string {
  return `<div class="card"><div class="label">${escapeHtml(label)}</div><div class="value ${className}">${escapeHtml(value)}</div></div>`;
}

function breakdownTable(rows: readonly BreakdownRow[], keyLabel: string): string {
  const body = rows
    .map((r) =>
      row([
        r.key,
        String(r.fills),
        formatMoney(r.volume),
        formatMoney(r.feesPaid),
        String(r.trades),
        formatPercent(r.winRate),
        formatRatio(r.profitFactor),
        { text: formatMoney(r.pnl), className: r.pnl.gt(0) ? 'up' : r.pnl.lt(0) ? 'down' : '' },
      ]),
    )
    .join('');
  return `<table><thead>${head([keyLabel, 'Fills', 'Volume', 'Fees', 'Trades', 'Win rate', 'Profit factor', 'PnL (mark-to-market)'])}</thead><tbody>${body || emptyRow(8, 'no fills')}</tbody></table>`;
}

/** An axis label: thousands separators and as many decimals as the tick spacing needs, millions as M. */
function axisLabel(v: number, step: number): string {
  const millions = Math.abs(step) >= 1e5;
  const value = millions ? v / 1e6 : v;
  const unit = millions ? step / 1e6 : step;
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(Math.abs(unit) || 1) + 1e-9)));
  const text = value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return millions ? `${text}M` : text;
}
