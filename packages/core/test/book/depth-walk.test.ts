import { describe, expect, it } from 'vitest';
import { OrderBook, type OrderBookSnapshot } from '../../src/index';

// asks: 100 × 1, 101 × 2, 103 × 0.5      bids: 99 × 2, 98 × 1, 96 × 4
const snapshot: OrderBookSnapshot = {
  type: 'snapshot',
  venue: 'test',
  symbol: 'BTC/USDT',
  ts: 1,
  recvTs: 2,
  seq: 1,
  bids: [
    [99, 2],
    [98, 1],
    [96, 4],
  ],
  asks: [
    [100, 1],
    [101, 2],
    [103, 0.5],
  ],
};

function loaded(): OrderBook {
  const book = new OrderBook({ venue: 'test', symbol: 'BTC/USDT' });
  book.applySnapshot(snapshot);
  return book;
}

describe('depth walks (hand-worked)', () => {
  it('costToBuy consumes the last level partially', () => {
    // 1 × 100 = 100, then 1.5 × 101 = 151.5 → cost 251.5 for 2.5 base, average 251.5 / 2.5 = 100.6
    expect(loaded().costToBuy(2.5)).toEqual({ filled: 2.5, cost: 251.5, average: 100.6, worst: 101, complete: true });
  });

  it('costToBuy of exactly the top level stops there', () => {
    // 1 × 100 = 100 → average 100, worst 100
    expect(loaded().costToBuy(1)).toEqual({ filled: 1, cost: 100, average: 100, worst: 100, complete: true });
  });

  it('costToBuy beyond the book reports what it could fill', () => {
    // 1 × 100 + 2 × 101 + 0.5 × 103 = 100 + 202 + 51.5 = 353.5 for 3.5 base, average 353.5 / 3.5 = 101
    expect(loaded().costToBuy(4)).toEqual({ filled: 3.5, cost: 353.5, average: 101, worst: 103, complete: false });
  });

  it('proceedsOfSelling walks the bids from the best', () => {
    // 2 × 99 = 198, then 0.5 × 98 = 49 → 247 for 2.5 base, average 247 / 2.5 = 98.8
    expect(loaded().proceedsOfSelling(2.5)).toEqual({ filled: 2.5, cost: 247, average: 98.8, worst: 98, complete: true });
  });

  it('buyWithQuote spends the quote, buying a fraction of the last level', () => {
    // level 100 × 1 costs 100 (< 201), leaving 101; level 101 × 2 would cost 202 ≥ 101 → buys 101 / 101 = 1
    // → 2 base for 201, average 100.5
    expect(loaded().buyWithQuote(201)).toEqual({ filled: 2, cost: 201, average: 100.5, worst: 101, complete: true });
  });

  it('sellForQuote sells until the quote is received', () => {
    // 2 × 99 = 198 (< 320), 1 × 98 = 98 → 296, leaving 24; 96 × 4 = 384 ≥ 24 → sells 24 / 96 = 0.25
    // → 3.25 base for 320, average 320 / 3.25 = 98.461538…
    const walk = loaded().sellForQuote(320);
    expect(walk.filled).toBe(3.25);
    expect(walk.cost).toBe(320);
    expect(walk.average).toBeCloseTo(98.46153846153847, 12);
    expect(walk.worst).toBe(96);
    expect(walk.complete).toBe(true);
  });

  it('buyWithQuote beyond the book spends what the book holds', () => {
    // the whole ask side costs 353.5 for 3.5 base
    expect(loaded().buyWithQuote(1000)).toEqual({ filled: 3.5, cost: 353.5, average: 101, worst: 103, complete: false });
  });

  it('a zero request is complete with nothing filled; a negative or NaN one is not complete', () => {
    const book = loaded();
    for (const walk of [book.costToBuy(0), book.proceedsOfSelling(0), book.buyWithQuote(0), book.sellForQuote(0)]) {
      expect(walk).toEqual({ filled: 0, cost: 0, average: Number.NaN, worst: Number.NaN, complete: true });
    }
    for (const walk of [book.costToBuy(-1), book.proceedsOfSelling(Number.NaN), book.buyWithQuote(-5), book.sellForQuote(-0.1)]) {
      expect(walk).toEqual({ filled: 0, cost: 0, average: Number.NaN, worst: Number.NaN, complete: false });
    }
  });

  it('an empty side fills nothing', () => {
    const book = new OrderBook({ venue: 'test', symbol: 'BTC/USDT' });
    expect(book.costToBuy(1)).toEqual({ filled: 0, cost: 0, average: Number.NaN, worst: Number.NaN, complete: false });
    expect(book.sellForQuote(1)).toEqual({ filled: 0, cost: 0, average: Number.NaN, worst: Number.NaN, complete: false });
  });

  it('views walk the same levels as the book they were taken from, limited to their depth', () => {
    const book = loaded();
    expect(book.view().costToBuy(2.5)).toEqual(book.costToBuy(2.5));
    // depth 1 keeps only 100 × 1: 1 base of 2.5 for 100
    expect(book.view(1).costToBuy(2.5)).toEqual({ filled: 1, cost: 100, average: 100, worst: 100, complete: false });
  });
});
