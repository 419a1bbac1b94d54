import { parseWith } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { indicatorOperator, indicatorSeries } from './indicator-operator';
import type { IndicatorState } from './indicator-state';
import { PeriodSchema } from './period-schema';
import { finiteInput, type PriceInput, PriceSourceSchema } from './price-source';
import { pricedState } from './priced-state';
import { RollingMoments } from './rolling-moments';

const Multiplier = z.number().nonnegative({ message: 'must be >= 0' }).refine(Number.isFinite, { message: 'must be a finite number' });

/**
 * Options of {@link bollinger}.
 *
 * @example
 * ```ts
 * BollingerOptionsSchema.parse({ period: 20 }); // { period: 20, stdDevUp: 2, stdDevDown: 2, source: 'close' }
 * ```
 */
export const BollingerOptionsSchema = z.object({
  /** Window length (default 20). */
  period: PeriodSchema.default(20),
  /** Standard deviations from the middle band to the upper band (default 2). */
  stdDevUp: Multiplier.default(2),
  /** Standard deviations from the middle band to the lower band (default 2). */
  stdDevDown: Multiplier.default(2),
  /** Price read from bars (default `close`). */
  source: PriceSourceSchema.default('close'),
});
/** Options of {@link bollinger}: see {@link BollingerOptionsSchema}. */
export type BollingerOptions = z.input<typeof BollingerOptionsSchema>;

/** One set of Bollinger bands. */
export interface BollingerValue {
  readonly upper: number;
  /** The SMA of the window. */
  readonly middle: number;
  readonly lower: number;
}

const WARMUP: BollingerValue = Object.freeze({ upper: Number.NaN, middle: Number.NaN, lower: Number.NaN });

/**
 * Bollinger bands as TA-Lib BBANDS with a simple moving average: middle =
 * SMA(N), upper/lower = middle ± k·σ where σ is the population standard
 * deviation of the same N values; first value at the N-th input.
 *
 * @example
 * ```ts
 * const b = new BollingerState(2, 2, 2);
 * [1, 3].map((x) => b.update(x)); // [undefined, { upper: 4, middle: 2, lower: 0 }]
 * ```
 */
export class BollingerState implements IndicatorState<number, BollingerValue> {
  private readonly moments: RollingMoments;

  constructor(
    readonly period: number,
    readonly stdDevUp = 2,
    readonly stdDevDown = 2,
  ) {
    parseWith(BollingerOptionsSchema, { period, stdDevUp, stdDevDown }, 'BollingerState options');
    this.moments = new RollingMoments(period);
  }

  get ready(): boolean {
    return this.moments.full;
  }

  update(x: number): BollingerValue | undefined {
    this.moments.push(finiteInput(x, 'bollinger', 'value'));
    if (!this.moments.full) return undefined;
    const middle = this.moments.mean;
    const sd = this.moments.stddev;
    return { upper: middle + this.stdDevUp * sd, middle, lower: middle - this.stdDevDown * sd };
  }

  reset(): void {
    this.moments.reset();
  }
}

/**
 * Bollinger bands (see {@link BollingerState}) as an RxJS operator, or over
 * an array (same length, all-`NaN` objects during warm-up).
 *
 * @example
 * ```ts
 * candles$.pipe(bollinger({ period: 20, stdDevUp: 2, stdDevDown: 2 })).subscribe(({ upper, lower }) => console.log(upper - lower));
 * bollinger([1, 3], { period: 2 }); // [{ NaN… }, { upper: 4, middle: 2, lower: 0 }]
 * ```
 */
export function bollinger(options?: BollingerOptions): OperatorFunction<PriceInput, BollingerValue>;
/**
 * Array form of {@link bollinger}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * bollinger([1, 3], { period: 2 })[1]; // { upper: 4, middle: 2, lower: 0 }
 * ```
 */
export function bollinger(values: readonly PriceInput[], options?: BollingerOptions): BollingerValue[];
export function bollinger(
  first?: BollingerOptions | readonly PriceInput[],
  second?: BollingerOptions,
): OperatorFunction<PriceInput, BollingerValue> | BollingerValue[] {
  const isSeries = Array.isArray(first);
  const o = parseWith(BollingerOptionsSchema, (isSeries ? second : first) ?? {}, 'bollinger() options');
  const create = () => pricedState(new BollingerState(o.period, o.stdDevUp, o.stdDevDown), o.source, 'bollinger');
  return isSeries ? indicatorSeries(first as readonly PriceInput[], create(), WARMUP) : indicatorOperator(create);
}
