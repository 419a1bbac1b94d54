import { Decimal } from '@arbot/core';
import type { RoundTrip } from './round-trip';

/**
 * Statistics of closed trades. A win is a trade with PnL > 0, a loss one
 * with PnL < 0; a trade at exactly zero is neither, but counts in `trades`.
 *
 * @example
 * ```ts
 * const { winRate, profitFactor } = tradeStats(result.trades);
 * ```
 */
export interface TradeStats {
  /** Number of closed trades. */
  readonly trades: number;
  /** Trades still open at the end. */
  readonly openTrades: number;
  readonly wins: number;
  readonly losses: number;
  /** `wins / trades`; `undefined` without closed trades. */
  readonly winRate: number | undefined;
  /** `Σ winning PnL / |Σ losing PnL|`; `Infinity` with wins and no losses; `undefined` with neither. */
  readonly profitFactor: number | undefined;
  /** Mean PnL of winning trades; `undefined` without wins. */
  readonly averageWin: Decimal | undefined;
  /** Mean PnL of losing trades (negative); `undefined` without losses. */
  readonly averageLoss: Decimal | undefined;
  /** Σ PnL of closed trades. */
  readonly closedPnl: Decimal;
}

/**
 * Win rate, profit factor and average win/loss of the closed trades (see {@link TradeStats}).
 *
 * @example
 * ```ts
 * // PnLs +30, −10, +20, −20: win rate 2/4 = 0.5, profit factor 50/30 ≈ 1.667, average win 25, average loss −15
 * tradeStats(trades);
 * ```
 */
export function tradeStats(trades: readonly RoundTrip[]): TradeStats {
  let won = new Decimal(0);
  let lost = new Decimal(0);
  let wins = 0;
  let losses = 0;
  let closed = 0;
  let closedPnl = new Decimal(0);
  for (const t of trades) {
    if (t.status !== 'closed') continue;
    closed++;
    closedPnl = closedPnl.plus(t.pnl);
    if (t.pnl.gt(0)) {
      wins++;
      won = won.plus(t.pnl);
    } else if (t.pnl.lt(0)) {
      losses++;
      lost = lost.plus(t.pnl);
    }
  }
  let profitFactor: number | undefined;
  if (losses > 0) profitFactor = won.div(lost.abs()).toNumber();
  else if (wins > 0) profitFactor = Number.POSITIVE_INFINITY;
  return {
    trades: closed,
    openTrades: trades.length - closed,
    wins,
    losses,
    winRate: closed === 0 ? undefined : wins / closed,
    profitFactor,
    averageWin: wins === 0 ? undefined : won.div(wins),
    averageLoss: losses === 0 ? undefined : lost.div(losses),
    closedPnl,
  };
}
