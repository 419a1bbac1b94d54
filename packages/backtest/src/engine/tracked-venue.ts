import type { BacktestVenue } from './backtest-context';

/**
 * Wraps a venue so the engine knows when the pipeline started asynchronous
 * work on it: any call that returns a promise raises the flag, and the
 * engine then lets promise continuations run at the current virtual time
 * before it moves on (see `runBacktest`).
 */
export function trackedVenue(venue: BacktestVenue, touched: () => void): BacktestVenue {
  return {
    id: venue.id,
    markets: () => {
      touched();
      return venue.markets();
    },
    orderBook$: (symbol, options) => venue.orderBook$(symbol, options),
    trades$: (symbol) => venue.trades$(symbol),
    ticker$: (symbol) => venue.ticker$(symbol),
    candles$: (symbol, timeframe) => venue.candles$(symbol, timeframe),
    balances$: () => venue.balances$(),
    orders$: () => venue.orders$(),
    placeOrder: (request) => {
      touched();
      return venue.placeOrder(request);
    },
    cancelOrder: (orderId, symbol) => {
      touched();
      return venue.cancelOrder(orderId, symbol);
    },
    fetchOpenOrders: (symbol) => {
      touched();
      return venue.fetchOpenOrders(symbol);
    },
    fetchOrder: (id, symbol, options) => {
      touched();
      return venue.fetchOrder(id, symbol, options);
    },
  };
}
