import { NeumaierSum } from '../indicators/neumaier-sum';
import { assertFiniteSeries } from './finite-series';
import { SingularMatrixError } from './statarb-errors';

/** The AR(1) fit behind {@link halfLife}. */
export interface MeanReversionFit {
  /** Persistence φ = 1 + b of s_t = c + φ·s_{t−1} + ε. */
  readonly phi: number;
  /** The constant c (= a of the differenced regression). */
  readonly intercept: number;
  /** Bars for a deviation to halve: −ln 2 / ln|φ|; `Infinity` when |φ| ≥ 1 (no reversion). */
  readonly halfLife: number;
}

/**
 * Least-squares fit of Δs_t = a + b·s_{t−1} + ε (the discrete
 * Ornstein–Uhlenbeck / AR(1) form of a spread) and the implied half-life of
 * deviations, −ln 2 / ln|1 + b| bars. The exact AR(1) expression is used
 * rather than the continuous approximation −ln 2 / b, which overstates
 * fast reversion. Throws `SingularMatrixError` for a constant spread.
 *
 * @example
 * ```ts
 * const { phi, halfLife } = meanReversionFit(eg.residuals);
 * console.log(`φ = ${phi.toFixed(3)}, half-life ${halfLife.toFixed(1)} bars`);
 * ```
 */
export function meanReversionFit(spread: readonly number[]): MeanReversionFit {
  assertFiniteSeries(spread, 'halfLife spread', 3);
  const n = spread.length - 1;
  const lagSum = new NeumaierSum();
  const diffSum = new NeumaierSum();
  for (let t = 1; t <= n; t++) {
    lagSum.add(spread[t - 1] as number);
    diffSum.add((spread[t] as number) - (spread[t - 1] as number));
  }
  const lagMean = lagSum.value / n;
  const diffMean = diffSum.value / n;
  let sxx = 0;
  let sxy = 0;
  for (let t = 1; t <= n; t++) {
    const x = (spread[t - 1] as number) - lagMean;
    sxx += x * x;
    sxy += x * ((spread[t] as number) - (spread[t - 1] as number) - diffMean);
  }
  if (!(sxx > 0)) throw new SingularMatrixError('halfLife', 'the lagged spread (constant spread?)');
  const b = sxy / sxx;
  const phi = 1 + b;
  const persistence = Math.abs(phi);
  return {
    phi,
    intercept: diffMean - b * lagMean,
    halfLife: persistence < 1 ? -Math.LN2 / Math.log(persistence) : Number.POSITIVE_INFINITY,
  };
}

/**
 * Half-life of mean reversion of a spread, in bars (see
 * {@link meanReversionFit}): `Infinity` for a spread that does not revert.
 *
 * @example
 * ```ts
 * halfLife([1, 0.5, 0.25, 0.125, 0.0625]); // 1 (each step halves the deviation: φ = 0.5)
 * ```
 */
export function halfLife(spread: readonly number[]): number {
  return meanReversionFit(spread).halfLife;
}
