import { parseWith } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { indicatorOperator, indicatorSeries } from './indicator-operator';
import type { IndicatorState } from './indicator-state';
import { PeriodSchema } from './period-schema';
import { finiteInput } from './price-source';
import { RollingCoMoments } from './rolling-co-moments';

/** One observation of a regression: `y` is explained by `x`. */
export interface XY {
  readonly x: number;
  readonly y: number;
}

/**
 * Options of {@link rollingOLS}.
 *
 * @example
 * ```ts
 * RollingOlsOptionsSchema.parse({ period: 60 }); // ok; { period: 1 } fails
 * ```
 */
export const RollingOlsOptionsSchema = z.object({
  /** Window length (≥ 2: a line needs two points). */
  period: PeriodSchema.refine((p) => p >= 2, { message: 'must be >= 2' }),
});
/** Options of {@link rollingOLS}: see {@link RollingOlsOptionsSchema}. */
export type RollingOlsOptions = z.input<typeof RollingOlsOptionsSchema>;

/** Least-squares fit y ≈ alpha + beta·x over one window. */
export interface OlsValue {
  /** Slope: cov(x, y) / var(x). */
  readonly beta: number;
  /** Intercept: ȳ − beta·x̄. */
  readonly alpha: number;
  /** Coefficient of determination: cov² / (var(x)·var(y)); 1 when y is flat (residuals are all zero). */
  readonly rSquared: number;
  /** Population standard deviation of the residuals over the window: √(SSR / N). */
  readonly residualStd: number;
}

const WARMUP: OlsValue = Object.freeze({ beta: Number.NaN, alpha: Number.NaN, rSquared: Number.NaN, residualStd: Number.NaN });

/**
 * Ordinary least squares of y on x (with intercept) over the last N pairs,
 * O(1) amortized per pair through {@link RollingCoMoments}. First value at
 * the N-th pair. A window where x is flat has no slope: the state returns
 * `undefined` for it (operators skip it, arrays hold `NaN`).
 *
 * @example
 * ```ts
 * const o = new RollingOlsState(3);
 * [{ x: 1, y: 3 }, { x: 2, y: 5 }, { x: 3, y: 7 }].map((p) => o.update(p));
 * // [undefined, undefined, { beta: 2, alpha: 1, rSquared: 1, residualStd: 0 }]
 * ```
 */
export class RollingOlsState implements IndicatorState<XY, OlsValue> {
  private readonly moments: RollingCoMoments;
  private lastReady = false;

  constructor(readonly period: number) {
    parseWith(RollingOlsOptionsSchema, { period }, 'RollingOlsState options');
    this.moments = new RollingCoMoments(period);
  }

  get ready(): boolean {
    return this.lastReady;
  }

  update(point: XY): OlsValue | undefined {
    this.moments.push(finiteInput(point.x, 'rollingOLS', 'x'), finiteInput(point.y, 'rollingOLS', 'y'));
    const m = this.moments;
    this.lastReady = m.full && !m.flatX;
    if (!this.lastReady) return undefined;
    const beta = m.sxy / m.sxx;
    const alpha = m.meanY - beta * m.meanX;
    if (m.flatY) return { beta, alpha, rSquared: 1, residualStd: 0 };
    const explained = (m.sxy * m.sxy) / m.sxx;
    const ssr = Math.max(0, m.syy - explained);
    return { beta, alpha, rSquared: Math.min(1, explained / m.syy), residualStd: Math.sqrt(ssr / m.count) };
  }

  reset(): void {
    this.moments.reset();
    this.lastReady = false;
  }
}

/**
 * Rolling OLS of y on x (see {@link RollingOlsState}) as an RxJS operator
 * over `{ x, y }` pairs, or over an array of pairs (same length, all-`NaN`
 * objects during warm-up and on windows where x is flat).
 *
 * @example
 * ```ts
 * pairs$.pipe(map(([a, b]) => ({ x: b.close, y: a.close })), rollingOLS({ period: 120 }))
 *   .subscribe(({ beta }) => console.log('hedge ratio', beta));
 * rollingOLS([{ x: 1, y: 3 }, { x: 2, y: 5 }], { period: 2 }); // [NaN…, { beta: 2, alpha: 1, … }]
 * ```
 */
export function rollingOLS(options: RollingOlsOptions): OperatorFunction<XY, OlsValue>;
/**
 * Array form of {@link rollingOLS}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * rollingOLS([{ x: 1, y: 3 }, { x: 2, y: 5 }], { period: 2 })[1]; // { beta: 2, alpha: 1, rSquared: 1, residualStd: 0 }
 * ```
 */
export function rollingOLS(points: readonly XY[], options: RollingOlsOptions): OlsValue[];
export function rollingOLS(
  first: RollingOlsOptions | readonly XY[],
  second?: RollingOlsOptions,
): OperatorFunction<XY, OlsValue> | OlsValue[] {
  const isSeries = Array.isArray(first);
  const { period } = parseWith(RollingOlsOptionsSchema, isSeries ? second : first, 'rollingOLS() options');
  const create = () => new RollingOlsState(period);
  return isSeries ? indicatorSeries(first as readonly XY[], create(), WARMUP) : indicatorOperator(create);
}
