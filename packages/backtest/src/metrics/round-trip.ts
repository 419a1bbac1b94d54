import type { Decimal } from '@arbot/core';

/**
 * One trade of a backtest: a round trip of one strategy in one symbol,
 * across venues. It opens with the first fill that moves the strategy's net
 * base position in the symbol away from zero (fees paid in the base count:
 * a buy of 1 with a fee of 0.001 in the base holds 0.999) and closes with
 * the fill that brings it back below the market's amount step (exact zero
 * when the step is unknown), or that makes the units sold equal the units
 * bought (the base fee covered from other inventory); a fill past zero
 * closes the trade with the part that reaches zero and opens the next with
 * the rest. A
 * spatial arbitrage (buy on one venue, sell the same amount on another) is
 * one closed trade; a long-only crossover strategy makes one per buy/sell pair.
 *
 * @example
 * ```ts
 * const losers = result.trades.filter((t) => t.status === 'closed' && t.pnl.lt(0));
 * ```
 */
export interface RoundTrip {
  /** 1-based sequence number in order of opening. */
  readonly id: number;
  readonly strategy: string;
  readonly symbol: string;
  /** Venues of its fills, sorted. */
  readonly venues: readonly string[];
  /** `long` when the first fill bought, `short` when it sold. */
  readonly direction: 'long' | 'short';
  /** `closed` once the position is back below the amount step; `open` at the end of the backtest otherwise. */
  readonly status: 'open' | 'closed';
  readonly openedAt: number;
  /** Time of the closing fill; `undefined` while open. */
  readonly closedAt: number | undefined;
  /** Number of fills (a fill split by a zero crossing counts in both trades). */
  readonly fills: number;
  /** Largest absolute net base position held during the trade. */
  readonly maxPosition: Decimal;
  /** Net base position left (when closed: zero, dust below the amount step, or what fees in the base took). */
  readonly position: Decimal;
  /** Σ |notional| of its fills, valuation currency. */
  readonly volume: Decimal;
  /** Σ fees of its fills, valuation currency. */
  readonly fees: Decimal;
  /**
   * Profit in the valuation currency, fees included: Σ sell notional − Σ buy
   * notional − the fees not paid in the base, plus what the trade still holds
   * (`position`, which a fee paid in the base has already reduced) valued at
   * the closing fill's price, or at the final mark for an open trade. A fee
   * in the base is thus counted once, through the position.
   */
  readonly pnl: Decimal;
}
