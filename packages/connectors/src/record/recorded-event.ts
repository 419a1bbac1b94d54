import type { Candle, OrderBookDelta, OrderBookEvent, OrderBookSnapshot, OrderBookView, Ticker, Trade } from '@arbot/core';

/**
 * The streams a recording holds, one `stream` tag per line. `market` lines describe markets; the others are timed events.
 *
 * @example
 * ```ts
 * if (line.stream === 'market') console.log(line.market.symbol);
 * ```
 */
export type RecordedStream = 'book' | 'trade' | 'ticker' | 'candle' | 'market';

/**
 * The timed streams: everything but `market`.
 *
 * @example
 * ```ts
 * replay('session.ndjson.gz', { pacing: 'asap', streams: ['book', 'trade'] satisfies EventStream[] });
 * ```
 */
export type EventStream = Exclude<RecordedStream, 'market'>;

/**
 * Every timed stream name, in a stable order (for summaries and option checks).
 *
 * @example
 * ```ts
 * EVENT_STREAMS.includes('trade'); // true
 * ```
 */
export const EVENT_STREAMS: readonly EventStream[] = ['book', 'trade', 'ticker', 'candle'];

/**
 * The event type of each timed stream.
 *
 * @example
 * ```ts
 * const trades: Observable<EventStreamMap['trade']> = replay('x.ndjson.gz', { pacing: 'asap', streams: ['trade'] });
 * ```
 */
export interface EventStreamMap {
  readonly book: OrderBookEvent;
  readonly trade: Trade;
  readonly ticker: Ticker;
  readonly candle: Candle;
}

/**
 * A market-data event as replayed: an order book snapshot or delta, a trade, a ticker or a candle.
 *
 * @example
 * ```ts
 * const events: MarketDataEvent[] = await lastValueFrom(replay('x.ndjson.gz', { pacing: 'asap' }).pipe(toArray()));
 * ```
 */
export type MarketDataEvent = OrderBookSnapshot | OrderBookDelta | Trade | Ticker | Candle;

/**
 * What {@link record} accepts: any {@link MarketDataEvent}, or an
 * `OrderBookView` (as emitted by `MarketDataVenue.orderBook$`), which is
 * written as the snapshot of its levels.
 *
 * @example
 * ```ts
 * merge(venue.orderBook$('BTC/USDT'), venue.trades$('BTC/USDT')).pipe(record<RecordableEvent>('btc.ndjson.gz'));
 * ```
 */
export type RecordableEvent = MarketDataEvent | OrderBookView;

/**
 * The stream an event belongs to, recognised by its shape: book events by
 * `type` (or, for an `OrderBookView`, by its `bids()` method), candles by
 * `timeframe`, trades by `side`, tickers by what is left. `undefined` for
 * anything else.
 *
 * @example
 * ```ts
 * streamOf({ venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 2, price: 100, amount: 1, side: 'buy' }); // 'trade'
 * ```
 */
export function streamOf(event: unknown): EventStream | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  if (typeof e.venue !== 'string' || typeof e.symbol !== 'string') return undefined;
  if (e.type === 'snapshot' || e.type === 'delta' || typeof e.bids === 'function') return 'book';
  if (typeof e.ts !== 'number' || typeof e.recvTs !== 'number') return undefined;
  if (typeof e.timeframe === 'string') return 'candle';
  if (typeof e.side === 'string') return 'trade';
  if (!('type' in e) && !('bids' in e) && !('asks' in e)) return 'ticker';
  return undefined;
}
