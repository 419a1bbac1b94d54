import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Level, OrderBook, type OrderBookDelta, type OrderBookView } from '../../src/index';
import { mutable, SYMBOL, snapshotOf, VENUE } from './order-book-helpers';
import { ReferenceBook, referenceWalkBase } from './reference-book';

// Prices on a 0.5 grid, bids 90..100.5 and asks 100..110.
const bidPrice = fc.integer({ min: 180, max: 201 }).map((k) => k / 2);
const askPrice = fc.integer({ min: 200, max: 220 }).map((k) => k / 2);
const amount = fc.constantFrom(0, 0, 0.25, 1, 2.5, 7);
// Levels at 100 and 100.5 on both sides make crossed and locked books reachable.
const levels = (price: fc.Arbitrary<number>) =>
  fc.array(
    fc.tuple(price, amount).map(([p, a]): Level => [p, a]),
    { maxLength: 8 },
  );

type Op =
  | { kind: 'snapshot'; seq: number | undefined; bids: Level[]; asks: Level[] }
  | { kind: 'delta'; step: number; mode: 'seq' | 'prev' | 'first'; linkError: number; bids: Level[]; asks: Level[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('snapshot' as const),
      seq: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      bids: levels(bidPrice),
      asks: levels(askPrice),
    }),
  },
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant('delta' as const),
      // mostly in sequence, sometimes stale (-1, 0) or ahead (2, 4)
      step: fc.constantFrom(-1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4),
      mode: fc.constantFrom('seq' as const, 'prev' as const, 'first' as const),
      linkError: fc.constantFrom(0, 0, 0, 0, 0, 0, -1, 1),
      bids: levels(bidPrice),
      asks: levels(askPrice),
    }),
  },
);

function deltaFor(o: Extract<Op, { kind: 'delta' }>, current: number, index: number): OrderBookDelta {
  const seq = current + o.step;
  const base: OrderBookDelta = {
    type: 'delta',
    venue: VENUE,
    symbol: SYMBOL,
    ts: index,
    recvTs: index,
    seq,
    bids: mutable(o.bids),
    asks: mutable(o.asks),
  };
  if (o.mode === 'prev') return { ...base, prevSeq: current + o.linkError };
  if (o.mode === 'first') return { ...base, firstSeq: current + 1 + o.linkError };
  return base;
}

function expectSameLevels(view: OrderBookView, reference: ReferenceBook): void {
  expect(view.bids()).toEqual(reference.sortedBids());
  expect(view.asks()).toEqual(reference.sortedAsks());
}

function expectWellFormed(view: OrderBookView): void {
  const bids = view.bids();
  const asks = view.asks();
  for (const [, a] of [...bids, ...asks]) expect(a).toBeGreaterThan(0);
  for (let i = 1; i < bids.length; i++) expect((bids[i] as Level)[0]).toBeLessThan((bids[i - 1] as Level)[0]);
  for (let i = 1; i < asks.length; i++) expect((asks[i] as Level)[0]).toBeGreaterThan((asks[i - 1] as Level)[0]);
  expect(view.bidCount).toBe(bids.length);
  expect(view.askCount).toBe(asks.length);
}

describe('OrderBook properties', () => {
  it('matches a naive Map-based book after any sequence of snapshots and deltas', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60, size: 'medium' }), (ops) => {
        const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
        const reference = new ReferenceBook();
        ops.forEach((o, index) => {
          if (o.kind === 'snapshot') {
            const snapshot = snapshotOf(o.seq, o.bids, o.asks);
            expect(book.applySnapshot(snapshot).status).toBe(reference.applySnapshot(snapshot));
          } else {
            const delta = deltaFor(o, reference.seq ?? 0, index);
            expect(book.applyDelta(delta).status).toBe(reference.applyDelta(delta));
          }
          expect(book.state).toBe(reference.state);
          expect(book.seq).toBe(reference.seq);
          expectSameLevels(book, reference);
          expectWellFormed(book);
          const view = book.view();
          expectSameLevels(view, reference);
          if (book.state === 'synced' && book.bestBid !== undefined && book.bestAsk !== undefined) {
            expect(book.bestBid).toBeLessThan(book.bestAsk);
          }
        });
      }),
      { numRuns: 100 },
    );
  });
});

// A side of distinct prices with positive amounts, best first.
const askSide = fc
  .uniqueArray(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 30 })
  .chain((ticks) =>
    fc.tuple(
      fc.constant([...ticks].sort((a, b) => a - b).map((t) => 100 + t / 100)),
      fc.array(fc.double({ min: 0.001, max: 50, noNaN: true }), { minLength: ticks.length, maxLength: ticks.length }),
    ),
  )
  .map(([prices, amounts]) => prices.map((p, i): Level => [p, amounts[i] as number]));

function bookWith(asks: Level[], bids: Level[] = []): OrderBook {
  const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
  book.applySnapshot(snapshotOf(1, bids, asks));
  return book;
}

describe('depth walk properties', () => {
  it('buying more base never costs less, never lowers the average, and worst >= average', () => {
    fc.assert(
      fc.property(askSide, fc.double({ min: 0, max: 1.2, noNaN: true }), fc.double({ min: 0, max: 1.2, noNaN: true }), (asks, f1, f2) => {
        const total = asks.reduce((s, [, a]) => s + a, 0);
        const [small, large] = [f1 * total, f2 * total].sort((a, b) => a - b) as [number, number];
        const book = bookWith(asks);
        const a = book.costToBuy(small);
        const b = book.costToBuy(large);
        expect(b.cost).toBeGreaterThanOrEqual(a.cost);
        expect(b.filled).toBeGreaterThanOrEqual(a.filled);
        if (a.filled > 0) {
          expect(b.average).toBeGreaterThanOrEqual(a.average * (1 - 1e-12));
          expect(a.worst).toBeGreaterThanOrEqual(a.average);
          expect(a.average).toBeGreaterThanOrEqual(book.bestAsk ?? Number.NaN);
          expect(b.worst).toBeGreaterThanOrEqual(a.worst);
        }
      }),
    );
  });

  it('selling more base never yields less, never raises the average, and worst <= average', () => {
    fc.assert(
      fc.property(askSide, fc.double({ min: 0, max: 1.2, noNaN: true }), fc.double({ min: 0, max: 1.2, noNaN: true }), (side, f1, f2) => {
        // mirror the generated side below 100 to get bids
        const bids = side.map(([p, a]): Level => [200 - p, a]);
        const total = bids.reduce((s, [, a]) => s + a, 0);
        const [small, large] = [f1 * total, f2 * total].sort((x, y) => x - y) as [number, number];
        const book = bookWith([], bids);
        const a = book.proceedsOfSelling(small);
        const b = book.proceedsOfSelling(large);
        expect(b.cost).toBeGreaterThanOrEqual(a.cost);
        if (a.filled > 0) {
          expect(b.average).toBeLessThanOrEqual(a.average * (1 + 1e-12));
          expect(a.worst).toBeLessThanOrEqual(a.average);
          expect(a.average).toBeLessThanOrEqual(book.bestBid ?? Number.NaN);
        }
      }),
    );
  });

  it('agrees with a naive walk, and quote walks invert base walks', () => {
    fc.assert(
      fc.property(askSide, fc.double({ min: 0.001, max: 1.2, noNaN: true }), (asks, fraction) => {
        const total = asks.reduce((s, [, a]) => s + a, 0);
        const base = fraction * total;
        const book = bookWith(asks);
        const walk = book.costToBuy(base);
        const expected = referenceWalkBase(asks, base);
        expect(walk.filled).toBeCloseTo(expected.filled, 9);
        expect(walk.cost / expected.cost).toBeCloseTo(1, 12);
        expect(walk.worst).toBe(expected.worst);
        if (Math.abs(base - total) > 1e-9 * total) expect(walk.complete).toBe(base < total);
        // spending exactly what `base` costs buys `base` back
        const back = book.buyWithQuote(walk.cost);
        expect(back.filled / walk.filled).toBeCloseTo(1, 9);
        expect(back.cost / walk.cost).toBeCloseTo(1, 12);
      }),
    );
  });

  it('spending more quote never buys less base', () => {
    fc.assert(
      fc.property(askSide, fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (asks, q1, q2) => {
        const [small, large] = [q1, q2].sort((a, b) => a - b) as [number, number];
        const book = bookWith(asks);
        expect(book.buyWithQuote(large).filled).toBeGreaterThanOrEqual(book.buyWithQuote(small).filled);
        expect(book.buyWithQuote(large).cost).toBeGreaterThanOrEqual(book.buyWithQuote(small).cost);
      }),
    );
  });
});

describe('OrderBook on large books', () => {
  // Hundreds of levels exercise the copyWithin moves and the gallop over long distances.
  const deepLevels = (min: number, max: number) =>
    fc.array(
      fc.tuple(fc.integer({ min, max }), fc.constantFrom(0, 0.5, 3)).map(([p, a]): Level => [p, a]),
      { minLength: 0, maxLength: 300 },
    );

  it('matches the naive book under deltas anywhere in the depth', () => {
    fc.assert(
      fc.property(
        deepLevels(1, 400),
        deepLevels(401, 800),
        fc.array(fc.tuple(deepLevels(1, 400), deepLevels(401, 800)), { maxLength: 20 }),
        (bids, asks, deltas) => {
          const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
          const reference = new ReferenceBook();
          const snapshot = snapshotOf(0, bids, asks);
          book.applySnapshot(snapshot);
          reference.applySnapshot(snapshot);
          deltas.forEach(([deltaBids, deltaAsks], i) => {
            const delta: OrderBookDelta = {
              type: 'delta',
              venue: VENUE,
              symbol: SYMBOL,
              ts: i,
              recvTs: i,
              seq: i + 1,
              bids: mutable(deltaBids),
              asks: mutable(deltaAsks),
            };
            expect(book.applyDelta(delta)).toEqual({ status: 'applied' });
            reference.applyDelta(delta);
          });
          expectSameLevels(book, reference);
        },
      ),
      { numRuns: 40 },
    );
  });
});
