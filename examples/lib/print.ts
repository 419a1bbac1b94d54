/** Console output helpers for the examples: aligned tables and short numbers. */
import type { Decimal } from '@arbot/core';

/** Prints rows as an aligned table; numbers are right-aligned. */
export function printTable(rows: readonly Readonly<Record<string, string | number>>[]): void {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const text = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
  const line = (cells: (string | number | undefined)[]) =>
    cells.map((v, i) => (typeof v === 'number' ? text(v).padStart(widths[i] ?? 0) : text(v).padEnd(widths[i] ?? 0))).join('  ');
  console.log(line(columns));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(columns.map((c) => row[c])));
}

/** A Decimal or number with `digits` decimals (Decimal keeps exact rounding). */
export function fixed(value: Decimal | number | undefined, digits = 2): string {
  if (value === undefined) return 'n/a';
  return typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(digits) : String(value)) : value.toFixed(digits);
}

/** A fraction as a percentage: 0.0123 → "1.23%". */
export function percent(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : `${(value * 100).toFixed(digits)}%`;
}

/** An epoch-ms time as `YYYY-MM-DD HH:MM:SS` UTC. */
export function utc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

/** A section heading. */
export function heading(text: string): void {
  console.log(`\n== ${text}`);
}
