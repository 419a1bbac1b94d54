import { parseWith } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { indicatorOperator, indicatorSeries } from './indicator-operator';
import type { IndicatorState } from './indicator-state';
import { PeriodSchema } from './period-schema';
import { finiteInput, type PriceInput, PriceSourceSchema } from './price-source';
import { pricedState } from './priced-state';

/**
 * Options of {@link rsi}.
 *
 * @example
 * ```ts
 * RsiOptionsSchema.parse({}); // { period: 14, source: 'close' }
 * ```
 */
export const RsiOptionsSchema = z.object({
  /** Wilder period N (default 14). */
  period: PeriodSchema.default(14),
  /** Price read from bars (default `close`). */
  source: PriceSourceSchema.default('close'),
});
/** Options of {@link rsi}: see {@link RsiOptionsSchema}. */
export type RsiOptions = z.input<typeof RsiOptionsSchema>;

/**
 * Relative strength index with Wilder's smoothing, as TA-Lib computes it:
 * the first value comes at input N+1 (N price changes), from the plain means
 * of the first N gains and losses; after that each average is
 * (previous·(N−1) + current)/N. RSI = 100·avgGain/(avgGain + avgLoss), and
 * 0 when there was no movement at all (TA-Lib's convention).
 *
 * @example
 * ```ts
 * const r = new RsiState(2);
 * // changes +2, −1: avgGain 1, avgLoss 0.5 → 100·1/1.5
 * [10, 12, 11].map((x) => r.update(x)); // [undefined, undefined, 66.666…]
 * ```
 */
export class RsiState implements IndicatorState<number, number> {
  private previous: number | undefined;
  private changes = 0;
  private avgGain = 0;
  private avgLoss = 0;

  constructor(readonly period: number) {
    parseWith(PeriodSchema, period, 'RsiState period');
  }

  get ready(): boolean {
    return this.changes >= this.period;
  }

  update(x: number): number | undefined {
    finiteInput(x, 'rsi', 'value');
    const previous = this.previous;
    this.previous = x;
    if (previous === undefined) return undefined;
    const change = x - previous;
    const gain = Math.max(change, 0);
    const loss = Math.max(-change, 0);
    const n = this.period;
    this.changes++;
    if (this.changes < n) {
      this.avgGain += gain;
      this.avgLoss += loss;
      return undefined;
    }
    if (this.changes === n) {
      this.avgGain = (this.avgGain + gain) / n;
      this.avgLoss = (this.avgLoss + loss) / n;
    } else {
      this.avgGain = (this.avgGain * (n - 1) + gain) / n;
      this.avgLoss = (this.avgLoss * (n - 1) + loss) / n;
    }
    const total = this.avgGain + this.avgLoss;
    // Divide first, as TA-Lib: gain/total ≤ 1 exactly, so the result never exceeds 100.
    return total === 0 ? 0 : 100 * (this.avgGain / total);
  }

  reset(): void {
    this.previous = undefined;
    this.changes = 0;
    this.avgGain = 0;
    this.avgLoss = 0;
  }
}

/**
 * Wilder's RSI (see {@link RsiState}) as an RxJS operator, or over an array
 * (same length, `NaN` for the first `period` inputs).
 *
 * @example
 * ```ts
 * closes$.pipe(rsi({ period: 14 })).subscribe((v) => v > 70 && console.log('overbought'));
 * rsi([10, 12, 11], { period: 2 }); // [NaN, NaN, 66.666…]
 * ```
 */
export function rsi(options?: RsiOptions): OperatorFunction<PriceInput, number>;
/**
 * Array form of {@link rsi}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * rsi([10, 12, 11], { period: 2 }); // [NaN, NaN, 66.666…]
 * ```
 */
export function rsi(values: readonly PriceInput[], options?: RsiOptions): number[];
export function rsi(first?: RsiOptions | readonly PriceInput[], second?: RsiOptions): OperatorFunction<PriceInput, number> | number[] {
  const isSeries = Array.isArray(first);
  const { period, source } = parseWith(RsiOptionsSchema, (isSeries ? second : first) ?? {}, 'rsi() options');
  const create = () => pricedState(new RsiState(period), source, 'rsi');
  return isSeries ? indicatorSeries(first as readonly PriceInput[], create(), Number.NaN) : indicatorOperator(create);
}
