/**
 * `@arbot/core`: the domain model, market catalog, money, L2 order book,
 * clock, venue interfaces and portfolio ledger of ArBot SDK.
 *
 * @packageDocumentation
 */

export * from './book/index';
export * from './catalog/index';
export * from './clock/index';
export * from './errors/index';
export * from './execution/index';
export * from './journal/index';
export * from './keys/index';
export * from './ledger/index';
export * from './model/index';
export * from './money/index';
export type { MarketDataVenue, OrderBookStreamOptions, TradingVenue } from './venue/venue';
