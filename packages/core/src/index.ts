/**
 * `@arbot/core`: the domain model, market catalog, money, L2 order book,
 * clock, venue interfaces and portfolio ledger of ArBot SDK.
 *
 * @packageDocumentation
 */

export type { DepthWalk, OrderBookView } from './book/order-book-view';
export type { Clock } from './clock/clock';
export * from './errors/index';
export * from './model/index';
export * from './money/index';
export type { MarketDataVenue, OrderBookStreamOptions, TradingVenue } from './venue/venue';
