import type { EventStream, MarketDataEvent } from '@arbot/connectors';
import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { CursorHeap } from './cursor-heap';
import { FeedCursor, type TimeField, type TimeWindow } from './feed-cursor';
import { type Feed, pullSource } from './feed-source';

/**
 * A streaming k-way merge of time-sorted feeds: a binary heap over each
 * feed's next event. Work is synchronous while every feed has an event at
 * hand; only refilling a feed that has none is asynchronous:
 *
 * ```ts
 * for (;;) {
 *   while (merger.needsLoad()) await merger.load();
 *   const event = merger.shift();
 *   if (event === undefined) break;
 *   use(event, merger.time, merger.stream);
 * }
 * ```
 *
 * Memory is O(number of feeds): one head per feed, whatever their length.
 */
export class FeedMerger {
  /** Time of the event last returned by {@link shift}. */
  time = 0;
  /** Stream of the event last returned by {@link shift}. */
  stream: EventStream = 'book';
  private readonly cursors: readonly FeedCursor[];
  private readonly heap = new CursorHeap();
  /** Cursors without a head that are not done: the merge cannot go on until they have one. */
  private starving: FeedCursor[];

  constructor(feeds: readonly Feed[], field: TimeField, window: TimeWindow) {
    this.cursors = feeds.map((feed, i) => new FeedCursor(i, pullSource(feed), field, window));
    this.starving = [...this.cursors];
  }

  /** Tries to refill every starving feed synchronously; `true` when some must be awaited with {@link load}. */
  needsLoad(): boolean {
    if (this.starving.length === 0) return false;
    const still: FeedCursor[] = [];
    for (const cursor of this.starving) {
      if (!cursor.step()) still.push(cursor);
      else if (cursor.head !== undefined) this.heap.push(cursor);
    }
    this.starving = still;
    return still.length > 0;
  }

  /** Awaits every starving feed once. */
  async load(): Promise<void> {
    await Promise.all(this.starving.map((cursor) => cursor.load()));
  }

  /** Time of the event {@link shift} would return next; `undefined` when none is at hand. */
  peekTime(): number | undefined {
    return this.heap.peek()?.headTime;
  }

  /**
   * The earliest event of all feeds (ties: the earlier feed first), or
   * `undefined` when all are exhausted. Call only after {@link needsLoad}
   * returned `false`.
   */
  shift(): MarketDataEvent | undefined {
    const top = this.heap.peek();
    if (top === undefined) return undefined;
    this.time = top.headTime;
    this.stream = top.headStream;
    const event = top.take();
    if (top.step()) {
      if (top.head === undefined) this.heap.pop();
      else this.heap.updateTop();
    } else {
      this.heap.pop();
      this.starving.push(top);
    }
    return event;
  }

  /** Closes every feed (early stop or error). */
  async close(): Promise<void> {
    await Promise.all(this.cursors.map((cursor) => cursor.close()));
  }
}

const MergeOptionsSchema = z
  .object({
    time: z.enum(['recvTs', 'ts']).default('recvTs'),
    from: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).optional(),
    to: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).optional(),
  })
  .refine((o) => o.from === undefined || o.to === undefined || o.from < o.to, { message: 'from must be < to', path: ['to'] });

/**
 * Merges time-sorted feeds into one time-sorted async stream, with a
 * binary heap over the feeds' next events (memory O(feeds)). Ties keep feed order;
 * `from`/`to` bound the window (`from <= time < to`); `time` picks the
 * ordering field (`recvTs`, what a live pipeline saw, by default).
 * Throws `FeedOrderError` on an unsorted feed and `UnknownFeedItemError` on
 * anything that is not a market-data event.
 *
 * @example
 * ```ts
 * for await (const { event, time, stream } of mergeFeeds([binanceBooks, okxBooks, trades])) {
 *   console.log(time, stream, event.venue);
 * }
 * ```
 */
export async function* mergeFeeds(
  feeds: readonly Feed[],
  options: { readonly time?: TimeField; readonly from?: number; readonly to?: number } = {},
): AsyncGenerator<{ readonly event: MarketDataEvent; readonly time: number; readonly stream: EventStream }, void, undefined> {
  const o = parseWith(MergeOptionsSchema, options, 'mergeFeeds() options');
  const merger = new FeedMerger(feeds, o.time, { from: o.from ?? Number.NEGATIVE_INFINITY, to: o.to ?? Number.POSITIVE_INFINITY });
  try {
    for (;;) {
      while (merger.needsLoad()) await merger.load();
      const event = merger.shift();
      if (event === undefined) return;
      yield { event, time: merger.time, stream: merger.stream };
    }
  } finally {
    await merger.close();
  }
}
