import { ArbotError, type Order, type Side } from '@arbot/core';

/**
 * The simulated venue holds no order with this id (or client order id) for
 * this symbol: it was never placed here, or it finished long enough ago to
 * have been forgotten (see `maxFinishedOrders`). Code `UNKNOWN_ORDER`.
 *
 * @example
 * ```ts
 * try {
 *   await venue.cancelOrder('sim-999', 'BTC/USDT');
 * } catch (err) {
 *   if (err instanceof UnknownOrderError) console.log(err.context.orderId); // 'sim-999'
 * }
 * ```
 */
export class UnknownOrderError extends ArbotError {
  constructor(venue: string, orderId: string, symbol: string, byClientOrderId = false) {
    const what = byClientOrderId ? 'client order id' : 'order id';
    super('UNKNOWN_ORDER', `${venue} has no order with ${what} ${JSON.stringify(orderId)} on ${symbol}`, {
      venue,
      orderId,
      symbol,
      byClientOrderId,
    });
  }
}

/**
 * A cancel reached an order that had already finished (filled, canceled,
 * rejected or expired), either when `cancelOrder` was called or by the time
 * the cancel arrived at the venue. `context.status` is the order's final
 * status. Code `ORDER_NOT_CANCELABLE`.
 *
 * @example
 * ```ts
 * try {
 *   await venue.cancelOrder(order.id, order.symbol);
 * } catch (err) {
 *   if (err instanceof OrderNotCancelableError && err.context.status === 'filled') console.log('too late');
 * }
 * ```
 */
export class OrderNotCancelableError extends ArbotError {
  /** The order as it finished. */
  readonly order: Order;

  constructor(order: Order) {
    super('ORDER_NOT_CANCELABLE', `${order.venue} order ${order.id} on ${order.symbol} is already ${order.status}`, {
      venue: order.venue,
      orderId: order.id,
      symbol: order.symbol,
      status: order.status,
    });
    this.order = order;
  }
}

/**
 * A market order was placed on a symbol for which the simulated venue has no
 * order book yet (or whose opposite side is empty), so it has no reference
 * price for the notional and balance checks. Track the symbol from the start
 * with the `symbols` option so its book is there before the first order.
 * Code `NO_BOOK`.
 *
 * @example
 * ```ts
 * const venue = simVenue(marketData, { clock, symbols: ['BTC/USDT'] }); // books tracked from the start
 * ```
 */
export class NoBookError extends ArbotError {
  constructor(venue: string, symbol: string, side: Side) {
    const missing = side === 'buy' ? 'asks' : 'bids';
    super('NO_BOOK', `${venue} ${symbol}: no ${missing} to price a market ${side}; track the symbol with the \`symbols\` option`, {
      venue,
      symbol,
      side,
    });
  }
}
