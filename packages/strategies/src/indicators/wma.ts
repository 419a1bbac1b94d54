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
 * Options of {@link wma}.
 *
 * @example
 * ```ts
 * WmaOptionsSchema.parse({ period: 10 }); // { period: 10, source: 'close' }
 * ```
 */
export const WmaOptionsSchema = z.object({
  /** Window length N. */
  period: PeriodSchema,
  /** Price read from bars (default `close`). */
  source: PriceSourceSchema.default('close'),
});
/** Options of {@link wma}: see {@link WmaOptionsSchema}. */
export type WmaOptions = z.input<typeof WmaOptionsSchema>;

/**
 * Linearly weighted moving average (TA-Lib WMA): the newest value weighs N,
 * the oldest 1, divided by N(N+1)/2; first value at the N-th input. Both the
 * plain and the weighted window sums slide in O(1) (weighted' = weighted −
 * plain + N·x) with compensated sums, and are recomputed exactly from the
 * window every N slides so no error builds up.
 *
 * @example
 * ```ts
 * const w = new WmaState(3); // weights 1, 2, 3 over 6
 * [1, 2, 3, 6].map((x) => w.update(x)); // [undefined, undefined, 14/6, 26/6]
 * ```
 */
export class WmaState implements IndicatorState<number, number> {
  private readonly window: RingBuffer;
  private readonly plain = new NeumaierSum();
  private readonly weighted = new NeumaierSum();
  private readonly divider: number;
  private slides = 0;

  constructor(readonly period: number) {
    parseWith(PeriodSchema, period, 'WmaState period');
    this.window = new RingBuffer(period);
    this.divider = (period * (period + 1)) / 2;
  }

  get ready(): boolean {
    return this.window.full;
  }

  update(x: number): number | undefined {
    finiteInput(x, 'wma', 'value');
    const evicted = this.window.push(x);
    if (evicted === undefined) {
      // Filling: the k-th value (1-based) gets weight k.
      this.weighted.add(this.window.length * x);
      this.plain.add(x);
    } else {
      this.weighted.addSum(this.plain, -1);
      this.weighted.add(this.period * x);
      this.plain.add(x);
      this.plain.add(-evicted);
      if (++this.slides >= this.period) this.refresh();
    }
    return this.window.full ? this.weighted.value / this.divider : undefined;
  }

  reset(): void {
    this.window.clear();
    this.plain.reset();
    this.weighted.reset();
    this.slides = 0;
  }

  private refresh(): void {
    // Rebuilt in place: rounding either sum to one double would leave a
    // residue of the size of past values once they leave the window.
    this.plain.reset();
    this.weighted.reset();
    for (let i = 0; i < this.period; i++) {
      const v = this.window.at(i);
      this.plain.add(v);
      this.weighted.add((i + 1) * v);
    }
    this.slides = 0;
  }
}

/**
 * Weighted moving average (see {@link WmaState}) as an RxJS operator, or
 * over an array (same length, `NaN` during warm-up).
 *
 * @example
 * ```ts
 * closes$.pipe(wma({ period: 10 })).subscribe(console.log);
 * wma([1, 2, 3, 6], { period: 3 }); // [NaN, NaN, 2.333…, 4.333…]
 * ```
 */
export function wma(options: WmaOptions): OperatorFunction<PriceInput, number>;
/**
 * Array form of {@link wma}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * wma([1, 2, 3, 6], { period: 3 }); // [NaN, NaN, 14/6, 26/6]
 * ```
 */
export function wma(values: readonly PriceInput[], options: WmaOptions): number[];
export function wma(first: WmaOptions | readonly PriceInput[], second?: WmaOptions): OperatorFunction<PriceInput, number> | number[] {
  const isSeries = Array.isArray(first);
  const { period, source } = parseWith(WmaOptionsSchema, isSeries ? second : first, 'wma() options');
  const create = () => pricedState(new WmaState(period), source, 'wma');
  return isSeries ? indicatorSeries(first as readonly PriceInput[], create(), Number.NaN) : indicatorOperator(create);
}
