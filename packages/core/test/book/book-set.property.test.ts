import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PersistentVector } from '../../src/book/persistent-vector';
import { BookSet, OrderBook, type OrderBookView } from '../../src/index';

/** The obvious implementation: a copy of the whole symbol → venue → view map per update. */
class NaiveBookSet {
  constructor(
    readonly bySymbol: ReadonlyMap<string, ReadonlyMap<string, OrderBookView>>,
    readonly updated: OrderBookView,
  ) {}

  static of(view: OrderBookView): NaiveBookSet {
    return new NaiveBookSet(new Map([[view.symbol, new Map([[view.venue, view]])]]), view);
  }

  with(view: OrderBookView): NaiveBookSet {
    const bySymbol = new Map(this.bySymbol);
    const venues = new Map(this.bySymbol.get(view.symbol));
    venues.set(view.venue, view);
    bySymbol.set(view.symbol, venues);
    return new NaiveBookSet(bySymbol, view);
  }

  get size(): number {
    let n = 0;
    for (const venues of this.bySymbol.values()) n += venues.size;
    return n;
  }

  get(venue: string, symbol: string): OrderBookView | undefined {
    return this.bySymbol.get(symbol)?.get(venue);
  }

  forSymbol(symbol: string): OrderBookView[] {
    return [...(this.bySymbol.get(symbol)?.values() ?? [])];
  }

  all(): OrderBookView[] {
    return [...this.bySymbol.values()].flatMap((venues) => [...venues.values()]);
  }
}

const VENUES = ['binance', 'okx', 'kraken', 'bybit'];

function viewOf(venue: string, symbol: string, bid: number): OrderBookView {
  const book = new OrderBook({ venue, symbol });
  book.applySnapshot({ type: 'snapshot', venue, symbol, ts: 1, recvTs: 1, seq: 1, bids: [[bid, 1]], asks: [[bid + 1, 1]] });
  return book.view();
}

/** Every query of `set` answered exactly as `reference` answers it, for known and unknown venues and symbols. */
function expectSame(set: BookSet, reference: NaiveBookSet, symbols: readonly string[]): void {
  expect(set.size).toBe(reference.size);
  expect(set.updated).toBe(reference.updated);
  expectSameViews(set.all(), reference.all());
  for (const symbol of [...symbols, 'NOPE/USDT']) {
    expectSameViews(set.forSymbol(symbol), reference.forSymbol(symbol));
    for (const venue of [...VENUES, 'nowhere']) {
      if (set.get(venue, symbol) !== reference.get(venue, symbol)) expect.fail(`get(${venue}, ${symbol}) differs`);
    }
  }
}

/** The same view objects in the same order (compared by identity, element by element). */
function expectSameViews(actual: readonly OrderBookView[], expected: readonly OrderBookView[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((view, i) => {
    if (view !== expected[i])
      expect.fail(`view ${i} differs: ${view.venue} ${view.symbol} vs ${expected[i]?.venue} ${expected[i]?.symbol}`);
  });
}

/**
 * One step: `with` on the set made `back` steps ago (0: the latest, as `books()` does; more: a branch
 * from a retained older set) with a fresh view of (venue, symbol).
 */
const step = fc.record({
  back: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.nat({ max: 12 }) }),
  venue: fc.nat({ max: VENUES.length - 1 }),
  symbol: fc.nat({ max: 47 }),
  newSymbolBurst: fc.nat({ max: 3 }),
});

describe('BookSet against a naive copy-per-update reference', () => {
  it('answers every query identically for every set ever made, across random updates and branches', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 80 }), (steps) => {
        const symbols = Array.from({ length: 48 }, (_, i) => `S${i}/USDT`);
        const first = viewOf('binance', 'S0/USDT', 100);
        const sets: BookSet[] = [BookSet.of(first)];
        const references: NaiveBookSet[] = [NaiveBookSet.of(first)];
        steps.forEach((s, i) => {
          const from = Math.max(0, sets.length - 1 - s.back);
          // a burst of distinct new symbols pushes the trie past 32 slots within a short run
          for (let k = 0; k <= s.newSymbolBurst; k++) {
            const symbol = symbols[(s.symbol + k * 17) % symbols.length] as string;
            const view = viewOf(VENUES[s.venue] as string, symbol, 100 + i);
            const base = k === 0 ? from : sets.length - 1;
            sets.push((sets[base] as BookSet).with(view));
            references.push((references[base] as NaiveBookSet).with(view));
          }
        });
        // checked only at the end: every retained set must still be what it was when made
        sets.forEach((set, i) => {
          expectSame(set, references[i] as NaiveBookSet, symbols);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('keeps 2,100 symbols (a three-level trie) in order of first arrival, old sets unchanged', () => {
    const views = Array.from({ length: 2_100 }, (_, i) => viewOf(VENUES[i % 2] as string, `S${i}/USDT`, 1 + i));
    let set = BookSet.of(views[0] as OrderBookView);
    let reference = NaiveBookSet.of(views[0] as OrderBookView);
    const retained: Array<[BookSet, NaiveBookSet]> = [];
    for (const view of views.slice(1)) {
      set = set.with(view);
      reference = reference.with(view);
      if (set.size % 1_000 === 0) retained.push([set, reference]);
    }
    // re-quote every 7th symbol on another venue, then a few again on the same venue
    for (let i = 0; i < views.length; i += 7) {
      const again = viewOf('kraken', `S${i}/USDT`, 2 + i);
      set = set.with(again);
      reference = reference.with(again);
    }
    const requote = viewOf(VENUES[0] as string, 'S0/USDT', 5);
    set = set.with(requote);
    reference = reference.with(requote);
    const symbols = views.map((v) => v.symbol);
    // 2,100 symbols on binance/okx alternately + one kraken view for each of the 300 symbols i = 0, 7, …, 2093
    expect(set.size).toBe(2_100 + 300);
    expectSame(set, reference, symbols);
    for (const [old, ref] of retained) expectSame(old, ref, symbols);
  });

  it('a branch from an older set does not see the newer sets’ symbols, nor they its', () => {
    const a = BookSet.of(viewOf('binance', 'BTC/USDT', 100));
    const b = a.with(viewOf('binance', 'ETH/USDT', 10));
    const c = a.with(viewOf('okx', 'SOL/USDT', 20));
    const d = b.with(viewOf('okx', 'SOL/USDT', 21));
    expect(a.forSymbol('ETH/USDT')).toEqual([]);
    expect(b.get('okx', 'SOL/USDT')).toBeUndefined();
    expect(b.forSymbol('SOL/USDT')).toEqual([]);
    expect(c.get('binance', 'ETH/USDT')).toBeUndefined();
    expect(c.forSymbol('ETH/USDT')).toEqual([]);
    expect(c.all().map((v) => v.symbol)).toEqual(['BTC/USDT', 'SOL/USDT']);
    expect(d.all().map((v) => `${v.venue} ${v.symbol} ${v.bestBid}`)).toEqual([
      'binance BTC/USDT 100',
      'binance ETH/USDT 10',
      'okx SOL/USDT 21',
    ]);
    expect([a.size, b.size, c.size, d.size]).toEqual([1, 2, 2, 3]);
  });
});

describe('PersistentVector (internal)', () => {
  it('matches an array under random sets and appends, every version kept', () => {
    const op = fc.record({ at: fc.nat(), append: fc.boolean(), value: fc.integer() });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 1_500 }), (ops) => {
        let vector = PersistentVector.of<number>();
        let array: number[] = [];
        const versions: Array<[PersistentVector<number>, number[]]> = [[vector, array]];
        for (const { at, append, value } of ops) {
          const index = append || array.length === 0 ? array.length : at % array.length;
          vector = vector.set(index, value);
          array = array.slice();
          array[index] = value;
          versions.push([vector, array]);
        }
        for (const [v, a] of versions.filter((_, i) => i % 97 === 0 || i === versions.length - 1)) {
          expect(v.length).toBe(a.length);
          const seen: number[] = [];
          v.forEach((x) => {
            seen.push(x);
          });
          expect(seen).toEqual(a);
          expect(v.get(a.length)).toBeUndefined();
          expect(v.get(-1)).toBeUndefined();
        }
      }),
      { numRuns: 30 },
    );
  });

  it('refuses an index past the end', () => {
    expect(() => PersistentVector.of(1, 2).set(3, 9)).toThrow(RangeError);
  });
});
