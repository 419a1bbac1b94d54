import type { EventStream, MarketDataEvent } from '@arbot/connectors';
import { FeedOrderError, UnknownFeedItemError } from './feed-errors';
import { classifyFeedItem } from './feed-item';
import { DONE, PENDING, type PullSource } from './feed-source';

/** Which event time orders the merge. */
export type TimeField = 'recvTs' | 'ts';

/** The window of a merge: events with `from <= time < to` pass. */
export interface TimeWindow {
  readonly from: number;
  readonly to: number;
}

/**
 * The head of one feed in a merge: its next event, that event's time and
 * stream, plus the checks every item goes through (known event, finite
 * time, not earlier than the previous item, inside the window).
 */
export class FeedCursor {
  head: MarketDataEvent | undefined;
  headStream: EventStream = 'book';
  headTime = 0;
  /** Position in the merge's heap, -1 when not in it. */
  heapIndex = -1;
  done = false;
  private position = 0;
  private previousTime = Number.NEGATIVE_INFINITY;

  constructor(
    readonly index: number,
    private readonly source: PullSource<unknown>,
    private readonly field: TimeField,
    private readonly window: TimeWindow,
  ) {}

  /** Fills {@link head} synchronously if it can; returns `false` when the source must be awaited ({@link load}). */
  step(): boolean {
    while (this.head === undefined && !this.done) {
      const item = this.source.poll();
      if (item === PENDING) return false;
      if (item === DONE) {
        this.done = true;
        return true;
      }
      this.accept(item);
    }
    return true;
  }

  /** Awaits the source until {@link step} can make progress. */
  load(): Promise<void> {
    return this.source.wait();
  }

  /** Takes the head away. */
  take(): MarketDataEvent | undefined {
    const event = this.head;
    this.head = undefined;
    return event;
  }

  /** Stops the feed early. */
  async close(): Promise<void> {
    this.done = true;
    this.head = undefined;
    await this.source.close();
  }

  private accept(item: unknown): void {
    const position = this.position++;
    const { stream, event } = classifyFeedItem(item, this.index, position);
    const time = event[this.field];
    if (typeof time !== 'number' || !Number.isFinite(time)) {
      throw new UnknownFeedItemError(this.index, position, item, `${this.field} must be a finite number`);
    }
    if (time < this.previousTime) throw new FeedOrderError(this.index, position, this.previousTime, time, this.field);
    this.previousTime = time;
    if (time < this.window.from) return;
    if (time >= this.window.to) {
      // Everything after is later still: stop reading the feed now.
      this.done = true;
      void this.source.close();
      return;
    }
    this.head = event;
    this.headStream = stream;
    this.headTime = time;
  }
}
