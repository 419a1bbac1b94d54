import { parseWith, ValidationError } from '@arbot/core';
import { Matrix, solve } from 'ml-matrix';
import { z } from 'zod';
import { NeumaierSum } from '../indicators/neumaier-sum';
import { AutolagSchema, adfRegression, resolveMaxLag, selectLag } from './adf-test';
import { assertFiniteSeries } from './finite-series';
import { type CriticalValues, type MackinnonRegression, mackinnonCriticalValues, mackinnonPValue, RegressionSchema } from './mackinnon';
import { CollinearSeriesError, SingularMatrixError } from './statarb-errors';

/**
 * Options of {@link engleGranger}.
 *
 * @example
 * ```ts
 * EngleGrangerOptionsSchema.parse({ trend: 'ct' }); // { trend: 'ct', autolag: 'AIC' }
 * ```
 */
export const EngleGrangerOptionsSchema = z.object({
  /** Deterministic terms of the cointegrating regression: `c` constant (default), `ct` constant + trend, `n` none. */
  trend: RegressionSchema.default('c'),
  /** Largest lag of the residual ADF regression (default: Schwert's rule, see {@link adfTest}). */
  maxLag: z.number().int().min(0).nullable().optional(),
  /** Lag selection of the residual ADF regression (default `AIC`; `null` uses maxLag). */
  autolag: AutolagSchema.nullable().default('AIC'),
});
/** Options of {@link engleGranger}: see {@link EngleGrangerOptionsSchema}. */
export type EngleGrangerOptions = z.input<typeof EngleGrangerOptionsSchema>;

/** Result of {@link engleGranger}. */
export interface EngleGrangerResult {
  /** τ of the ADF regression (no constant) on the residuals. */
  readonly statistic: number;
  /** MacKinnon p-value for two series and the cointegrating regression's terms. */
  readonly pValue: number;
  /** MacKinnon (2010) critical values for T = nobs − 1; `null` for trend `n` (none are published). */
  readonly criticalValues: CriticalValues | null;
  /** Units of x per unit of y: the slope of y on x. */
  readonly hedgeRatio: number;
  /** Intercept of the cointegrating regression (0 for trend `n`; for `ct` the value at t = 0 with t = 1, 2, … as statsmodels). */
  readonly intercept: number;
  /** Slope on the time index t = 1, 2, … (0 unless trend `ct`). */
  readonly trendSlope: number;
  /** y − intercept − hedgeRatio·x − trendSlope·t: the spread. */
  readonly residuals: number[];
  /** Lagged differences in the residual ADF regression. */
  readonly usedLag: number;
  /** Observations in the residual ADF regression. */
  readonly nobs: number;
}

/** statsmodels' collinearity cut-off: R² ≥ 1 − 100·√ε means no residual worth testing. */
const COLLINEAR_R2 = 1 - 100 * Math.sqrt(Number.EPSILON);

/**
 * Engle–Granger two-step cointegration test of y on x, as statsmodels'
 * `coint`: regress y on x (with the `trend` terms), then run an ADF test
 * without deterministic terms on the residuals and read its τ against
 * MacKinnon's distribution for two series. A small p-value rejects "no
 * cointegration": y − hedgeRatio·x is mean-reverting.
 *
 * Throws `CollinearSeriesError` when x explains y perfectly (statsmodels
 * returns −∞ there), `InsufficientDataError` when the series are too short,
 * and a `ValidationError` for unequal lengths, non-finite values or bad options.
 *
 * @example
 * ```ts
 * const eg = engleGranger(logBtcUsdc, logBtcUsdt, { trend: 'c' });
 * if (eg.pValue < 0.05) console.log('hedge', eg.hedgeRatio, 'spread', eg.residuals.at(-1));
 * ```
 */
export function engleGranger(y: readonly number[], x: readonly number[], options: EngleGrangerOptions = {}): EngleGrangerResult {
  const { trend, maxLag, autolag } = parseWith(EngleGrangerOptionsSchema, options, 'engleGranger() options');
  assertFiniteSeries(y, 'engleGranger y', 3);
  assertFiniteSeries(x, 'engleGranger x', 3);
  if (x.length !== y.length) {
    throw new ValidationError('engleGranger series', [{ field: 'x', value: x.length, message: `length must equal y's (${y.length})` }]);
  }
  const fit = cointegratingRegression(y, x, trend);
  if (!Number.isFinite(fit.beta) || !Number.isFinite(fit.gamma))
    throw new SingularMatrixError('engleGranger', 'the x design (constant x?)');
  if (!(fit.rSquared < Number.POSITIVE_INFINITY)) throw new SingularMatrixError('engleGranger', 'the y variation (constant y?)');
  if (fit.rSquared >= COLLINEAR_R2) throw new CollinearSeriesError('engleGranger', fit.rSquared);
  const lags = resolveMaxLag(fit.residuals.length, 'n', maxLag ?? undefined);
  const usedLag = autolag === null ? lags : selectLag(fit.residuals, lags, 'n', autolag);
  const { statistic, nobs } = adfRegression(fit.residuals, usedLag, 'n');
  return {
    statistic,
    pValue: mackinnonPValue(statistic, trend, 2),
    criticalValues: trend === 'n' ? null : mackinnonCriticalValues(2, trend, y.length - 1),
    hedgeRatio: fit.beta,
    intercept: fit.alpha,
    trendSlope: fit.gamma,
    residuals: fit.residuals,
    usedLag,
    nobs,
  };
}

interface CointegratingFit {
  readonly beta: number;
  readonly alpha: number;
  readonly gamma: number;
  readonly residuals: number[];
  /** Centred R² with a constant, uncentred without (as statsmodels). */
  readonly rSquared: number;
}

function cointegratingRegression(y: readonly number[], x: readonly number[], trend: MackinnonRegression): CointegratingFit {
  const n = y.length;
  if (trend === 'n') {
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      const yi = y[i] as number;
      sxy += xi * yi;
      sxx += xi * xi;
      syy += yi * yi;
    }
    const beta = sxy / sxx;
    const residuals = y.map((yi, i) => yi - beta * (x[i] as number));
    return { beta, alpha: 0, gamma: 0, residuals, rSquared: 1 - sumOfSquares(residuals) / syy };
  }
  const my = mean(y);
  const mx = mean(x);
  let tss = 0;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    tss += dy * dy;
    sxy += dx * dy;
    sxx += dx * dx;
  }
  let beta = sxy / sxx;
  let gamma = 0;
  if (trend === 'ct') {
    // Frisch–Waugh: centred y on centred [x, t]; least squares by QR (x may trend with t).
    const tMean = (n + 1) / 2;
    const design = new Matrix(n, 2);
    const target = new Matrix(n, 1);
    for (let i = 0; i < n; i++) {
      design.set(i, 0, (x[i] as number) - mx);
      design.set(i, 1, i + 1 - tMean);
      target.set(i, 0, (y[i] as number) - my);
    }
    const coef = solve(design, target);
    beta = coef.get(0, 0);
    gamma = coef.get(1, 0);
  }
  // Intercept for the statsmodels time index t = 1…n.
  const alpha = my - beta * mx - gamma * ((n + 1) / 2);
  const residuals = y.map((yi, i) => yi - alpha - beta * (x[i] as number) - gamma * (i + 1));
  return { beta, alpha, gamma, residuals, rSquared: 1 - sumOfSquares(residuals) / tss };
}

function mean(values: readonly number[]): number {
  const sum = new NeumaierSum();
  for (const v of values) sum.add(v);
  const first = sum.value / values.length;
  const residual = new NeumaierSum();
  for (const v of values) residual.add(v - first);
  return first + residual.value / values.length;
}

function sumOfSquares(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v * v;
  return s;
}
