import type { EquitySample } from './equity-sample';

/**
 * Simple returns between consecutive samples of an equity curve:
 * `r_i = E_i / E_{i-1} − 1`. A curve of n points gives n − 1 returns; a
 * period starting at zero or negative equity has no defined return and is
 * skipped.
 *
 * @example
 * ```ts
 * periodReturns([{ ts: 0, equity: new Decimal(100) }, { ts: 1, equity: new Decimal(110) }]); // [0.1]
 * ```
 */
export function periodReturns(curve: readonly EquitySample[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < curve.length; i++) {
    const before = (curve[i - 1] as EquitySample).equity;
    if (!before.gt(0)) continue;
    out.push((curve[i] as EquitySample).equity.div(before).minus(1).toNumber());
  }
  return out;
}
