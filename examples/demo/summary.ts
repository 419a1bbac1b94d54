/** The demo's closing summary table, one column per scenario. */
import { fixed, percent } from '../lib/print';
import type { ScenarioFigures } from './scenario-run';

const us = (value: number | undefined) => (value === undefined ? '–' : `${value.toFixed(1)} µs`);

/** Prints the summary of every scenario side by side. */
export function printSummary(runs: readonly ScenarioFigures[], currency: string): void {
  const rows: [string, (r: ScenarioFigures) => string][] = [
    ['market events replayed', (r) => String(r.events)],
    ['opportunities seen', (r) => String(r.opportunities)],
    ['approved by risk', (r) => String(r.approved)],
    ['rejected by risk', (r) => String(r.rejected)],
    ['executed', (r) => String(r.executed)],
    ['fill rate (base filled / requested)', (r) => percent(r.fillRate, 1)],
    [`PnL after fees (${currency})`, (r) => fixed(r.pnl, 4)],
    [`fees paid (${currency})`, (r) => fixed(r.fees, 4)],
    ['max drawdown (equity)', (r) => percent(r.maxDrawdown, 3)],
    ['book update → order out of risk, p50', (r) => us(r.latency?.p50)],
    ['book update → order out of risk, p99', (r) => us(r.latency?.p99)],
  ];
  const header = ['', ...runs.map((r) => r.name)];
  const body = rows.map(([label, cell]) => [label, ...runs.map(cell)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    `│ ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' │ ')} │`;
  const rule = (l: string, m: string, r: string) => `${l}${widths.map((w) => '─'.repeat(w + 2)).join(m)}${r}`;
  console.log(rule('┌', '┬', '┐'));
  console.log(line(header));
  console.log(rule('├', '┼', '┤'));
  for (const row of body) console.log(line(row));
  console.log(rule('└', '┴', '┘'));
}
