import { describe, expect, it } from 'vitest';
import { BookIdentityError, InvalidBookLevelError, OrderBook, ValidationError } from '../../src/index';
import { deltaOf, SYMBOL, snapshotOf, VENUE } from './order-book-helpers';

function bookAt(seq: number | undefined): OrderBook {
  const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
  book.applySnapshot(
    snapshotOf(
      seq,
      [
        [100, 1],
        [99, 2],
      ],
      [
        [101, 1],
        [102, 3],
      ],
    ),
  );
  return book;
}

describe('OrderBook levels', () => {
  it('loads a snapshot in any order, skipping zero amounts, last repeated price wins', () => {
    const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
    book.applySnapshot(
      snapshotOf(
        5,
        [
          [98, 1],
          [100, 2],
          [99, 0],
          [98, 4],
        ],
        [
          [103, 1],
          [101, 2],
          [102, 3],
        ],
      ),
    );
    expect(book.bids()).toEqual([
      [100, 2],
      [98, 4],
    ]);
    expect(book.asks()).toEqual([
      [101, 2],
      [102, 3],
      [103, 1],
    ]);
    expect([book.bestBid, book.bestAsk, book.mid, book.spread]).toEqual([100, 101, 100.5, 1]);
    expect([book.bidCount, book.askCount, book.seq, book.ts, book.recvTs]).toEqual([2, 3, 5, 1000, 1001]);
    expect([book.bidPrice(1), book.bidAmount(1), book.askPrice(2), book.askAmount(2)]).toEqual([98, 4, 103, 1]);
    expect(book.bidPrice(2)).toBeNaN();
    expect(book.askAmount(-1)).toBeNaN();
  });

  it('sets, inserts and removes levels; amount 0 removes; removing a missing level is fine', () => {
    const book = bookAt(10);
    const result = book.applyDelta(
      deltaOf(
        11,
        [
          [100, 5],
          [99.5, 1],
          [99, 0],
          [50, 0],
        ],
        [
          [101, 0],
          [104, 1],
        ],
      ),
    );
    expect(result).toEqual({ status: 'applied' });
    expect(book.bids()).toEqual([
      [100, 5],
      [99.5, 1],
    ]);
    expect(book.asks()).toEqual([
      [102, 3],
      [104, 1],
    ]);
    expect(book.bids(1)).toEqual([[100, 5]]);
    expect([book.seq, book.ts, book.recvTs]).toEqual([11, 1011, 1012]);
  });

  it('grows past its initial capacity and keeps order', () => {
    const book = bookAt(1);
    const bids = Array.from({ length: 500 }, (_, i) => [99 - (i + 1) * 0.01, 1] as const);
    expect(book.applyDelta(deltaOf(2, bids, []))).toEqual({ status: 'applied' });
    expect(book.bidCount).toBe(502);
    const prices = book.bids().map(([price]) => price);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });

  it('view() is an immutable copy, optionally truncated', () => {
    const book = bookAt(10);
    const full = book.view();
    const top = book.view(1);
    book.applyDelta(deltaOf(11, [[100.5, 7]], [[101, 0]]));
    expect(full.bids()).toEqual([
      [100, 1],
      [99, 2],
    ]);
    expect(full.bestAsk).toBe(101);
    expect(full.seq).toBe(10);
    expect(top.bids()).toEqual([[100, 1]]);
    expect(top.asks()).toEqual([[101, 1]]);
    expect(Object.isFrozen(full)).toBe(true);
    expect(book.bestBid).toBe(100.5);
    expect(() => book.view(-1)).toThrow(ValidationError);
    expect(() => book.view(1.5)).toThrow(/depth = 1.5: must be an integer >= 0/);
  });

  it('views stay intact while many more are taken (pooled storage is never reused)', () => {
    const book = bookAt(10);
    const kept = [];
    for (let seq = 11; seq < 1011; seq++) {
      book.applyDelta(deltaOf(seq, [[100, seq]], [[101, seq * 2]]));
      kept.push({ seq, small: book.view(2), full: book.view() });
    }
    for (const { seq, small, full } of kept) {
      expect([small.bidAmount(0), small.askAmount(0), small.bidAmount(1), small.askAmount(1)]).toEqual([seq, seq * 2, 2, 3]);
      expect(full.bids()).toEqual([
        [100, seq],
        [99, 2],
      ]);
    }
  });

  it('toSnapshot() round-trips through a new book', () => {
    const book = bookAt(10);
    const copy = new OrderBook({ venue: VENUE, symbol: SYMBOL });
    copy.applySnapshot(book.toSnapshot());
    expect(copy.toSnapshot()).toEqual(book.toSnapshot());
    expect(book.toSnapshot()).toEqual({
      type: 'snapshot',
      venue: VENUE,
      symbol: SYMBOL,
      ts: 1000,
      recvTs: 1001,
      seq: 10,
      bids: [
        [100, 1],
        [99, 2],
      ],
      asks: [
        [101, 1],
        [102, 3],
      ],
    });
    expect('seq' in bookAt(undefined).toSnapshot()).toBe(false);
  });

  it('clear() empties the book and waits for a snapshot', () => {
    const book = bookAt(10);
    book.clear();
    expect([book.bidCount, book.askCount, book.seq, book.bestBid, book.state]).toEqual([0, 0, undefined, undefined, 'awaiting-snapshot']);
    expect(book.applyDelta(deltaOf(11, [[1, 1]], []))).toEqual({ status: 'resync-required' });
  });
});

describe('OrderBook sequencing', () => {
  it('refuses deltas before the first snapshot', () => {
    const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
    expect(book.state).toBe('awaiting-snapshot');
    expect(book.applyDelta(deltaOf(1, [[100, 1]], []))).toEqual({ status: 'resync-required' });
    expect(book.bidCount).toBe(0);
  });

  it('ignores stale deltas (seq <= book.seq) without changing anything', () => {
    const book = bookAt(10);
    expect(book.applyDelta(deltaOf(10, [[100, 9]], []))).toEqual({ status: 'stale' });
    expect(book.applyDelta(deltaOf(3, [[100, 9]], []))).toEqual({ status: 'stale' });
    expect(book.bidAmount(0)).toBe(1);
    expect(book.state).toBe('synced');
  });

  it('plain seq: must be book.seq + 1, else a gap that blocks until the next snapshot', () => {
    const book = bookAt(10);
    expect(book.applyDelta(deltaOf(11, [[100, 2]], []))).toEqual({ status: 'applied' });
    expect(book.applyDelta(deltaOf(13, [[100, 3]], []))).toEqual({ status: 'gap', rule: 'seq', expected: 12, received: 13 });
    expect(book.state).toBe('resync-required');
    expect(book.bidAmount(0)).toBe(2); // the gap delta was not applied
    expect(book.applyDelta(deltaOf(12, [[100, 4]], []))).toEqual({ status: 'resync-required' });
    expect(book.bidAmount(0)).toBe(2);
    book.applySnapshot(snapshotOf(20, [[100, 1]], [[101, 1]]));
    expect(book.state).toBe('synced');
    expect(book.applyDelta(deltaOf(21, [[100, 5]], []))).toEqual({ status: 'applied' });
  });

  it('prevSeq: must equal book.seq', () => {
    const book = bookAt(10);
    expect(book.applyDelta(deltaOf(15, [[100, 2]], [], { prevSeq: 10 }))).toEqual({ status: 'applied' });
    expect(book.seq).toBe(15);
    expect(book.applyDelta(deltaOf(18, [[100, 3]], [], { prevSeq: 15 }))).toEqual({ status: 'applied' });
    expect(book.applyDelta(deltaOf(30, [[100, 4]], [], { prevSeq: 20 }))).toEqual({
      status: 'gap',
      rule: 'prevSeq',
      expected: 18,
      received: 20,
    });
  });

  it('firstSeq (Binance U/u): first delta after the snapshot needs U <= lastUpdateId + 1 <= u', () => {
    // snapshot lastUpdateId = 10: a delta U=8..u=12 straddles it and applies
    const book = bookAt(10);
    expect(book.applyDelta(deltaOf(12, [[100, 2]], [], { firstSeq: 8 }))).toEqual({ status: 'applied' });
    // afterwards U must be previous u + 1 = 13
    expect(book.applyDelta(deltaOf(15, [[100, 3]], [], { firstSeq: 13 }))).toEqual({ status: 'applied' });
    expect(book.applyDelta(deltaOf(20, [[100, 4]], [], { firstSeq: 17 }))).toEqual({
      status: 'gap',
      rule: 'firstSeq',
      expected: 16,
      received: 17,
    });
  });

  it('firstSeq: a first delta starting after lastUpdateId + 1 is a gap; one ending at it is stale', () => {
    const book = bookAt(10);
    expect(book.applyDelta(deltaOf(10, [[100, 2]], [], { firstSeq: 5 }))).toEqual({ status: 'stale' });
    expect(book.applyDelta(deltaOf(11, [[100, 2]], [], { firstSeq: 11 }))).toEqual({ status: 'applied' });
    const other = bookAt(10);
    expect(other.applyDelta(deltaOf(14, [[100, 2]], [], { firstSeq: 12 }))).toEqual({
      status: 'gap',
      rule: 'firstSeq',
      expected: 11,
      received: 12,
    });
  });

  it('firstSeq with prevSeq (Binance futures U/u/pu): the bracket decides the first delta, pu the rest', () => {
    const book = bookAt(10);
    // pu=7 differs from lastUpdateId=10, yet U=8 <= 11 <= u=12: applies
    expect(book.applyDelta(deltaOf(12, [[100, 2]], [], { firstSeq: 8, prevSeq: 7 }))).toEqual({ status: 'applied' });
    expect(book.applyDelta(deltaOf(16, [[100, 3]], [], { firstSeq: 14, prevSeq: 12 }))).toEqual({ status: 'applied' });
    expect(book.applyDelta(deltaOf(20, [[100, 4]], [], { firstSeq: 17, prevSeq: 13 }))).toEqual({
      status: 'gap',
      rule: 'prevSeq',
      expected: 16,
      received: 13,
    });
  });

  it('a snapshot without seq makes deltas apply in arrival order without checks', () => {
    const book = bookAt(undefined);
    expect(book.applyDelta(deltaOf(7, [[100, 2]], []))).toEqual({ status: 'applied' });
    expect(book.applyDelta(deltaOf(3, [[100, 3]], []))).toEqual({ status: 'applied' });
    expect(book.applyDelta(deltaOf(50, [[100, 4]], [], { prevSeq: 1 }))).toEqual({ status: 'applied' });
    expect(book.bidAmount(0)).toBe(4);
    expect(book.seq).toBeUndefined();
  });

  it('reports a crossed or locked book after a delta and blocks until the next snapshot', () => {
    const crossed = bookAt(10);
    expect(crossed.applyDelta(deltaOf(11, [[101.5, 1]], []))).toEqual({ status: 'crossed', bestBid: 101.5, bestAsk: 101 });
    expect(crossed.state).toBe('resync-required');
    expect(crossed.applyDelta(deltaOf(12, [[101.5, 0]], []))).toEqual({ status: 'resync-required' });
    const locked = bookAt(10);
    expect(locked.applyDelta(deltaOf(11, [], [[100, 1]]))).toEqual({ status: 'crossed', bestBid: 100, bestAsk: 100 });
  });

  it('reports a crossed snapshot', () => {
    const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
    expect(book.applySnapshot(snapshotOf(1, [[101, 1]], [[100, 1]]))).toEqual({ status: 'crossed', bestBid: 101, bestAsk: 100 });
    expect(book.state).toBe('resync-required');
    expect(book.applySnapshot(snapshotOf(2, [[99, 1]], [[100, 1]]))).toEqual({ status: 'applied' });
    expect(book.state).toBe('synced');
  });

  it('a one-sided book is never crossed', () => {
    const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
    expect(book.applySnapshot(snapshotOf(1, [[101, 1]], []))).toEqual({ status: 'applied' });
    expect(book.applyDelta(deltaOf(2, [], [[102, 1]]))).toEqual({ status: 'applied' });
  });
});

describe('OrderBook input errors', () => {
  it('rejects bad options with a ValidationError', () => {
    expect(() => new OrderBook({ venue: '', symbol: SYMBOL })).toThrow(ValidationError);
  });

  it('throws InvalidBookLevelError naming the level, and leaves the book unchanged', () => {
    const cases: [readonly (readonly [number, number])[], readonly (readonly [number, number])[], object][] = [
      [[[Number.NaN, 1]], [], { side: 'bid', index: 0, field: 'price' }],
      [
        [],
        [
          [101, 1],
          [-3, 1],
        ],
        { side: 'ask', index: 1, field: 'price', value: -3 },
      ],
      [
        [
          [100, 5],
          [99, -1],
        ],
        [],
        { side: 'bid', index: 1, field: 'amount', value: -1 },
      ],
      [[[100, Number.POSITIVE_INFINITY]], [], { side: 'bid', index: 0, field: 'amount' }],
      [[[0, 1]], [], { side: 'bid', index: 0, field: 'price', value: 0 }],
    ];
    for (const [bids, asks, context] of cases) {
      const book = bookAt(10);
      let caught: unknown;
      try {
        book.applyDelta(deltaOf(11, bids, asks));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(InvalidBookLevelError);
      const err = caught as InvalidBookLevelError;
      expect(err.code).toBe('INVALID_BOOK_LEVEL');
      expect(err.context).toMatchObject({ venue: VENUE, symbol: SYMBOL, event: 'delta', ...context });
      expect(book.seq).toBe(10);
      expect(book.bids()).toEqual([
        [100, 1],
        [99, 2],
      ]);
      expect(book.state).toBe('synced');
    }
  });

  it('names the field and value in the message, for snapshots too', () => {
    const book = new OrderBook({ venue: VENUE, symbol: SYMBOL });
    expect(() => book.applySnapshot(snapshotOf(1, [], [[101, Number.NaN]]))).toThrow(
      'Invalid ask level #0 in test BTC/USDT snapshot: amount = NaN: must be a finite number >= 0',
    );
    expect(book.state).toBe('awaiting-snapshot');
  });

  it('throws BookIdentityError for another venue or symbol', () => {
    const book = bookAt(10);
    expect(() => book.applyDelta(deltaOf(11, [], [], { symbol: 'ETH/USDT' }))).toThrow(BookIdentityError);
    let caught: unknown;
    try {
      book.applySnapshot(snapshotOf(1, [], [], { venue: 'okx' }));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(BookIdentityError);
    expect((caught as BookIdentityError).code).toBe('BOOK_IDENTITY_MISMATCH');
    expect((caught as BookIdentityError).context).toEqual({ bookVenue: VENUE, bookSymbol: SYMBOL, eventVenue: 'okx', eventSymbol: SYMBOL });
    expect(book.seq).toBe(10);
  });
});
