import { Decimal } from '@arbot/core';
import type { RecordedFill } from './recorded-fill';
import type { RoundTrip } from './round-trip';
import { tradeStats } from './trade-stats';

/**
 * The share of one strategy or one venue in a backtest.
 *
 * `pnl` is mark-to-market: every fill's effect on the portfolio (base
 * received or given at the final mark, quote paid or received, fee) valued
 * at the end, so the rows of a breakdown add up to the trading PnL.
 * Trade statistics are those of the closed trades involving the key (for a
 * venue: trades with at least one fill there).
 *
 * @example
 * ```ts
 * for (const row of result.breakdown.byVenue) console.log(row.key, row.fills, row.feesPaid.toFixed(2), row.pnl.toFixed(2));
 * ```
 */
export interface BreakdownRow {
  /** Strategy name or venue id. */
  readonly key: string;
  readonly fills: number;
  readonly volume: Decimal;
  readonly feesPaid: Decimal;
  readonly pnl: Decimal;
  readonly trades: number;
  readonly winRate: number | undefined;
  readonly profitFactor: number | undefined;
}

/**
 * Per-strategy and per-venue rows of a backtest, each sorted by key.
 *
 * @example
 * ```ts
 * const { byStrategy, byVenue } = result.breakdown;
 * ```
 */
export interface Breakdown {
  readonly byStrategy: readonly BreakdownRow[];
  readonly byVenue: readonly BreakdownRow[];
}

/**
 * Splits fills and trades by strategy and by venue. `markOf(asset)` is the
 * final valuation-currency price of an asset (1 for the valuation currency);
 * a fill's mark-to-market PnL is `± amount × mark(base) ∓ notional − fee`,
 * with the notional and fee as valued when the fill happened.
 *
 * @example
 * ```ts
 * const b = breakdown(result.fills, result.trades, (asset) => (asset === 'USDT' ? new Decimal(1) : lastPrice.get(asset)));
 * ```
 */
export function breakdown(
  fills: readonly RecordedFill[],
  trades: readonly RoundTrip[],
  markOf: (asset: string) => Decimal | undefined,
): Breakdown {
  const rows = (keyOf: (f: RecordedFill) => string, tradesOf: (key: string) => RoundTrip[]): BreakdownRow[] => {
    const acc = new Map<string, { fills: number; volume: Decimal; fees: Decimal; pnl: Decimal }>();
    for (const f of fills) {
      const key = keyOf(f);
      const row = acc.get(key) ?? { fills: 0, volume: new Decimal(0), fees: new Decimal(0), pnl: new Decimal(0) };
      row.fills++;
      row.volume = row.volume.plus(f.notional);
      row.fees = row.fees.plus(f.feeValue);
      row.pnl = row.pnl.plus(fillPnl(f, markOf));
      acc.set(key, row);
    }
    return [...acc.keys()].sort().map((key) => {
      const row = acc.get(key) as { fills: number; volume: Decimal; fees: Decimal; pnl: Decimal };
      const stats = tradeStats(tradesOf(key));
      return {
        key,
        fills: row.fills,
        volume: row.volume,
        feesPaid: row.fees,
        pnl: row.pnl,
        trades: stats.trades,
        winRate: stats.winRate,
        profitFactor: stats.profitFactor,
      };
    });
  };
  return {
    byStrategy: rows(
      (f) => f.strategy,
      (key) => trades.filter((t) => t.strategy === key),
    ),
    byVenue: rows(
      (f) => f.fill.venue,
      (key) => trades.filter((t) => t.venues.includes(key)),
    ),
  };
}

/** A fill's mark-to-market contribution at the final marks. */
function fillPnl(f: RecordedFill, markOf: (asset: string) => Decimal | undefined): Decimal {
  const mark = markOf(f.base);
  const amount = new Decimal(f.fill.amount);
  const held = mark === undefined ? new Decimal(0) : amount.times(mark);
  const cash = f.notional;
  const signed = f.fill.side === 'buy' ? held.minus(cash) : cash.minus(held);
  return signed.minus(f.feeValue);
}
