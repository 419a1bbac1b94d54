import { ArbotError } from '@arbot/core';

/**
 * A statistical routine got too few observations for what was asked (for
 * example an ADF regression with more lags than the sample supports).
 * `context` names the routine, what was required and what was given.
 *
 * @example
 * ```ts
 * try { adfTest([1, 2, 3]); } catch (err) {
 *   if (err instanceof InsufficientDataError) console.log(err.code, err.context); // 'INSUFFICIENT_DATA', { what: 'adfTest', ... }
 * }
 * ```
 */
export class InsufficientDataError extends ArbotError {
  constructor(what: string, detail: string, context: Record<string, unknown>) {
    super('INSUFFICIENT_DATA', `${what}: ${detail}`, { what, ...context });
  }
}

/**
 * Two series are (numerically) perfectly collinear, so the cointegration
 * regression leaves no residual to test: statsmodels' `coint` reports −∞ in
 * this case; ArBot SDK refuses instead of returning a meaningless statistic.
 *
 * @example
 * ```ts
 * try { engleGranger(prices, prices.map((p) => 2 * p)); } catch (err) {
 *   if (err instanceof CollinearSeriesError) console.log(err.context.rSquared); // 1
 * }
 * ```
 */
export class CollinearSeriesError extends ArbotError {
  constructor(what: string, rSquared: number) {
    super('COLLINEAR_SERIES', `${what}: the series are perfectly collinear (R² = ${rSquared}); the test is undefined`, { what, rSquared });
  }
}

/**
 * A matrix that must be positive definite or invertible is not (a constant
 * or duplicated series, or too few observations for the model), so the
 * statistic cannot be computed. `context.matrix` names it.
 *
 * @example
 * ```ts
 * try { johansen(rowsWithAConstantColumn, { detOrder: 0, kArDiff: 1 }); } catch (err) {
 *   if (err instanceof SingularMatrixError) console.log(err.context.matrix); // 'S11'
 * }
 * ```
 */
export class SingularMatrixError extends ArbotError {
  constructor(what: string, matrix: string) {
    super('SINGULAR_MATRIX', `${what}: ${matrix} is singular (constant or collinear inputs?)`, { what, matrix });
  }
}
