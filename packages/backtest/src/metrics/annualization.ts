/**
 * Milliseconds in a year of continuous trading: 365 days. Crypto markets
 * never close, so a year has 365 × 24 hours of sampling periods (not the 252
 * trading days of equity markets).
 *
 * @example
 * ```ts
 * YEAR_MS / 86_400_000; // 365
 * ```
 */
export const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/**
 * The annualization factor of returns sampled every `periodMs`: the number
 * of periods in a year, `YEAR_MS / periodMs` (525,600 for 1-minute samples,
 * 8,760 for hourly, 365 for daily). Volatility, Sharpe and Sortino are
 * scaled by its square root.
 *
 * @example
 * ```ts
 * periodsPerYear(3_600_000); // 8760
 * ```
 */
export function periodsPerYear(periodMs: number): number {
  return YEAR_MS / periodMs;
}

/**
 * The per-period rate equivalent to an annual rate compounded over
 * `periodsPerYear` periods: `(1 + annual)^(1 / periodsPerYear) − 1`.
 *
 * @example
 * ```ts
 * perPeriodRate(0.05, 365); // ≈ 0.000133681 (5 % a year, daily)
 * ```
 */
export function perPeriodRate(annual: number, periodsPerYear: number): number {
  return (1 + annual) ** (1 / periodsPerYear) - 1;
}
