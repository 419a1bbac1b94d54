import { parseWith } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { indicatorOperator, indicatorSeries } from './indicator-operator';
import type { IndicatorState } from './indicator-state';
import { PeriodSchema } from './period-schema';
import { finiteInput, type PriceInput, PriceSourceSchema } from './price-source';
import { pricedState } from './priced-state';
import { RollingMoments } from './rolling-moments';

/**
 * Options of {@link zscore}.
 *
 * @example
 * ```ts
 * ZscoreOptionsSchema.parse({ period: 100 }); // { period: 100, source: 'close' }
 * ```
 */
export const ZscoreOptionsSchema = z.object({
  /** Window length (the current value is part of the window). */
  period: PeriodSchema,
  /** Price read from bars (default `close`). */
  source: PriceSourceSchema.default('close'),
});
/** Options of {@link zscore}: see {@link ZscoreOptionsSchema}. */
export type ZscoreOptions = z.input<typeof ZscoreOptionsSchema>;

/**
 * Rolling z-score: (x − mean) / stddev over the last N values including x,
 * with the population standard deviation (as {@link stddev}); first value at
 * the N-th input. A flat window gives 0 (x equals the mean), not NaN.
 *
 * @example
 * ```ts
 * const z = new ZscoreState(3);
 * // window 1, 2, 6: mean 3, population sd √(14/3) → (6 − 3)/2.160…
 * [1, 2, 6].map((x) => z.update(x)); // [undefined, undefined, 1.3887…]
 * ```
 */
export class ZscoreState implements IndicatorState<number, number> {
  private readonly moments: RollingMoments;

  constructor(readonly period: number) {
    parseWith(PeriodSchema, period, 'ZscoreState period');
    this.moments = new RollingMoments(period);
  }

  get ready(): boolean {
    return this.moments.full;
  }

  update(x: number): number | undefined {
    this.moments.push(finiteInput(x, 'zscore', 'value'));
    if (!this.moments.full) return undefined;
    const sd = this.moments.stddev;
    return sd === 0 ? 0 : (x - this.moments.mean) / sd;
  }

  reset(): void {
    this.moments.reset();
  }
}

/**
 * Rolling z-score (see {@link ZscoreState}) as an RxJS operator, or over an
 * array (same length, `NaN` during warm-up).
 *
 * @example
 * ```ts
 * spread$.pipe(zscore({ period: 100 })).subscribe((z) => Math.abs(z) > 2 && console.log('stretched', z));
 * zscore([1, 2, 6], { period: 3 }); // [NaN, NaN, 1.3887…]
 * ```
 */
export function zscore(options: ZscoreOptions): OperatorFunction<PriceInput, number>;
/**
 * Array form of {@link zscore}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * zscore([1, 2, 6], { period: 3 }); // [NaN, NaN, 1.3887…]
 * ```
 */
export function zscore(values: readonly PriceInput[], options: ZscoreOptions): number[];
export function zscore(
  first: ZscoreOptions | readonly PriceInput[],
  second?: ZscoreOptions,
): OperatorFunction<PriceInput, number> | number[] {
  const isSeries = Array.isArray(first);
  const { period, source } = parseWith(ZscoreOptionsSchema, isSeries ? second : first, 'zscore() options');
  const create = () => pricedState(new ZscoreState(period), source, 'zscore');
  return isSeries ? indicatorSeries(first as readonly PriceInput[], create(), Number.NaN) : indicatorOperator(create);
}
