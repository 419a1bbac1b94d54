import type { Observable } from 'rxjs';
import type { OrderBookView } from '../book/order-book-view';
import type { BalanceSnapshot } from '../model/balance';
import type { Market } from '../model/market';
import type { Candle, Ticker, Timeframe, Trade } from '../model/market-data';
import type { Order, OrderRequest, OrderUpdate } from '../model/order';

/** Options of {@link MarketDataVenue.orderBook$}. */
export interface OrderBookStreamOptions {
  /** Number of levels per side to keep in emitted views (default: all the venue sends). */
  readonly depth?: number;
}

/**
 * A source of market data: live ccxt, a replayed recording, or a simulation.
 * Streams are hot-ish Observables: subscribing starts the subscription on the
 * venue; unsubscribing stops it.
 *
 * @example
 * ```ts
 * venue.orderBook$('BTC/USDT', { depth: 20 }).subscribe((book) => console.log(book.mid));
 * ```
 */
export interface MarketDataVenue {
  /** Venue id, e.g. `binance`. */
  readonly id: string;
  /** The venue's markets with precision, limits and fees. */
  markets(): Promise<readonly Market[]>;
  /** Consistent order book views, one per applied update. */
  orderBook$(symbol: string, options?: OrderBookStreamOptions): Observable<OrderBookView>;
  /** Public trades. */
  trades$(symbol: string): Observable<Trade>;
  /** Best bid/ask and last price. */
  ticker$(symbol: string): Observable<Ticker>;
  /** OHLCV candles; a candle may be emitted several times while it forms (`closed: false`). */
  candles$(symbol: string, timeframe: Timeframe): Observable<Candle>;
}

/**
 * A venue orders can be placed on: a keyed ccxt exchange or the simulated
 * venue. A pipeline cannot tell them apart.
 *
 * @example
 * ```ts
 * const order = await venue.placeOrder(parseOrderRequest({ venue: venue.id, symbol: 'BTC/USDT',
 *   side: 'buy', type: 'limit', amount: '0.01', price: '30000', timeInForce: 'IOC' }));
 * ```
 */
export interface TradingVenue {
  /** Venue id, e.g. `binance`. */
  readonly id: string;
  /** Every balance of the venue, re-emitted on each change. */
  balances$(): Observable<BalanceSnapshot>;
  /** Places an order; resolves with the venue's acknowledgement (status `new`, `open`, or already terminal). */
  placeOrder(request: OrderRequest): Promise<Order>;
  /** Cancels an open order; resolves with its final state. */
  cancelOrder(orderId: string, symbol: string): Promise<Order>;
  /** Order changes and the fills behind them. */
  orders$(): Observable<OrderUpdate>;
  /** Orders still open, optionally for one symbol. */
  fetchOpenOrders(symbol?: string): Promise<readonly Order[]>;
  /** One order's current state, by venue id or client order id. */
  fetchOrder(id: string, symbol: string, options?: { readonly byClientOrderId?: boolean }): Promise<Order>;
}
