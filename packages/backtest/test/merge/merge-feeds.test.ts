import { ValidationError } from '@arbot/core';
import fc from 'fast-check';
import { from, Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { FeedOrderError, mergeFeeds, UnknownFeedItemError } from '../../src/index';
import { slowly, trade } from '../support/events';

async function collect(feeds: Parameters<typeof mergeFeeds>[0], options?: Parameters<typeof mergeFeeds>[1]) {
  const out: { venue: string; time: number; stream: string }[] = [];
  for await (const { event, time, stream } of mergeFeeds(feeds, options)) out.push({ venue: event.venue, time, stream });
  return out;
}

describe('mergeFeeds', () => {
  it('merges an array, an async generator and an Observable in time order, ties in feed order', async () => {
    const a = [trade('a', 1), trade('a', 4), trade('a', 4), trade('a', 9)];
    const b = slowly([trade('b', 2), trade('b', 4), trade('b', 10)]);
    const c = from([trade('c', 0), trade('c', 4), trade('c', 11)]);
    const merged = await collect([a, b, c]);
    expect(merged.map((m) => `${m.venue}${m.time}`)).toEqual(['c0', 'a1', 'b2', 'a4', 'a4', 'b4', 'c4', 'a9', 'b10', 'c11']);
    expect(new Set(merged.map((m) => m.stream))).toEqual(new Set(['trade']));
  });

  it('unwraps items tagged { stream, event } as readRecording yields them', async () => {
    const merged = await collect([[{ stream: 'trade', event: trade('x', 5) }], [trade('y', 3)]]);
    expect(merged).toEqual([
      { venue: 'y', time: 3, stream: 'trade' },
      { venue: 'x', time: 5, stream: 'trade' },
    ]);
  });

  it('keeps only from <= time < to and stops reading a feed past to', async () => {
    let pulled = 0;
    function* counted() {
      for (let t = 0; t < 1_000; t++) {
        pulled++;
        yield trade('a', t);
      }
    }
    const merged = await collect([counted()], { from: 10, to: 15 });
    expect(merged.map((m) => m.time)).toEqual([10, 11, 12, 13, 14]);
    expect(pulled).toBe(16); // 0..15: the item at 15 is the first past the window, nothing after it is read
  });

  it('orders by exchange time when asked', async () => {
    const late = { ...trade('a', 5), recvTs: 50 };
    const early = { ...trade('b', 7), recvTs: 20 };
    expect((await collect([[late], [early]], { time: 'ts' })).map((m) => m.venue)).toEqual(['a', 'b']);
    expect((await collect([[late], [early]])).map((m) => m.venue)).toEqual(['b', 'a']);
  });

  it('throws FeedOrderError naming the feed and position of an out-of-order item', async () => {
    const error = await collect([[trade('a', 1)], [trade('b', 5), trade('b', 3)]]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FeedOrderError);
    expect((error as FeedOrderError).code).toBe('FEED_OUT_OF_ORDER');
    expect((error as FeedOrderError).context).toEqual({ feed: 1, position: 1, previousTime: 5, time: 3, field: 'recvTs' });
  });

  it('throws UnknownFeedItemError for something that is not a market-data event', async () => {
    const error = await collect([[trade('a', 1), { hello: 'world' } as never]]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownFeedItemError);
    expect((error as UnknownFeedItemError).context).toMatchObject({ feed: 0, position: 1, reason: 'not a market-data event' });
  });

  it('propagates an Observable feed error', async () => {
    const failing = new Observable<never>((s) => s.error(new Error('disk gone')));
    await expect(collect([[trade('a', 1)], failing])).rejects.toThrow('disk gone');
  });

  it('rejects a window with from >= to', async () => {
    await expect(collect([[trade('a', 1)]], { from: 5, to: 5 })).rejects.toBeInstanceOf(ValidationError);
  });

  it('equals a stable sort of all items by (time, feed, position) for any sorted feeds', async () => {
    const feedArb = fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 25 }).map((ts) => ts.sort((x, y) => x - y));
    await fc.assert(
      fc.asyncProperty(
        fc.array(feedArb, { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom('array', 'async', 'rx'), { minLength: 6, maxLength: 6 }),
        async (feeds, kinds) => {
          const items = feeds.map((times, f) => times.map((t, i) => ({ ...trade(`f${f}`, t), id: `${f}:${i}` })));
          const sources = items.map((list, f) => (kinds[f] === 'async' ? slowly(list) : kinds[f] === 'rx' ? from(list) : list));
          const ids: string[] = [];
          for await (const { event } of mergeFeeds(sources)) ids.push((event as { id?: string }).id ?? '');
          const expected = items
            .flatMap((list, f) => list.map((item, i) => ({ t: item.recvTs, f, i, id: item.id })))
            .sort((x, y) => x.t - y.t || x.f - y.f || x.i - y.i)
            .map((x) => x.id);
          expect(ids).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
