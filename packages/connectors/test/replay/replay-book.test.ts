import { book, type OrderBookDelta, type OrderBookEvent, type OrderBookView, VirtualClock } from '@arbot/core';
import fc from 'fast-check';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { record } from '../../src/record/index';
import { replay } from '../../src/replay/index';
import { tempDir } from '../formats/temp-dir';

const tmp = tempDir('replay-book');

/** Everything a view shows, for comparing books. */
function contents(view: OrderBookView) {
  return { venue: view.venue, symbol: view.symbol, ts: view.ts, recvTs: view.recvTs, seq: view.seq, bids: view.bids(), asks: view.asks() };
}

const price = fc.integer({ min: 1, max: 400 }).map((ticks) => ticks / 4); // 0.25 … 100 on a quarter tick
const amount = fc.oneof(fc.constant(0), fc.double({ min: 0.001, max: 50, noNaN: true }));

/**
 * A session on one book: a snapshot with bids below 50 and asks above 50 (never crossed), then deltas that
 * keep that split, with a sequence gap now and then (book() must then wait for the next snapshot) and an
 * occasional fresh snapshot. Times rise by 0–50 ms per event.
 */
const session = fc
  .record({
    bids: fc.array(fc.tuple(fc.integer({ min: 1, max: 199 }), fc.double({ min: 0.001, max: 50, noNaN: true })), {
      minLength: 1,
      maxLength: 20,
    }),
    asks: fc.array(fc.tuple(fc.integer({ min: 201, max: 400 }), fc.double({ min: 0.001, max: 50, noNaN: true })), {
      minLength: 1,
      maxLength: 20,
    }),
    steps: fc.array(
      fc.record({
        dt: fc.integer({ min: 0, max: 50 }),
        side: fc.boolean(),
        price,
        amount,
        gap: fc.integer({ min: 0, max: 15 }),
        resnapshot: fc.integer({ min: 0, max: 30 }),
      }),
      { maxLength: 120 },
    ),
  })
  .map(({ bids, asks, steps }) => {
    let t = 1_600_000_000_000;
    let seq = 100;
    const events: OrderBookEvent[] = [
      {
        type: 'snapshot',
        venue: 'binance',
        symbol: 'BTC/USDT',
        ts: t,
        recvTs: t + 3,
        seq,
        bids: bids.map(([p, a]) => [p / 4, a]),
        asks: asks.map(([p, a]) => [p / 4, a]),
      },
    ];
    for (const step of steps) {
      t += step.dt;
      if (step.resnapshot === 0) {
        seq += 5;
        events.push({
          type: 'snapshot',
          venue: 'binance',
          symbol: 'BTC/USDT',
          ts: t,
          recvTs: t + 3,
          seq,
          bids: [[10, 1]],
          asks: [[90, 1]],
        });
        continue;
      }
      const firstSeq = seq + 1 + (step.gap === 0 ? 2 : 0);
      seq = firstSeq + 1;
      // Bids stay at or below 50, asks above 50.
      const level: [number, number] = step.side ? [Math.min(step.price, 50), step.amount] : [Math.max(step.price, 50.25), step.amount];
      const delta: OrderBookDelta = {
        type: 'delta',
        venue: 'binance',
        symbol: 'BTC/USDT',
        ts: t,
        recvTs: t + 3,
        seq,
        firstSeq,
        bids: step.side ? [level] : [],
        asks: step.side ? [] : [level],
      };
      events.push(delta);
    }
    return events;
  });

describe('record → replay → book()', () => {
  it('rebuilds the same books as the live stream, view for view (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(session, async (events) => {
        const path = tmp.path(`session-${run++}.ndjson.gz`);
        const live = await lastValueFrom(from(events).pipe(record(path, { level: 1 }), book({ depth: 10 }), toArray()));
        const clock = new VirtualClock(0);
        const replayed = await lastValueFrom(replay(path, { clock, streams: ['book'] }).pipe(book({ depth: 10 }), toArray()));
        expect(replayed.map(contents)).toEqual(live.map(contents));
        expect(clock.now()).toBe(events.at(-1)?.recvTs);
      }),
      { numRuns: 25 },
    );
  });

  it('rebuilds views that were recorded as views (what a ccxt orderBook$ emits)', async () => {
    const events = fc.sample(session, { numRuns: 1, seed: 42 })[0] ?? [];
    const views = await lastValueFrom(from(events).pipe(book({ depth: 5 }), toArray()));
    const path = tmp.path('views.ndjson.gz');
    await lastValueFrom(from(views).pipe(record(path)), { defaultValue: undefined });
    const rebuilt = await lastValueFrom(replay(path, { pacing: 'asap', streams: ['book'] }).pipe(book(), toArray()));
    expect(rebuilt.length).toBeGreaterThan(0);
    expect(rebuilt.map(contents)).toEqual(views.map(contents));
  });
});
