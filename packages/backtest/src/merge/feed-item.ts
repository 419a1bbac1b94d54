import type { EventStream, MarketDataEvent, ReplayedEvent } from '@arbot/connectors';
import { streamOf } from '@arbot/connectors';
import { UnknownFeedItemError } from './feed-errors';

/**
 * What a feed may yield: a bare market-data event (order book snapshot or
 * delta, trade, ticker, candle) or one tagged with its stream, as
 * `readRecording` and `replayTagged` yield them.
 *
 * @example
 * ```ts
 * const items: FeedItem[] = [
 *   { venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 1, price: 100, amount: 1, side: 'buy' },
 *   { stream: 'trade', event: { venue: 'okx', symbol: 'BTC/USDT', ts: 2, recvTs: 2, price: 101, amount: 1, side: 'sell' } },
 * ];
 * ```
 */
export type FeedItem = MarketDataEvent | ReplayedEvent;

/** A feed item split into its stream and event. */
export interface ClassifiedItem {
  readonly stream: EventStream;
  readonly event: MarketDataEvent;
}

/** Splits a feed item into stream and event; throws {@link UnknownFeedItemError} for anything else. */
export function classifyFeedItem(item: unknown, feed: number, position: number): ClassifiedItem {
  if (typeof item === 'object' && item !== null && 'stream' in item && 'event' in item) {
    const { stream, event } = item as { stream: unknown; event: unknown };
    const actual = streamOf(event);
    if (actual === undefined || actual !== stream) {
      throw new UnknownFeedItemError(feed, position, item, `tagged ${String(stream)} but is not a ${String(stream)} event`);
    }
    return { stream: actual, event: event as MarketDataEvent };
  }
  const stream = streamOf(item);
  if (stream === undefined) throw new UnknownFeedItemError(feed, position, item, 'not a market-data event');
  return { stream, event: item as MarketDataEvent };
}
