import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { type AdfColumn, AdfGram } from './adf-gram';
import { assertFiniteSeries } from './finite-series';
import { type CriticalValues, type MackinnonRegression, mackinnonCriticalValues, mackinnonPValue, RegressionSchema } from './mackinnon';
import { NestedRegressions } from './nested-regressions';
import { InsufficientDataError } from './statarb-errors';

/**
 * How the number of lagged differences is chosen among 0…maxLag.
 *
 * @example
 * ```ts
 * AutolagSchema.parse('BIC'); // 'BIC'
 * ```
 */
export const AutolagSchema = z.enum(['AIC', 'BIC', 't-stat']);
/** `'AIC' | 'BIC' | 't-stat'`: see {@link AutolagSchema}. */
export type Autolag = z.infer<typeof AutolagSchema>;

/**
 * Options of {@link adfTest}.
 *
 * @example
 * ```ts
 * AdfOptionsSchema.parse({}); // { regression: 'c', autolag: 'AIC' } (maxLag by Schwert's rule)
 * ```
 */
export const AdfOptionsSchema = z.object({
  /** Deterministic terms: `n` none, `c` constant (default), `ct` constant and linear trend. */
  regression: RegressionSchema.default('c'),
  /**
   * Largest number of lagged differences; default (or `null`)
   * ⌈12·(nobs/100)^¼⌉ (Schwert), capped at nobs/2 − terms − 1.
   */
  maxLag: z.number().int().min(0).nullable().optional(),
  /**
   * Lag selection (default `AIC`): `AIC`/`BIC` minimise the criterion over
   * 0…maxLag on a common sample; `t-stat` starts at maxLag and drops lags
   * until the last one is significant at 5 % (|t| ≥ 1.645); `null` uses maxLag.
   */
  autolag: AutolagSchema.nullable().default('AIC'),
});
/** Options of {@link adfTest}: see {@link AdfOptionsSchema}. */
export type AdfOptions = z.input<typeof AdfOptionsSchema>;

/** Result of {@link adfTest}. */
export interface AdfResult {
  /** τ: the t-value of the lagged level in the ADF regression. */
  readonly statistic: number;
  /** MacKinnon (1994) approximate p-value of `statistic`. */
  readonly pValue: number;
  /** Lagged differences in the final regression. */
  readonly usedLag: number;
  /** Observations in the final regression. */
  readonly nobs: number;
  /** MacKinnon (2010) critical values for `nobs`. */
  readonly criticalValues: CriticalValues;
}

/** One-sided 5 % normal quantile, the stopping rule of the `t-stat` lag selection. */
const T_STOP = 1.6448536269514722;

/**
 * Augmented Dickey–Fuller unit-root test, as statsmodels' `adfuller`:
 * regresses Δx_t on x_{t−1}, the deterministic terms and `usedLag` lagged
 * differences; the statistic is the t-value of x_{t−1}. A statistic below
 * the critical value (p-value below the size) rejects the unit root: the
 * series is stationary. Lag selection uses the same sample for every
 * candidate (so criteria are comparable), then refits on the longest
 * sample for the chosen lag, exactly as statsmodels does.
 *
 * Throws `InsufficientDataError` when the series is too short for the lags
 * and terms, `SingularMatrixError` for a constant series, and a
 * `ValidationError` for non-finite values or bad options.
 *
 * @example
 * ```ts
 * const { statistic, pValue, criticalValues } = adfTest(logPrices, { regression: 'c', autolag: 'AIC' });
 * if (pValue < 0.05) console.log('stationary', statistic, '<', criticalValues['5%']);
 * ```
 */
export function adfTest(series: readonly number[], options: AdfOptions = {}): AdfResult {
  const { regression, maxLag, autolag } = parseWith(AdfOptionsSchema, options, 'adfTest() options');
  assertFiniteSeries(series, 'adfTest series', 3);
  const lags = resolveMaxLag(series.length, regression, maxLag ?? undefined);
  const usedLag = autolag === null ? lags : selectLag(series, lags, regression, autolag);
  const { statistic, nobs } = adfRegression(series, usedLag, regression);
  return {
    statistic,
    pValue: mackinnonPValue(statistic, regression, 1),
    usedLag,
    nobs,
    criticalValues: mackinnonCriticalValues(1, regression, nobs),
  };
}

/**
 * τ of the ADF regression with exactly `lags` lagged differences, and the
 * number of observations it used (statsmodels' `adfuller` with `autolag=None`).
 *
 * @example
 * ```ts
 * adfRegression(logPrices, 2, 'c'); // { statistic: −1.7…, nobs: n − 3 }
 * ```
 */
export function adfRegression(
  series: readonly number[],
  lags: number,
  regression: MackinnonRegression,
): { statistic: number; nobs: number } {
  const gram = new AdfGram(series, lags, regression);
  const columns: AdfColumn[] = [...deterministic(regression)];
  for (let j = 1; j <= lags; j++) columns.push(j);
  columns.push('level', 0);
  const fit = new NestedRegressions(gram.matrix(columns), gram.nobs, regression === 'n' ? 0 : 1, 'adfTest');
  return { statistic: fit.lastTValue(fit.columns), nobs: gram.nobs };
}

/**
 * The largest lag count of an ADF regression on `n` observations: `maxLag`
 * when given (checked against n/2 − terms − 1), else Schwert's
 * ⌈12·(n/100)^¼⌉ capped there; as statsmodels.
 *
 * @example
 * ```ts
 * resolveMaxLag(2016, 'c', undefined); // 26 = ⌈12·(20.16)^¼⌉
 * ```
 */
export function resolveMaxLag(n: number, regression: MackinnonRegression, maxLag: number | undefined): number {
  const terms = regression === 'n' ? 0 : regression.length;
  const limit = Math.floor(n / 2) - terms - 1;
  if (maxLag === undefined) {
    const lags = Math.min(limit, Math.ceil(12 * (n / 100) ** 0.25));
    if (lags < 0) {
      throw new InsufficientDataError('adfTest', `${n} observations are too few for regression '${regression}'`, { nobs: n, regression });
    }
    return lags;
  }
  if (maxLag > limit) {
    throw new InsufficientDataError('adfTest', `maxLag ${maxLag} needs more than ${n} observations (at most ${limit} lags)`, {
      nobs: n,
      maxLag,
      limit,
    });
  }
  return maxLag;
}

/** Lag count chosen by `method` among 0…maxLag, on the common sample of the maxLag regression.
 *
 * @example
 * ```ts
 * selectLag(logPrices, 26, 'c', 'AIC'); // e.g. 15
 * ```
 */
export function selectLag(series: readonly number[], maxLag: number, regression: MackinnonRegression, method: Autolag): number {
  const gram = new AdfGram(series, maxLag, regression);
  const columns: AdfColumn[] = [...deterministic(regression), 'level'];
  for (let j = 1; j <= maxLag; j++) columns.push(j);
  columns.push(0);
  const fit = new NestedRegressions(gram.matrix(columns), gram.nobs, regression === 'n' ? 0 : 1, 'adfTest lag selection');
  const base = columns.length - 1 - maxLag;
  if (method === 't-stat') {
    for (let lag = maxLag; lag > 0; lag--) {
      if (Math.abs(fit.lastTValue(base + lag)) >= T_STOP) return lag;
    }
    return 0;
  }
  const penalty = method === 'AIC' ? 2 : Math.log(gram.nobs);
  let best = Number.POSITIVE_INFINITY;
  let bestLag = 0;
  for (let lag = 0; lag <= maxLag; lag++) {
    const k = base + lag;
    const criterion = -2 * fit.logLikelihood(k) + penalty * fit.parameters(k);
    if (criterion < best) {
      best = criterion;
      bestLag = lag;
    }
  }
  return bestLag;
}

function deterministic(regression: MackinnonRegression): AdfColumn[] {
  return regression === 'ct' ? ['trend'] : [];
}
