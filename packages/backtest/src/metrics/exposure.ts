import type { RoundTrip } from './round-trip';

/**
 * Fraction of `[start, end)` during which at least one trade was open
 * (the union of the trades' `[openedAt, closedAt)` intervals, an open
 * trade lasting to `end`). 0 for an empty or zero-length window.
 *
 * @example
 * ```ts
 * // trades over [10, 30) and [20, 50) in a window [0, 100): union [10, 50) → 0.4
 * exposureTime(trades, 0, 100); // 0.4
 * ```
 */
export function exposureTime(trades: readonly RoundTrip[], start: number, end: number): number {
  if (!(end > start)) return 0;
  const spans = trades
    .map((t) => [Math.max(start, t.openedAt), Math.min(end, t.closedAt ?? end)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let covered = 0;
  let cursor = start;
  for (const [a, b] of spans) {
    const from = Math.max(a, cursor);
    if (b > from) {
      covered += b - from;
      cursor = b;
    }
  }
  return covered / (end - start);
}
