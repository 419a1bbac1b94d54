import type { Candle, OrderBookDelta, OrderBookSnapshot, Ticker, Trade } from '@arbot/core';
import fc from 'fast-check';
import type { MarketDataEvent } from '../../src/index';

// `+ 0` turns -0 into 0: JSON has no negative zero, and the schemas' numbers are ≥ 0 anyway.
const positive = fc.double({ min: 1e-9, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);
const nonNegative = fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((x) => x + 0);
const time = fc.integer({ min: 0, max: 2_000_000_000_000 });
const venue = fc.constantFrom('binance', 'okx', 'huobi');
const symbol = fc.constantFrom('BTC/USDT', 'ETH/USDT', 'LINK/USDT');
const levels = fc.array(fc.tuple(positive, nonNegative), { maxLength: 6 });

const trade: fc.Arbitrary<Trade> = fc.record(
  {
    venue,
    symbol,
    id: fc.string({ minLength: 1, maxLength: 8 }),
    ts: time,
    recvTs: time,
    price: positive,
    amount: positive,
    side: fc.constantFrom('buy', 'sell'),
  },
  { requiredKeys: ['venue', 'symbol', 'ts', 'recvTs', 'price', 'amount', 'side'] },
);

const ticker: fc.Arbitrary<Ticker> = fc.record(
  {
    venue,
    symbol,
    ts: time,
    recvTs: time,
    bid: positive,
    ask: positive,
    bidSize: nonNegative,
    askSize: nonNegative,
    last: positive,
    baseVolume: nonNegative,
  },
  { requiredKeys: ['venue', 'symbol', 'ts', 'recvTs'] },
);

const candle: fc.Arbitrary<Candle> = fc
  .record({
    venue,
    symbol,
    timeframe: fc.constantFrom('1m', '1h', '1d'),
    ts: time,
    recvTs: time,
    a: positive,
    b: positive,
    spread: nonNegative,
    volume: nonNegative,
    closed: fc.boolean(),
  })
  .map(({ a, b, spread, ...rest }) => ({ ...rest, open: a, close: b, low: Math.min(a, b), high: Math.max(a, b) + spread }));

const snapshot: fc.Arbitrary<OrderBookSnapshot> = fc.record(
  {
    type: fc.constant('snapshot'),
    venue,
    symbol,
    ts: time,
    recvTs: time,
    seq: fc.integer({ min: 0, max: 1e9 }),
    bids: levels,
    asks: levels,
  },
  { requiredKeys: ['type', 'venue', 'symbol', 'ts', 'recvTs', 'bids', 'asks'] },
);

const delta: fc.Arbitrary<OrderBookDelta> = fc.record(
  {
    type: fc.constant('delta'),
    venue,
    symbol,
    ts: time,
    recvTs: time,
    seq: fc.integer({ min: 0, max: 1e9 }),
    firstSeq: fc.integer({ min: 0, max: 1e9 }),
    prevSeq: fc.integer({ min: 0, max: 1e9 }),
    bids: levels,
    asks: levels,
  },
  { requiredKeys: ['type', 'venue', 'symbol', 'ts', 'recvTs', 'seq', 'bids', 'asks'] },
);

/** Any valid market-data event, of every stream. */
export const marketDataEvent: fc.Arbitrary<MarketDataEvent> = fc.oneof(trade, ticker, candle, snapshot, delta);
