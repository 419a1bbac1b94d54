import type { Decimal } from '@arbot/core';

/**
 * Performance figures of a backtest. Money is `Decimal` in the valuation
 * currency; ratios are numbers. A figure that is undefined for the data
 * (a Sharpe ratio without variance, a win rate without trades) is `undefined`.
 *
 * Formulas (P = periods per year = 365 days / `periodMs`; r_i the simple
 * return of sampling period i; r_f the per-period risk-free rate
 * `(1 + riskFreeRate)^(1/P) − 1`):
 * - total return `E_end / E_start − 1`; annualized `(E_end / E_start)^(365 d / duration) − 1`;
 * - volatility `stdev(r) × √P` (sample stdev, n − 1);
 * - Sharpe `(mean(r) − r_f) / stdev(r) × √P`;
 * - Sortino `(mean(r) − r_f) / √(Σ min(0, r_i − r_f)² / n) × √P`;
 * - Calmar `annualized return / max drawdown`;
 * - max drawdown `max (peak − E_t) / peak`; its duration the longest underwater stretch;
 * - win rate, profit factor, average win/loss over closed trades (see `tradeStats`);
 * - turnover `volume / mean equity`; exposure time the fraction of the period with a trade open.
 *
 * @example
 * ```ts
 * const m: BacktestMetrics = result.metrics;
 * console.log(m.totalReturn, m.sharpe, m.maxDrawdown, m.winRate);
 * ```
 */
export interface BacktestMetrics {
  /** First and last sample times of the equity curve, ms. */
  readonly start: number;
  readonly end: number;
  /** `end − start`, ms. */
  readonly durationMs: number;
  /** Sampling period of the equity curve, ms. */
  readonly periodMs: number;
  /** Annualization factor P = 365 days / periodMs. */
  readonly periodsPerYear: number;
  /** Annual risk-free rate used by Sharpe and Sortino. */
  readonly riskFreeRate: number;
  /** Number of period returns. */
  readonly periods: number;
  readonly startEquity: Decimal;
  readonly endEquity: Decimal;
  /** `endEquity − startEquity`. */
  readonly pnl: Decimal;
  readonly totalReturn: number | undefined;
  readonly annualizedReturn: number | undefined;
  readonly volatility: number | undefined;
  readonly sharpe: number | undefined;
  readonly sortino: number | undefined;
  readonly calmar: number | undefined;
  /** Largest peak-to-trough fall as a fraction of the peak. */
  readonly maxDrawdown: number;
  readonly maxDrawdownAmount: Decimal;
  readonly maxDrawdownDurationMs: number;
  /** Closed trades. */
  readonly trades: number;
  readonly openTrades: number;
  readonly winRate: number | undefined;
  readonly profitFactor: number | undefined;
  readonly averageWin: Decimal | undefined;
  readonly averageLoss: Decimal | undefined;
  /** Number of fills. */
  readonly fills: number;
  /** Σ |notional| of all fills, valuation currency. */
  readonly volume: Decimal;
  /** `volume / mean equity`; `undefined` when mean equity is not positive. */
  readonly turnover: number | undefined;
  /** Σ fees of all fills, valuation currency. */
  readonly feesPaid: Decimal;
  /** Fraction of [start, end) with at least one trade open. */
  readonly exposureTime: number;
}
