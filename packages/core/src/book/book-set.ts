import type { OrderBookView } from './order-book-view';

type ByVenue = ReadonlyMap<string, OrderBookView>;

/**
 * The latest view of each (venue, symbol), as emitted by the {@link books}
 * operator. Immutable: {@link BookSet.with} returns a new set sharing the
 * unchanged parts (copy-on-write), so an emitted set never changes.
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
  private readonly bySymbol: ReadonlyMap<string, ByVenue>;

  private constructor(bySymbol: ReadonlyMap<string, ByVenue>, size: number, updated: OrderBookView) {
    this.bySymbol = bySymbol;
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
    return new BookSet(new Map([[view.symbol, new Map([[view.venue, view]])]]), 1, view);
  }

  /**
   * A new set where `view` replaces the previous view of its (venue, symbol); this set is unchanged.
   *
   * @example
   * ```ts
   * const next = set.with(view);
   * next.updated === view; // true
   * ```
   */
  with(view: OrderBookView): BookSet {
    const venues = this.bySymbol.get(view.symbol);
    const isNew = venues?.has(view.venue) !== true;
    const nextVenues = new Map(venues);
    nextVenues.set(view.venue, view);
    const nextBySymbol = new Map(this.bySymbol);
    nextBySymbol.set(view.symbol, nextVenues);
    return new BookSet(nextBySymbol, isNew ? this.size + 1 : this.size, view);
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
    return this.bySymbol.get(symbol)?.get(venue);
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
    const venues = this.bySymbol.get(symbol);
    return venues === undefined ? [] : [...venues.values()];
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
    for (const venues of this.bySymbol.values()) for (const view of venues.values()) out.push(view);
    return out;
  }
}
