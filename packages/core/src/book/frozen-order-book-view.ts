import type { BookSide } from './book-side';
import { OrderBookReader } from './order-book-reader';

/**
 * Venue, symbol and timing of the book a view was taken from.
 *
 * @example
 * ```ts
 * const header: BookHeader = { venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 2, seq: 10 };
 * ```
 */
export interface BookHeader {
  readonly venue: string;
  readonly symbol: string;
  readonly ts: number;
  readonly recvTs: number;
  readonly seq: number | undefined;
}

/**
 * An immutable copy of an order book (optionally only its best levels),
 * safe to keep, share between subscribers and compare with later views.
 * Obtained from {@link OrderBook.view} or emitted by the {@link book} operator.
 *
 * @example
 * ```ts
 * const before = orderBook.view(20); // best 20 levels per side
 * orderBook.applyDelta(delta);
 * console.log(before.bestBid, orderBook.bestBid); // `before` did not move
 * ```
 */
export class FrozenOrderBookView extends OrderBookReader {
  /**
   * @internal Views are made by {@link OrderBook.view}; the sides passed
   * here must be copies nobody else mutates.
   */
  constructor(header: BookHeader, bidSide: BookSide, askSide: BookSide) {
    super(header.venue, header.symbol, bidSide, askSide);
    this.lastTs = header.ts;
    this.lastRecvTs = header.recvTs;
    this.lastSeq = header.seq;
    Object.freeze(this);
  }
}
