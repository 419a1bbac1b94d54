import type { EquitySample } from '../metrics/equity-sample';

/**
 * Chains equity curves run one after another into one curve that compounds
 * their returns: the first curve as it is, each later one rescaled so it
 * starts where the previous ended (its own first point dropped). Curves
 * starting at zero equity cannot be chained and are skipped.
 *
 * @example
 * ```ts
 * // [100, 110] then [200, 190, 220] → [100, 110, 104.5, 121]
 * stitchEquity([a, b]).map((p) => p.equity.toString());
 * ```
 */
export function stitchEquity(curves: readonly (readonly EquitySample[])[]): EquitySample[] {
  const out: EquitySample[] = [];
  for (const curve of curves) {
    const first = curve[0];
    if (first === undefined || !first.equity.gt(0)) continue;
    const last = out[out.length - 1];
    if (last === undefined) {
      out.push(...curve);
      continue;
    }
    const scale = last.equity.div(first.equity);
    for (const point of curve.slice(1)) out.push({ ts: point.ts, equity: point.equity.times(scale) });
  }
  return out;
}
