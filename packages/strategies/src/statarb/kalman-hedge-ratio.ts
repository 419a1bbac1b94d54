import { parseWith } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { indicatorOperator, indicatorSeries } from '../indicators/indicator-operator';
import type { IndicatorState } from '../indicators/indicator-state';
import { finiteInput } from '../indicators/price-source';
import type { XY } from '../indicators/rolling-ols';

const PositiveFinite = z.number().positive({ message: 'must be > 0' }).refine(Number.isFinite, { message: 'must be a finite number' });
const Finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

/**
 * Options of {@link kalmanHedgeRatio}.
 *
 * @example
 * ```ts
 * KalmanHedgeOptionsSchema.parse({}).delta; // 1e-4
 * ```
 */
export const KalmanHedgeOptionsSchema = z.object({
  /**
   * How fast beta and alpha may drift: the state noise covariance is
   * delta/(1 − delta)·I (default 1e-4; smaller is smoother). In (0, 1).
   */
  delta: PositiveFinite.refine((d) => d < 1, { message: 'must be < 1' }).default(1e-4),
  /** Variance of the observation noise of y around alpha + beta·x (default 1e-3). */
  observationVariance: PositiveFinite.default(1e-3),
  /** Prior mean of beta (default 0). */
  initialBeta: Finite.default(0),
  /** Prior mean of alpha (default 0). */
  initialAlpha: Finite.default(0),
  /** Prior variance of beta and alpha (default 1: a loose prior for prices of order 1–100; scale with price²). */
  initialVariance: PositiveFinite.default(1),
});
/** Options of {@link kalmanHedgeRatio}: see {@link KalmanHedgeOptionsSchema}. */
export type KalmanHedgeOptions = z.input<typeof KalmanHedgeOptionsSchema>;

/** One step of the Kalman hedge-ratio filter. */
export interface KalmanHedgeValue {
  /** Filtered hedge ratio after this observation. */
  readonly beta: number;
  /** Filtered intercept after this observation. */
  readonly alpha: number;
  /** One-step forecast error e = y − (alpha + beta·x) with the prior state: the spread. */
  readonly forecastError: number;
  /** Standard deviation √Q of that forecast. */
  readonly forecastStd: number;
  /** e / √Q: the spread as a z-score. */
  readonly zScore: number;
}

/**
 * A time-varying hedge ratio by Kalman filtering (the formulation of
 * E. Chan, "Algorithmic Trading", 2013, §3): the state θ = (beta, alpha)
 * follows a random walk with covariance delta/(1−delta)·I, and
 * y_t = beta·x_t + alpha + ε with Var ε = observationVariance. Each update
 * predicts (R = P + V_w), forms the forecast error e and its variance
 * Q = hᵀRh + V_e with h = (x, 1), then corrects θ += K·e with K = Rh/Q and
 * P = R − K·Kᵀ·Q (kept symmetric by construction). O(1), no warm-up: the
 * first values reflect the prior.
 *
 * @example
 * ```ts
 * const k = new KalmanHedgeState({ delta: 1e-4, observationVariance: 1e-3 });
 * const { beta, zScore } = k.update({ x: 100, y: 151 });
 * ```
 */
export class KalmanHedgeState implements IndicatorState<XY, KalmanHedgeValue> {
  private readonly options: z.output<typeof KalmanHedgeOptionsSchema>;
  private readonly stateNoise: number;
  private beta = 0;
  private alpha = 0;
  private p00 = 0;
  private p01 = 0;
  private p11 = 0;
  private updates = 0;

  constructor(options: KalmanHedgeOptions = {}) {
    this.options = parseWith(KalmanHedgeOptionsSchema, options, 'KalmanHedgeState options');
    this.stateNoise = this.options.delta / (1 - this.options.delta);
    this.reset();
  }

  /** Always `true`: the filter emits from the first observation. */
  get ready(): boolean {
    return this.updates > 0;
  }

  update(point: XY): KalmanHedgeValue {
    const x = finiteInput(point.x, 'kalmanHedgeRatio', 'x');
    const y = finiteInput(point.y, 'kalmanHedgeRatio', 'y');
    const r00 = this.p00 + this.stateNoise;
    const r01 = this.p01;
    const r11 = this.p11 + this.stateNoise;
    const rh0 = r00 * x + r01;
    const rh1 = r01 * x + r11;
    const q = x * rh0 + rh1 + this.options.observationVariance;
    const e = y - (this.beta * x + this.alpha);
    this.beta += (rh0 / q) * e;
    this.alpha += (rh1 / q) * e;
    this.p00 = r00 - (rh0 * rh0) / q;
    this.p01 = r01 - (rh0 * rh1) / q;
    this.p11 = r11 - (rh1 * rh1) / q;
    this.updates++;
    const std = Math.sqrt(q);
    return { beta: this.beta, alpha: this.alpha, forecastError: e, forecastStd: std, zScore: e / std };
  }

  reset(): void {
    this.beta = this.options.initialBeta;
    this.alpha = this.options.initialAlpha;
    this.p00 = this.options.initialVariance;
    this.p01 = 0;
    this.p11 = this.options.initialVariance;
    this.updates = 0;
  }
}

/**
 * The Kalman hedge ratio (see {@link KalmanHedgeState}) as an RxJS operator
 * over `{ x, y }` observations (y explained by x), or over an array.
 *
 * @example
 * ```ts
 * pairs$.pipe(map(({ a, b }) => ({ x: b, y: a })), kalmanHedgeRatio({ delta: 1e-5 }))
 *   .subscribe(({ beta, zScore }) => console.log(beta, zScore));
 * kalmanHedgeRatio([{ x: 1, y: 2 }, { x: 2, y: 4 }], {}); // two KalmanHedgeValue
 * ```
 */
export function kalmanHedgeRatio(options?: KalmanHedgeOptions): OperatorFunction<XY, KalmanHedgeValue>;
/**
 * Array form of {@link kalmanHedgeRatio}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * kalmanHedgeRatio(points, { delta: 1e-5 }).at(-1)?.beta; // the latest hedge ratio
 * ```
 */
export function kalmanHedgeRatio(points: readonly XY[], options?: KalmanHedgeOptions): KalmanHedgeValue[];
export function kalmanHedgeRatio(
  first?: KalmanHedgeOptions | readonly XY[],
  second?: KalmanHedgeOptions,
): OperatorFunction<XY, KalmanHedgeValue> | KalmanHedgeValue[] {
  const isSeries = Array.isArray(first);
  const options = parseWith(KalmanHedgeOptionsSchema, (isSeries ? second : first) ?? {}, 'kalmanHedgeRatio() options');
  const create = () => new KalmanHedgeState(options);
  const warmup: KalmanHedgeValue = {
    beta: Number.NaN,
    alpha: Number.NaN,
    forecastError: Number.NaN,
    forecastStd: Number.NaN,
    zScore: Number.NaN,
  };
  return isSeries ? indicatorSeries(first as readonly XY[], create(), warmup) : indicatorOperator(create);
}
