import { periodsPerYear, perPeriodRate } from './annualization';

/**
 * Inputs shared by the return-based ratios.
 *
 * @example
 * ```ts
 * const input: RatioInputs = { returns: periodReturns(result.equity), periodMs: 60_000, riskFreeRate: 0.04 };
 * ```
 */
export interface RatioInputs {
  /** Simple returns per sampling period. */
  readonly returns: readonly number[];
  /** Length of one sampling period, ms. */
  readonly periodMs: number;
  /** Annual risk-free rate as a fraction (0.05 = 5 %); default 0. */
  readonly riskFreeRate?: number;
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Sample standard deviation (n − 1 in the denominator); `undefined` for fewer than 2 values.
 *
 * @example
 * ```ts
 * sampleStdDev([1, 2, 3, 4]); // √(5/3) ≈ 1.291
 * ```
 */
export function sampleStdDev(values: readonly number[]): number | undefined {
  if (values.length < 2) return undefined;
  const m = mean(values);
  let sq = 0;
  for (const v of values) sq += (v - m) ** 2;
  return Math.sqrt(sq / (values.length - 1));
}

/**
 * Annualized volatility: `stdev(r) × √P`, with `P = periodsPerYear(periodMs)`
 * and the sample standard deviation (n − 1). `undefined` for fewer than 2 returns.
 *
 * @example
 * ```ts
 * annualizedVolatility({ returns: [0.01, -0.01], periodMs: 86_400_000 }); // 0.01414 × √365 ≈ 0.2702
 * ```
 */
export function annualizedVolatility(input: RatioInputs): number | undefined {
  const sd = sampleStdDev(input.returns);
  return sd === undefined ? undefined : sd * Math.sqrt(periodsPerYear(input.periodMs));
}

/**
 * Annualized Sharpe ratio: `(mean(r) − r_f) / stdev(r) × √P`, where
 * `P = periodsPerYear(periodMs)`, `r_f = (1 + riskFreeRate)^(1/P) − 1` is
 * the per-period risk-free rate and `stdev` the sample standard deviation
 * (n − 1). `undefined` for fewer than 2 returns or zero deviation.
 *
 * @example
 * ```ts
 * sharpeRatio({ returns: [0.1, -0.1, 0.2], periodMs: 3_600_000 });
 * ```
 */
export function sharpeRatio(input: RatioInputs): number | undefined {
  const { returns, periodMs } = input;
  const sd = sampleStdDev(returns);
  if (sd === undefined || sd === 0) return undefined;
  const p = periodsPerYear(periodMs);
  const rf = perPeriodRate(input.riskFreeRate ?? 0, p);
  return ((mean(returns) - rf) / sd) * Math.sqrt(p);
}

/**
 * Annualized Sortino ratio: `(mean(r) − r_f) / DD × √P`, where the downside
 * deviation `DD = √(Σ min(0, r_i − r_f)² / n)` is taken over all n returns
 * with the per-period risk-free rate `r_f` as target (see
 * {@link sharpeRatio} for `P` and `r_f`). `undefined` when there are no
 * returns or none fell below the target (DD = 0).
 *
 * @example
 * ```ts
 * sortinoRatio({ returns: [0.1, -0.1, 0.2], periodMs: 3_600_000 });
 * ```
 */
export function sortinoRatio(input: RatioInputs): number | undefined {
  const { returns, periodMs } = input;
  if (returns.length === 0) return undefined;
  const p = periodsPerYear(periodMs);
  const rf = perPeriodRate(input.riskFreeRate ?? 0, p);
  let sq = 0;
  for (const r of returns) sq += Math.min(0, r - rf) ** 2;
  const dd = Math.sqrt(sq / returns.length);
  if (dd === 0) return undefined;
  return ((mean(returns) - rf) / dd) * Math.sqrt(p);
}
