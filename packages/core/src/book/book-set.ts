import type { OrderBookView } from './order-book-view';
import { PersistentVector } from './persistent-vector';

/** One symbol's views, one per venue in order of first arrival. Never changed once built. */
interface SymbolSlot {
  readonly symbol: string;
  readonly views: readonly OrderBookView[];
}

/**
 * The latest view of each (venue, symbol), as emitted by the {@link books}
 * operator. Immutable: {@link BookSet.with} returns a new set sharing the
 * unchanged parts (symbols sit in a persistent trie, so an update copies
 * one path of it and the updated symbol's venues, not the whole set), so an
 * emitted set never changes.
 *
 * @example
 * ```ts
 * const set = BookSet.of(binanceView).with(okxView);
 * for (const view of set.forSymbol('BTC/USDT')) console.log(view.venue, view.bestAsk);
 * ```
 */
export class BookSet {
  /** The view whose arrival produced this set. */
  readonly updated: OrderBookView;
  /** Number of distinct (venue, symbol) books held. */
  readonly size: number;
  /** Symbols in order of first arrival. A persistent vector, so `with` copies one trie path, not every symbol. */
  private readonly slots: PersistentVector<SymbolSlot>;
  /**
   * Symbol → slot number, shared by every set of one lineage and only ever
   * appended to: its first `slots.length` entries are exactly this set's
   * symbols, and a symbol numbered `slots.length` or beyond was added by a
   * later set, so it is absent here. Sharing it is what keeps `with` from
   * copying anything per symbol while an emitted set never changes.
   */
  private readonly numbers: Map<string, number>;

  private constructor(slots: PersistentVector<SymbolSlot>, numbers: Map<string, number>, size: number, updated: OrderBookView) {
    this.slots = slots;
    this.numbers = numbers;
    this.size = size;
    this.updated = updated;
    Object.freeze(this);
  }

  /**
   * A set holding one view.
   *
   * @example
   * ```ts
   * BookSet.of(view).size; // 1
   * ```
   */
  static of(view: OrderBookView): BookSet {
    return new BookSet(PersistentVector.of({ symbol: view.symbol, views: [view] }), new Map([[view.symbol, 0]]), 1, view);
  }

  /**
   * A new set where `view` replaces the previous view of its (venue, symbol); this set is unchanged.
   * Costs O(venues of the symbol + log32 symbols): the sets share everything else.
   *
   * @example
   * ```ts
   * const next = set.with(view);
   * next.updated === view; // true
   * ```
   */
  with(view: OrderBookView): BookSet {
    const { symbol, venue } = view;
    const n = this.slots.length;
    const number = this.numbers.get(symbol);
    const slot = number !== undefined && number < n ? this.slots.get(number) : undefined;
    if (number !== undefined && slot !== undefined) {
      const at = slot.views.findIndex((v) => v.venue === venue);
      const views = slot.views.slice();
      views[at < 0 ? views.length : at] = view;
      return new BookSet(this.slots.set(number, { symbol, views }), this.numbers, at < 0 ? this.size + 1 : this.size, view);
    }
    // A new symbol takes slot n. The shared numbering can record that unless a set branched from this one
    // (or an ancestor) already gave slot n, or more, to other symbols: then this set starts its own numbering.
    let numbers = this.numbers;
    if (number !== n) {
      if (numbers.size !== n) numbers = firstEntries(numbers, n);
      numbers.set(symbol, n);
    }
    return new BookSet(this.slots.set(n, { symbol, views: [view] }), numbers, this.size + 1, view);
  }

  /**
   * The latest view of `symbol` on `venue`, if any.
   *
   * @example
   * ```ts
   * set.get('binance', 'BTC/USDT')?.bestBid;
   * ```
   */
  get(venue: string, symbol: string): OrderBookView | undefined {
    const views = this.slotOf(symbol)?.views;
    if (views === undefined) return undefined;
    for (const view of views) if (view.venue === venue) return view;
    return undefined;
  }

  /**
   * Every venue's latest view of `symbol`, in order of first arrival.
   *
   * @example
   * ```ts
   * const cheapest = Math.min(...set.forSymbol('BTC/USDT').map((v) => v.bestAsk ?? Infinity));
   * ```
   */
  forSymbol(symbol: string): readonly OrderBookView[] {
    const views = this.slotOf(symbol)?.views;
    return views === undefined ? [] : [...views];
  }

  /**
   * Every view held, grouped by symbol in order of first arrival.
   *
   * @example
   * ```ts
   * for (const view of set.all()) console.log(view.venue, view.symbol, view.mid);
   * ```
   */
  all(): readonly OrderBookView[] {
    const out: OrderBookView[] = [];
    this.slots.forEach((slot) => {
      for (const view of slot.views) out.push(view);
    });
    return out;
  }

  private slotOf(symbol: string): SymbolSlot | undefined {
    const number = this.numbers.get(symbol);
    return number === undefined ? undefined : this.slots.get(number);
  }
}

/** A new map of the first `count` entries of `numbers` (entries are appended in slot order, so these are slots 0 … count − 1). */
function firstEntries(numbers: ReadonlyMap<string, number>, count: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [symbol, number] of numbers) {
    if (number >= count) continue;
    out.set(symbol, number);
  }
  return out;
}
