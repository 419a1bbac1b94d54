import type { Decimal, DecimalLike } from '../money/decimal';

/**
 * One asset's balance on one venue.
 *
 * @example
 * ```ts
 * const { free, locked, total } = ledger.balance('binance', 'USDT');
 * ```
 */
export interface AssetBalance {
  /** Spendable now. */
  readonly free: Decimal;
  /** Reserved for open orders. */
  readonly locked: Decimal;
  /** `free + locked`. */
  readonly total: Decimal;
}

/**
 * A holding of one asset across all venues, with its average cost in the
 * valuation currency. The valuation currency itself has no position.
 *
 * @example
 * ```ts
 * for (const p of ledger.positions()) console.log(p.asset, p.amount.toString(), p.avgCost.toString());
 * ```
 */
export interface Position {
  readonly asset: string;
  /** Total held over every venue (free + locked). */
  readonly amount: Decimal;
  /** What the holding cost, in the valuation currency. */
  readonly costBasis: Decimal;
  /** `costBasis / amount`. */
  readonly avgCost: Decimal;
}

/**
 * One point of the ledger's equity curve, as emitted by `equity$`.
 *
 * @example
 * ```ts
 * ledger.equity$.subscribe((p: EquityPoint) => console.log(p.ts, p.equity.toFixed(2)));
 * ```
 */
export interface EquityPoint {
  /** Clock time of the change, ms. */
  readonly ts: number;
  /** Σ balance × mark over every venue, in the valuation currency. */
  readonly equity: Decimal;
  /** Realized PnL so far, fees included. */
  readonly realizedPnl: Decimal;
  /** Fees paid so far, valued in the valuation currency. */
  readonly feesPaid: Decimal;
}

/**
 * The two assets of the market a fill happened on.
 *
 * @example
 * ```ts
 * const market: FillMarket = { base: 'BTC', quote: 'USDT' };
 * ```
 */
export interface FillMarket {
  readonly base: string;
  readonly quote: string;
}

/**
 * How {@link PortfolioLedger.applyFill} takes the spent asset.
 *
 * @example
 * ```ts
 * ledger.applyFill(fill, market, { fromLocked: true, reservationKey: 'order-42' });
 * ```
 */
export interface ApplyFillOptions {
  /**
   * Take the spent asset (quote for a buy, base for a sell, plus a fee charged
   * in that same asset) from funds reserved earlier instead of free funds.
   */
  readonly fromLocked?: boolean;
  /**
   * Reservation to draw on with `fromLocked`. Default: the reservation keyed by
   * the fill's `clientOrderId`, else by its `orderId`, whichever exists, else
   * the unkeyed reservation.
   */
  readonly reservationKey?: string;
}

/**
 * Options of {@link PortfolioLedger.deposit}.
 *
 * @example
 * ```ts
 * ledger.deposit('okx', 'ETH', '2', { price: '1800' }); // cost basis 3,600
 * ```
 */
export interface DepositOptions {
  /** Unit cost in the valuation currency for the cost basis. Default: the asset's current mark. */
  readonly price?: DecimalLike;
}

/**
 * What one fill did to the books, in the valuation currency.
 *
 * @example
 * ```ts
 * const { notional, feeValue, realizedPnl } = ledger.applyFill(fill, { base: 'BTC', quote: 'USDT' });
 * ```
 */
export interface AppliedFill {
  /** Value exchanged: price × amount, in the valuation currency. */
  readonly notional: Decimal;
  /** The fee, in the valuation currency. */
  readonly feeValue: Decimal;
  /** Change of realized PnL caused by the fill, fee included. */
  readonly realizedPnl: Decimal;
}
