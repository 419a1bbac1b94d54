/**
 * `@arbot/connectors/testing`: a local fake exchange (Binance spot and OKX v5
 * protocols) for offline tests that drive the real ccxt classes.
 *
 * @packageDocumentation
 */
export { createCcxtExchangeForFake, type FakeProtocolId, pointCcxtAt } from './ccxt-for-fake';
export { FakeOrderRejectedError } from './fake-account';
export type { FakeEndpoint, FakeSubscriptionChange } from './fake-connection';
export type { FakeBalance, FakeCandle, FakeFill, FakeMarket, FakeOrder, FakeOrderStatus } from './fake-events';
export { type FakeExchange, type FakeRequestRecord, startFakeExchange } from './fake-exchange';
export { type FakeExchangeOptions, FakeExchangeOptionsSchema, type FakeMarketSpec, FakeMarketSpecSchema } from './fake-exchange-options';
export { crc32Signed, okxBookChecksum } from './okx-checksum';
export { type BookLevels, type ScriptedTrade, type TapeTrade, UnknownFakeSymbolError } from './scripted-market';
