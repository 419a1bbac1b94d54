import { ArbotError } from '@arbot/core';

/**
 * Thrown by the VaR / expected-shortfall functions when the return series
 * cannot support the estimate asked for (e.g. a historical horizon longer
 * than the series, or fewer than two observations for a covariance). Code
 * `INSUFFICIENT_DATA`; `context` names the field and the counts involved.
 *
 * @example
 * ```ts
 * try {
 *   historicalVar({ returns: [[0.01, -0.02]], weights: [1], confidence: 0.99, horizon: 5 });
 * } catch (err) {
 *   if (err instanceof InsufficientDataError) console.log(err.context); // { field: 'horizon', ... }
 * }
 * ```
 */
export class InsufficientDataError extends ArbotError {
  constructor(message: string, context: { readonly field: string } & Record<string, unknown>) {
    super('INSUFFICIENT_DATA', message, context);
  }
}
