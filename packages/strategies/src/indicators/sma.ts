import { parseWith } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { indicatorOperator, indicatorSeries } from './indicator-operator';
import type { IndicatorState } from './indicator-state';
import { NeumaierSum } from './neumaier-sum';
import { PeriodSchema } from './period-schema';
import { finiteInput, type PriceInput, PriceSourceSchema } from './price-source';
import { pricedState } from './priced-state';
import { RingBuffer } from './ring-buffer';

/**
 * Options of {@link sma}.
 *
 * @example
 * ```ts
 * SmaOptionsSchema.parse({ period: 20 }); // { period: 20, source: 'close' }
 * ```
 */
export const SmaOptionsSchema = z.object({
  /** Window length. */
  period: PeriodSchema,
  /** Price read from bars (default `close`). */
  source: PriceSourceSchema.default('close'),
});
/** Options of {@link sma}: see {@link SmaOptionsSchema}. */
export type SmaOptions = z.input<typeof SmaOptionsSchema>;

/**
 * Simple moving average (TA-Lib SMA): the mean of the last `period` values,
 * first available at the `period`-th input. The window sum is a compensated
 * (Neumaier) running sum, so it does not drift over millions of updates.
 *
 * @example
 * ```ts
 * const s = new SmaState(3);
 * [1, 2, 3, 4].map((x) => s.update(x)); // [undefined, undefined, 2, 3]
 * ```
 */
export class SmaState implements IndicatorState<number, number> {
  private readonly window: RingBuffer;
  private readonly sum = new NeumaierSum();

  constructor(readonly period: number) {
    parseWith(PeriodSchema, period, 'SmaState period');
    this.window = new RingBuffer(period);
  }

  get ready(): boolean {
    return this.window.full;
  }

  update(x: number): number | undefined {
    finiteInput(x, 'sma', 'value');
    const evicted = this.window.push(x);
    this.sum.add(x);
    if (evicted !== undefined) this.sum.add(-evicted);
    return this.window.full ? this.sum.value / this.period : undefined;
  }

  reset(): void {
    this.window.clear();
    this.sum.reset();
  }
}

/**
 * Simple moving average as an RxJS operator (emits from the `period`-th
 * input on), or over an array (same length, `NaN` during warm-up).
 *
 * @example
 * ```ts
 * closes$.pipe(sma({ period: 20 })).subscribe((v) => console.log('SMA20', v));
 * candles$.pipe(sma({ period: 20, source: 'hlc3' }));
 * sma([1, 2, 3, 4], { period: 3 }); // [NaN, NaN, 2, 3]
 * ```
 */
export function sma(options: SmaOptions): OperatorFunction<PriceInput, number>;
/**
 * Array form of {@link sma}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * sma([1, 2, 3, 4], { period: 3 }); // [NaN, NaN, 2, 3]
 * ```
 */
export function sma(values: readonly PriceInput[], options: SmaOptions): number[];
export function sma(first: SmaOptions | readonly PriceInput[], second?: SmaOptions): OperatorFunction<PriceInput, number> | number[] {
  const isSeries = Array.isArray(first);
  const { period, source } = parseWith(SmaOptionsSchema, isSeries ? second : first, 'sma() options');
  const create = () => pricedState(new SmaState(period), source, 'sma');
  return isSeries ? indicatorSeries(first as readonly PriceInput[], create(), Number.NaN) : indicatorOperator(create);
}
