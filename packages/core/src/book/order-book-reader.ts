import type { Level, OrderBookSnapshot } from '../model/book';
import type { BookSide } from './book-side';
import { walkBase, walkQuote } from './depth-walk';
import type { DepthWalk, OrderBookView } from './order-book-view';

/**
 * The read side shared by the mutable {@link OrderBook} and its immutable
 * {@link FrozenOrderBookView} copies: best prices, levels and depth walks over
 * the two sides' typed arrays. Not constructed directly.
 *
 * @example
 * ```ts
 * function describe(book: OrderBookReader): string {
 *   return `${book.symbol} ${book.bestBid}/${book.bestAsk}`;
 * }
 * ```
 */
export abstract class OrderBookReader implements OrderBookView {
  readonly venue: string;
  readonly symbol: string;
  protected readonly bidSide: BookSide;
  protected readonly askSide: BookSide;
  protected lastTs = 0;
  protected lastRecvTs = 0;
  protected lastSeq: number | undefined = undefined;

  protected constructor(venue: string, symbol: string, bidSide: BookSide, askSide: BookSide) {
    this.venue = venue;
    this.symbol = symbol;
    this.bidSide = bidSide;
    this.askSide = askSide;
  }

  get ts(): number {
    return this.lastTs;
  }

  get recvTs(): number {
    return this.lastRecvTs;
  }

  get seq(): number | undefined {
    return this.lastSeq;
  }

  get bidCount(): number {
    return this.bidSide.length;
  }

  get askCount(): number {
    return this.askSide.length;
  }

  get bestBid(): number | undefined {
    return this.bidSide.best();
  }

  get bestAsk(): number | undefined {
    return this.askSide.best();
  }

  get mid(): number | undefined {
    const bid = this.bidSide.best();
    const ask = this.askSide.best();
    return bid === undefined || ask === undefined ? undefined : (bid + ask) / 2;
  }

  get spread(): number | undefined {
    const bid = this.bidSide.best();
    const ask = this.askSide.best();
    return bid === undefined || ask === undefined ? undefined : ask - bid;
  }

  bidPrice(i: number): number {
    return this.bidSide.priceAt(i);
  }

  bidAmount(i: number): number {
    return this.bidSide.amountAt(i);
  }

  askPrice(i: number): number {
    return this.askSide.priceAt(i);
  }

  askAmount(i: number): number {
    return this.askSide.amountAt(i);
  }

  bids(n?: number): Level[] {
    return this.bidSide.levels(n);
  }

  asks(n?: number): Level[] {
    return this.askSide.levels(n);
  }

  costToBuy(base: number): DepthWalk {
    return walkBase(this.askSide, base);
  }

  proceedsOfSelling(base: number): DepthWalk {
    return walkBase(this.bidSide, base);
  }

  buyWithQuote(quote: number): DepthWalk {
    return walkQuote(this.askSide, quote);
  }

  sellForQuote(quote: number): DepthWalk {
    return walkQuote(this.bidSide, quote);
  }

  /**
   * The levels as a snapshot event (best first), e.g. to persist the book or
   * seed another one. `seq` is present only when the book is sequenced.
   *
   * @example
   * ```ts
   * const copy = new OrderBook({ venue: book.venue, symbol: book.symbol });
   * copy.applySnapshot(book.toSnapshot());
   * ```
   */
  toSnapshot(): OrderBookSnapshot {
    const header = { type: 'snapshot' as const, venue: this.venue, symbol: this.symbol, ts: this.lastTs, recvTs: this.lastRecvTs };
    const levels = { bids: this.bidSide.levels(), asks: this.askSide.levels() };
    return this.lastSeq === undefined ? { ...header, ...levels } : { ...header, seq: this.lastSeq, ...levels };
  }
}
