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
 * Options of {@link stddev}.
 *
 * @example
 * ```ts
 * StddevOptionsSchema.parse({ period: 20 }); // { period: 20, source: 'close' }
 * ```
 */
export const StddevOptionsSchema = z.object({
  /** Window length. */
  period: PeriodSchema,
  /** Price read from bars (default `close`). */
  source: PriceSourceSchema.default('close'),
});
/** Options of {@link stddev}: see {@link StddevOptionsSchema}. */
export type StddevOptions = z.input<typeof StddevOptionsSchema>;

/**
 * Rolling population standard deviation (TA-Lib STDDEV with nbDev 1: the
 * variance divides by N, not N−1), first value at the N-th input; exactly 0
 * on a flat window. Built on {@link RollingMoments}.
 *
 * @example
 * ```ts
 * const s = new StddevState(2);
 * [1, 3, 3].map((x) => s.update(x)); // [undefined, 1, 0]
 * ```
 */
export class StddevState implements IndicatorState<number, number> {
  private readonly moments: RollingMoments;

  constructor(readonly period: number) {
    parseWith(PeriodSchema, period, 'StddevState period');
    this.moments = new RollingMoments(period);
  }

  get ready(): boolean {
    return this.moments.full;
  }

  update(x: number): number | undefined {
    this.moments.push(finiteInput(x, 'stddev', 'value'));
    return this.moments.full ? this.moments.stddev : undefined;
  }

  reset(): void {
    this.moments.reset();
  }
}

/**
 * Rolling population standard deviation (see {@link StddevState}) as an
 * RxJS operator, or over an array (same length, `NaN` during warm-up).
 *
 * @example
 * ```ts
 * returns$.pipe(stddev({ period: 30 })).subscribe((vol) => console.log('30-bar vol', vol));
 * stddev([1, 3, 3], { period: 2 }); // [NaN, 1, 0]
 * ```
 */
export function stddev(options: StddevOptions): OperatorFunction<PriceInput, number>;
/**
 * Array form of {@link stddev}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * stddev([1, 3, 3], { period: 2 }); // [NaN, 1, 0]
 * ```
 */
export function stddev(values: readonly PriceInput[], options: StddevOptions): number[];
export function stddev(
  first: StddevOptions | readonly PriceInput[],
  second?: StddevOptions,
): OperatorFunction<PriceInput, number> | number[] {
  const isSeries = Array.isArray(first);
  const { period, source } = parseWith(StddevOptionsSchema, isSeries ? second : first, 'stddev() options');
  const create = () => pricedState(new StddevState(period), source, 'stddev');
  return isSeries ? indicatorSeries(first as readonly PriceInput[], create(), Number.NaN) : indicatorOperator(create);
}
