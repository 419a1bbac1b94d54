import { parseWith, ValidationError } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { indicatorOperator, indicatorSeries } from './indicator-operator';
import type { IndicatorState } from './indicator-state';
import { PeriodSchema } from './period-schema';
import { finiteInput, type Ohlc } from './price-source';

/**
 * Options of {@link atr}.
 *
 * @example
 * ```ts
 * AtrOptionsSchema.parse({}); // { period: 14 }
 * ```
 */
export const AtrOptionsSchema = z.object({
  /** Wilder period N (default 14). */
  period: PeriodSchema.default(14),
});
/** Options of {@link atr}: see {@link AtrOptionsSchema}. */
export type AtrOptions = z.input<typeof AtrOptionsSchema>;

/**
 * Average true range with Wilder's smoothing, as TA-Lib ATR. The true range
 * of a bar needs the previous close: TR = max(high − low, |high − prevClose|,
 * |low − prevClose|), so the first bar only provides a close. The first ATR,
 * at bar N+1, is the mean of the first N true ranges; then
 * ATR = (ATR·(N−1) + TR)/N. Bars must have finite prices and high ≥ low.
 *
 * @example
 * ```ts
 * const a = new AtrState(2);
 * a.update({ open: 10, high: 11, low: 9, close: 10 });   // undefined (no previous close)
 * a.update({ open: 10, high: 12, low: 10, close: 11 });  // undefined: TR = max(2, 2, 0) = 2
 * a.update({ open: 11, high: 11.5, low: 8, close: 9 });  // 2.75: TR = max(3.5, 0.5, 3) = 3.5, (2 + 3.5)/2
 * ```
 */
export class AtrState implements IndicatorState<Ohlc, number> {
  private previousClose: number | undefined;
  private ranges = 0;
  private value = 0;

  constructor(readonly period: number) {
    parseWith(PeriodSchema, period, 'AtrState period');
  }

  get ready(): boolean {
    return this.ranges >= this.period;
  }

  update(bar: Ohlc): number | undefined {
    const high = finiteInput(bar.high, 'atr', 'high');
    const low = finiteInput(bar.low, 'atr', 'low');
    const close = finiteInput(bar.close, 'atr', 'close');
    if (high < low) {
      throw new ValidationError('atr input', [{ field: 'high', value: high, message: `must be >= low (${low})` }]);
    }
    const previousClose = this.previousClose;
    this.previousClose = close;
    if (previousClose === undefined) return undefined;
    const tr = Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
    const n = this.period;
    this.ranges++;
    if (this.ranges < n) {
      this.value += tr;
      return undefined;
    }
    this.value = this.ranges === n ? (this.value + tr) / n : (this.value * (n - 1) + tr) / n;
    return this.value;
  }

  reset(): void {
    this.previousClose = undefined;
    this.ranges = 0;
    this.value = 0;
  }
}

/**
 * Wilder's average true range (see {@link AtrState}) over bars, as an RxJS
 * operator or over an array (same length, `NaN` for the first `period` bars).
 *
 * @example
 * ```ts
 * candles$.pipe(atr({ period: 14 })).subscribe((v) => console.log('ATR14', v));
 * atr(bars, { period: 14 }); // bars[14] holds the first value
 * ```
 */
export function atr(options?: AtrOptions): OperatorFunction<Ohlc, number>;
/**
 * Array form of {@link atr}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * atr(bars, { period: 14 })[14]; // the first ATR
 * ```
 */
export function atr(bars: readonly Ohlc[], options?: AtrOptions): number[];
export function atr(first?: AtrOptions | readonly Ohlc[], second?: AtrOptions): OperatorFunction<Ohlc, number> | number[] {
  const isSeries = Array.isArray(first);
  const { period } = parseWith(AtrOptionsSchema, (isSeries ? second : first) ?? {}, 'atr() options');
  const create = () => new AtrState(period);
  return isSeries ? indicatorSeries(first as readonly Ohlc[], create(), Number.NaN) : indicatorOperator(create);
}
