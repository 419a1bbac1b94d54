import { from, lastValueFrom, merge, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { BookIdentityError, BookSet, book, books, OrderBook, type OrderBookEvent, type OrderBookView } from '../../src/index';

function viewOf(venue: string, symbol: string, bestBid: number): OrderBookView {
  const orderBook = new OrderBook({ venue, symbol });
  orderBook.applySnapshot({ type: 'snapshot', venue, symbol, ts: 1, recvTs: 1, seq: 1, bids: [[bestBid, 1]], asks: [[bestBid + 1, 1]] });
  return orderBook.view();
}

describe('books() operator', () => {
  it('keeps the latest view of each (venue, symbol)', async () => {
    const binanceBtc = viewOf('binance', 'BTC/USDT', 100);
    const okxBtc = viewOf('okx', 'BTC/USDT', 101);
    const binanceEth = viewOf('binance', 'ETH/USDT', 10);
    const binanceBtc2 = viewOf('binance', 'BTC/USDT', 102);
    const sets = await lastValueFrom(from([binanceBtc, okxBtc, binanceEth, binanceBtc2]).pipe(books(), toArray()));
    expect(sets.map((s) => s.size)).toEqual([1, 2, 3, 3]);
    expect(sets.map((s) => s.updated)).toEqual([binanceBtc, okxBtc, binanceEth, binanceBtc2]);
    const last = sets[3] as BookSet;
    expect(last.get('binance', 'BTC/USDT')).toBe(binanceBtc2);
    expect(last.get('okx', 'BTC/USDT')).toBe(okxBtc);
    expect(last.get('okx', 'ETH/USDT')).toBeUndefined();
    expect(last.forSymbol('BTC/USDT')).toEqual([binanceBtc2, okxBtc]);
    expect(last.forSymbol('SOL/USDT')).toEqual([]);
    expect(last.all()).toEqual([binanceBtc2, okxBtc, binanceEth]);
  });

  it('never changes a set once emitted', async () => {
    const a = viewOf('binance', 'BTC/USDT', 100);
    const b = viewOf('binance', 'BTC/USDT', 105);
    const c = viewOf('okx', 'BTC/USDT', 101);
    const sets = await lastValueFrom(from([a, b, c]).pipe(books(), toArray()));
    const [first, second] = sets as [BookSet, BookSet];
    expect(first.size).toBe(1);
    expect(first.get('binance', 'BTC/USDT')).toBe(a);
    expect(first.forSymbol('BTC/USDT')).toEqual([a]);
    expect(second.get('binance', 'BTC/USDT')).toBe(b);
    expect(second.get('okx', 'BTC/USDT')).toBeUndefined();
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('combines several book() streams', async () => {
    const events = (venue: string, bid: number) =>
      from<OrderBookEvent[]>([
        {
          type: 'snapshot' as const,
          venue,
          symbol: 'BTC/USDT',
          ts: 1,
          recvTs: 1,
          seq: 1,
          bids: [[bid, 1] as const],
          asks: [[bid + 2, 1] as const],
        },
        { type: 'delta' as const, venue, symbol: 'BTC/USDT', ts: 2, recvTs: 2, seq: 2, bids: [[bid + 1, 1]], asks: [] },
      ]);
    // one book() per (venue, symbol): feeding two venues to one book() is a wiring error
    await expect(lastValueFrom(merge(events('binance', 100), events('okx', 200)).pipe(book()))).rejects.toBeInstanceOf(BookIdentityError);
    const combined = await lastValueFrom(
      merge(events('binance', 100).pipe(book()), events('okx', 200).pipe(book())).pipe(books(), toArray()),
    );
    const last = combined.at(-1) as BookSet;
    expect(last.forSymbol('BTC/USDT').map((v) => [v.venue, v.bestBid])).toEqual([
      ['binance', 101],
      ['okx', 201],
    ]);
  });

  it('BookSet.with leaves the original set untouched', () => {
    const a = viewOf('binance', 'BTC/USDT', 100);
    const set = BookSet.of(a);
    const next = set.with(viewOf('kraken', 'BTC/USDT', 99));
    expect(set.size).toBe(1);
    expect(set.all()).toEqual([a]);
    expect(next.size).toBe(2);
  });
});
