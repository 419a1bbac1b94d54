import { Decimal } from '@arbot/core';
import type { EquitySample } from './equity-sample';

/**
 * The worst peak-to-trough fall of an equity curve and the longest time
 * spent below a previous peak.
 *
 * @example
 * ```ts
 * const { maxDrawdown, maxDrawdownDurationMs } = drawdownStats(curve);
 * ```
 */
export interface DrawdownStats {
  /** Largest `(peak − E_t) / peak` over the curve, a fraction in [0, 1] (0 for a curve that never falls). */
  readonly maxDrawdown: number;
  /** The same fall in the valuation currency: `peak − trough` of that drawdown. */
  readonly maxDrawdownAmount: Decimal;
  /** Time of the peak before the largest drawdown, ms. */
  readonly peakTs: number | undefined;
  /** Time of the trough of the largest drawdown, ms. */
  readonly troughTs: number | undefined;
  /**
   * Longest underwater stretch, ms: from the sample where equity last stood
   * at a peak to the first later sample back at or above it (or the last
   * sample, if it never recovered).
   */
  readonly maxDrawdownDurationMs: number;
}

/**
 * Drawdown statistics of an equity curve (see {@link DrawdownStats}).
 *
 * @example
 * ```ts
 * // 100 → 120 → 90 → 130: the fall 120 → 90 is 25 %, underwater from the 120 sample until the 130 one.
 * drawdownStats(curve).maxDrawdown; // 0.25
 * ```
 */
export function drawdownStats(curve: readonly EquitySample[]): DrawdownStats {
  let peak: EquitySample | undefined;
  let maxDrawdown = 0;
  let maxDrawdownAmount = new Decimal(0);
  let peakTs: number | undefined;
  let troughTs: number | undefined;
  let longest = 0;
  let underwater = false;
  for (const point of curve) {
    if (peak === undefined || point.equity.gte(peak.equity)) {
      // Recovering to the peak ends the underwater stretch at this sample.
      if (underwater && peak !== undefined) longest = Math.max(longest, point.ts - peak.ts);
      underwater = false;
      peak = point;
      continue;
    }
    underwater = true;
    longest = Math.max(longest, point.ts - peak.ts);
    if (!peak.equity.gt(0)) continue;
    const fall = peak.equity.minus(point.equity);
    const fraction = fall.div(peak.equity).toNumber();
    if (fraction > maxDrawdown) {
      maxDrawdown = fraction;
      maxDrawdownAmount = fall;
      peakTs = peak.ts;
      troughTs = point.ts;
    }
  }
  return { maxDrawdown, maxDrawdownAmount, peakTs, troughTs, maxDrawdownDurationMs: longest };
}

/**
 * The drawdown at each sample, `(running peak − E_t) / running peak`, for charts.
 *
 * @example
 * ```ts
 * drawdownSeries(curve).map((p) => p.drawdown); // [0, 0, 0.25, 0]
 * ```
 */
export function drawdownSeries(curve: readonly EquitySample[]): { readonly ts: number; readonly drawdown: number }[] {
  let peak: Decimal | undefined;
  return curve.map((point) => {
    if (peak === undefined || point.equity.gt(peak)) peak = point.equity;
    const drawdown = peak.gt(0) ? peak.minus(point.equity).div(peak).toNumber() : 0;
    return { ts: point.ts, drawdown };
  });
}
