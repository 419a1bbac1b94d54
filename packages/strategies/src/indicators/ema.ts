import { parseWith } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { indicatorOperator, indicatorSeries } from './indicator-operator';
import type { IndicatorState } from './indicator-state';
import { NeumaierSum } from './neumaier-sum';
import { PeriodSchema } from './period-schema';
import { finiteInput, type PriceInput, PriceSourceSchema } from './price-source';
import { pricedState } from './priced-state';

/**
 * Options of {@link ema}.
 *
 * @example
 * ```ts
 * EmaOptionsSchema.parse({ period: 21 }); // { period: 21, source: 'close' }
 * ```
 */
export const EmaOptionsSchema = z.object({
  /** Period N; the smoothing factor is k = 2 / (N + 1). */
  period: PeriodSchema,
  /** Price read from bars (default `close`). */
  source: PriceSourceSchema.default('close'),
});
/** Options of {@link ema}: see {@link EmaOptionsSchema}. */
export type EmaOptions = z.input<typeof EmaOptionsSchema>;

/**
 * Exponential moving average as TA-Lib defines it (default compatibility):
 * the first value, at the `period`-th input, is the SMA of the first
 * `period` inputs; after that EMA = EMA + k·(x − EMA) with k = 2/(period+1).
 * The recursion is a contraction, so rounding does not accumulate.
 *
 * @example
 * ```ts
 * const e = new EmaState(3); // k = 0.5
 * [1, 2, 3, 5].map((x) => e.update(x)); // [undefined, undefined, 2, 3.5]
 * ```
 */
export class EmaState implements IndicatorState<number, number> {
  /** Smoothing factor 2 / (period + 1). */
  readonly k: number;
  private readonly seed = new NeumaierSum();
  private count = 0;
  private value = 0;

  constructor(readonly period: number) {
    parseWith(PeriodSchema, period, 'EmaState period');
    this.k = 2 / (period + 1);
  }

  get ready(): boolean {
    return this.count >= this.period;
  }

  update(x: number): number | undefined {
    finiteInput(x, 'ema', 'value');
    if (this.count >= this.period) {
      this.value += (x - this.value) * this.k;
      return this.value;
    }
    this.seed.add(x);
    this.count++;
    if (this.count < this.period) return undefined;
    this.value = this.seed.value / this.period;
    return this.value;
  }

  /**
   * Starts the recursion from a given value, as if `period` inputs had
   * already been seen (MACD seeds its fast EMA this way).
   */
  seedWith(value: number): void {
    this.value = finiteInput(value, 'ema', 'seed');
    this.count = this.period;
  }

  reset(): void {
    this.seed.reset();
    this.count = 0;
    this.value = 0;
  }
}

/**
 * Exponential moving average (TA-Lib seeding, see {@link EmaState}) as an
 * RxJS operator, or over an array (same length, `NaN` during warm-up).
 *
 * @example
 * ```ts
 * closes$.pipe(ema({ period: 21 })).subscribe(console.log);
 * ema([1, 2, 3, 5], { period: 3 }); // [NaN, NaN, 2, 3.5]
 * ```
 */
export function ema(options: EmaOptions): OperatorFunction<PriceInput, number>;
/**
 * Array form of {@link ema}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * ema([1, 2, 3, 5], { period: 3 }); // [NaN, NaN, 2, 3.5]
 * ```
 */
export function ema(values: readonly PriceInput[], options: EmaOptions): number[];
export function ema(first: EmaOptions | readonly PriceInput[], second?: EmaOptions): OperatorFunction<PriceInput, number> | number[] {
  const isSeries = Array.isArray(first);
  const { period, source } = parseWith(EmaOptionsSchema, isSeries ? second : first, 'ema() options');
  const create = () => pricedState(new EmaState(period), source, 'ema');
  return isSeries ? indicatorSeries(first as readonly PriceInput[], create(), Number.NaN) : indicatorOperator(create);
}
