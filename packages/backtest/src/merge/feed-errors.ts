import { ArbotError } from '@arbot/core';

/**
 * Thrown when a feed yields an event earlier than the one before it. Feeds
 * must be sorted by the merge's time field (`recvTs` by default); the merge
 * never reorders within a feed, so an unsorted feed would break time order.
 *
 * @example
 * ```ts
 * try {
 *   await runBacktest({ feeds: [unsorted], pipeline, balances });
 * } catch (err) {
 *   if (err instanceof FeedOrderError) console.log(err.context); // { feed: 0, position: 17, previousTime, time }
 * }
 * ```
 */
export class FeedOrderError extends ArbotError {
  constructor(feed: number, position: number, previousTime: number, time: number, field: 'recvTs' | 'ts') {
    super('FEED_OUT_OF_ORDER', `Feed ${feed} is not sorted by ${field}: item ${position} at ${time} follows ${previousTime}`, {
      feed,
      position,
      previousTime,
      time,
      field,
    });
  }
}

/**
 * Thrown when a feed yields something that is not a market-data event (an
 * order book snapshot or delta, a trade, a ticker or a candle, bare or tagged
 * as `{ stream, event }` by `readRecording`), or an event whose time field
 * is not a finite number.
 *
 * @example
 * ```ts
 * try {
 *   await runBacktest({ feeds: [[{ hello: 'world' }]], pipeline, balances });
 * } catch (err) {
 *   if (err instanceof UnknownFeedItemError) console.log(err.context.feed, err.context.position);
 * }
 * ```
 */
export class UnknownFeedItemError extends ArbotError {
  constructor(feed: number, position: number, value: unknown, reason: string) {
    super('UNKNOWN_FEED_ITEM', `Feed ${feed}, item ${position}: ${reason}`, { feed, position, value, reason });
  }
}
