import type { Decimal } from '@arbot/core';

/**
 * One point of a backtest's equity curve: the portfolio's value in the
 * valuation currency at a sampling instant (all balances of all venues at
 * the marks of that instant).
 *
 * @example
 * ```ts
 * const point: EquitySample = { ts: Date.UTC(2024, 0, 1), equity: new Decimal('10000') };
 * ```
 */
export interface EquitySample {
  /** Virtual time of the sample, ms. */
  readonly ts: number;
  /** Equity in the valuation currency. */
  readonly equity: Decimal;
}
