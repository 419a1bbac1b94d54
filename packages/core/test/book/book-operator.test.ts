import { from, lastValueFrom, map, of, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import {
  BookIdentityError,
  type BookIssue,
  type BookOptions,
  book,
  InvalidBookLevelError,
  type OrderBookEvent,
  type OrderBookView,
  ValidationError,
} from '../../src/index';
import { deltaOf, snapshotOf } from './order-book-helpers';

const snapshot10 = snapshotOf(
  10,
  [
    [100, 1],
    [99, 2],
  ],
  [
    [101, 1],
    [102, 3],
  ],
);

async function run(events: readonly OrderBookEvent[], options: BookOptions = {}): Promise<{ views: OrderBookView[]; issues: BookIssue[] }> {
  const issues: BookIssue[] = [];
  const views = await lastValueFrom(from(events).pipe(book({ ...options, onIssue: (issue) => issues.push(issue) }), toArray()));
  return { views, issues };
}

describe('book() operator', () => {
  it('emits a view after the snapshot and after each applied delta, skipping stale ones', async () => {
    const { views, issues } = await run([
      snapshot10,
      deltaOf(11, [[100, 5]], []),
      deltaOf(11, [[100, 9]], []), // stale
      deltaOf(9, [[100, 9]], []), // stale
      deltaOf(12, [], [[101, 0]]),
    ]);
    expect(views.map((v) => [v.seq, v.bidAmount(0), v.bestAsk])).toEqual([
      [10, 1, 101],
      [11, 5, 101],
      [12, 5, 102],
    ]);
    expect(issues).toEqual([]);
  });

  it('emits immutable views truncated to depth', async () => {
    const { views } = await run([snapshot10, deltaOf(11, [[100.5, 1]], [])], { depth: 1 });
    expect(views.map((v) => v.bids())).toEqual([[[100, 1]], [[100.5, 1]]]);
    expect(views[0]?.bidCount).toBe(1);
    expect(Object.isFrozen(views[0])).toBe(true);
  });

  it('follows Binance: buffers deltas until the snapshot, drops u <= lastUpdateId, applies the rest', async () => {
    const { views, issues } = await run([
      deltaOf(7, [[100, 7]], [], { firstSeq: 5 }),
      deltaOf(9, [[100, 9]], [], { firstSeq: 8 }),
      deltaOf(12, [[100, 12]], [], { firstSeq: 10 }),
      snapshot10, // lastUpdateId 10: 5..7 and 8..9 are contained; 10..12 straddles 11 and applies
      deltaOf(14, [[100, 14]], [], { firstSeq: 13 }),
    ]);
    expect(issues).toEqual([]);
    // one view once the snapshot and the buffer are applied, one for 13..14
    expect(views.map((v) => [v.seq, v.bidAmount(0)])).toEqual([
      [12, 12],
      [14, 14],
    ]);
  });

  it('reports a snapshot older than the buffered deltas as a gap, then recovers with a newer snapshot', async () => {
    const { views, issues } = await run([
      deltaOf(22, [[100, 22]], [], { firstSeq: 20 }),
      deltaOf(25, [[100, 25]], [], { firstSeq: 23 }),
      snapshot10, // needs U <= 11, but the first buffered delta starts at 20
      deltaOf(27, [[100, 27]], [], { firstSeq: 26 }),
      snapshotOf(23, [[100, 1]], [[101, 1]]), // 20..22 contained; 23..25 and 26..27 apply
    ]);
    expect(issues).toEqual([{ kind: 'gap', venue: 'test', symbol: 'BTC/USDT', rule: 'firstSeq', expected: 11, received: 20, seq: 22 }]);
    expect(views.map((v) => [v.seq, v.bidAmount(0)])).toEqual([[27, 27]]);
  });

  it('on a gap reports it, emits nothing, and resumes from the next snapshot with the deltas held since', async () => {
    const { views, issues } = await run([
      snapshot10,
      deltaOf(11, [[100, 11]], []),
      deltaOf(13, [[100, 13]], []), // 12 is missing
      deltaOf(14, [[100, 14]], []),
      snapshotOf(12, [[100, 1]], [[101, 1]]),
      deltaOf(15, [[100, 15]], []),
    ]);
    expect(issues).toEqual([{ kind: 'gap', venue: 'test', symbol: 'BTC/USDT', rule: 'seq', expected: 12, received: 13, seq: 13 }]);
    expect(views.map((v) => [v.seq, v.bidAmount(0)])).toEqual([
      [10, 1],
      [11, 11],
      [14, 14], // snapshot 12 + held 13, 14
      [15, 15],
    ]);
  });

  it('reports a crossed book from a delta or a snapshot and waits for a clean snapshot', async () => {
    const { views, issues } = await run([
      snapshot10,
      deltaOf(11, [[101, 1]], []), // bid 101 ≥ ask 101: locked
      deltaOf(12, [[101, 0]], []), // held, not applied
      snapshotOf(20, [[102, 1]], [[101, 1]]), // crossed snapshot
      snapshotOf(30, [[100, 3]], [[101, 1]]),
    ]);
    expect(issues).toEqual([
      { kind: 'crossed', venue: 'test', symbol: 'BTC/USDT', event: 'delta', bestBid: 101, bestAsk: 101, seq: 11 },
      { kind: 'crossed', venue: 'test', symbol: 'BTC/USDT', event: 'snapshot', bestBid: 102, bestAsk: 101, seq: 20 },
    ]);
    // the held delta 12 is stale against snapshot 30
    expect(views.map((v) => [v.seq, v.bestBid])).toEqual([
      [10, 100],
      [30, 100],
    ]);
  });

  it('bounds the buffer: drops the oldest deltas and reports the overflow once per wait', async () => {
    const { views, issues } = await run(
      [deltaOf(11, [[100, 11]], []), deltaOf(12, [[100, 12]], []), deltaOf(13, [[100, 13]], []), deltaOf(14, [[100, 14]], []), snapshot10],
      { bufferLimit: 2 },
    );
    // 11 and 12 were dropped (one report); 13 does not follow snapshot 10, so the wait ends in a gap
    expect(issues).toEqual([
      { kind: 'buffer-overflow', venue: 'test', symbol: 'BTC/USDT', limit: 2, droppedSeq: 11 },
      { kind: 'gap', venue: 'test', symbol: 'BTC/USDT', rule: 'seq', expected: 11, received: 13, seq: 13 },
    ]);
    expect(views).toEqual([]);
  });

  it('discards deltas buffered before a snapshot without seq', async () => {
    const { views } = await run([deltaOf(1, [[100, 50]], []), snapshotOf(undefined, [[100, 1]], [[101, 1]]), deltaOf(2, [[100, 2]], [])]);
    expect(views.map((v) => v.bidAmount(0))).toEqual([1, 2]);
  });

  it('keeps one book per subscription', async () => {
    const book$ = from([snapshot10, deltaOf(11, [[100, 5]], [])]).pipe(book());
    const first = await lastValueFrom(book$.pipe(toArray()));
    const second = await lastValueFrom(book$.pipe(toArray()));
    expect(second.map((v) => v.bidAmount(0))).toEqual(first.map((v) => v.bidAmount(0)));
    expect(second.map((v) => v.bidAmount(0))).toEqual([1, 5]);
  });

  it('errors the stream on an event of another symbol or a bad level', async () => {
    await expect(
      lastValueFrom(of<OrderBookEvent[]>(snapshot10, deltaOf(11, [], [], { symbol: 'ETH/USDT' })).pipe(book())),
    ).rejects.toBeInstanceOf(BookIdentityError);
    await expect(lastValueFrom(of<OrderBookEvent[]>(snapshot10, deltaOf(11, [[Number.NaN, 1]], [])).pipe(book()))).rejects.toBeInstanceOf(
      InvalidBookLevelError,
    );
  });

  it('validates its options', () => {
    expect(() => book({ depth: 0 })).toThrow(ValidationError);
    expect(() => book({ bufferLimit: 1.5 })).toThrow(/bufferLimit = 1.5/);
    expect(() => book({ onIssue: 'log' as unknown as () => void })).toThrow(/onIssue = "log": must be a function/);
  });

  it('emits in step with the source (marbles)', () => {
    const scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    scheduler.run(({ cold, expectObservable }) => {
      const events: Record<string, OrderBookEvent> = {
        a: deltaOf(11, [[100, 11]], []), // before the snapshot: held
        s: snapshot10,
        b: deltaOf(12, [[100, 12]], []),
        c: deltaOf(12, [[100, 99]], []), // stale
        d: deltaOf(13, [[100, 13]], []),
      };
      // the best bid amount tells which delta was applied last
      const amounts = cold('a-s-b-c-d|', events).pipe(
        book(),
        map((view) => view.bidAmount(0)),
      );
      expectObservable(amounts).toBe('--x-y---z|', { x: 11, y: 12, z: 13 });
    });
  });
});
