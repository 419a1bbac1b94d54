import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import type { Level, OrderBookDelta, OrderBookSnapshot } from '../model/book';
import { parseWith } from '../model/parse';
import { Id } from '../model/primitives';
import type { DeltaResult, OrderBookState, SequenceRule, SnapshotResult } from './apply-result';
import { BookIdentityError } from './book-identity-error';
import { BookSide } from './book-side';
import { allocateFloat64 } from './float64-pool';
import { FrozenOrderBookView } from './frozen-order-book-view';
import { type BookSideName, InvalidBookLevelError } from './invalid-book-level-error';
import { OrderBookReader } from './order-book-reader';

/**
 * Options of {@link OrderBook}: which (venue, symbol) the book holds.
 *
 * @example
 * ```ts
 * OrderBookOptionsSchema.parse({ venue: 'binance', symbol: 'BTC/USDT' });
 * ```
 */
export const OrderBookOptionsSchema = z.object({ venue: Id, symbol: Id });
/**
 * Options of {@link OrderBook}.
 *
 * @example
 * ```ts
 * const options: OrderBookOptions = { venue: 'okx', symbol: 'ETH/USDT' };
 * ```
 */
export type OrderBookOptions = z.input<typeof OrderBookOptionsSchema>;

const APPLIED: { readonly status: 'applied' } = Object.freeze({ status: 'applied' });
const STALE: DeltaResult = Object.freeze({ status: 'stale' });
const RESYNC_REQUIRED: DeltaResult = Object.freeze({ status: 'resync-required' });

/**
 * A mutable L2 order book for one (venue, symbol), fed with snapshots and
 * sequenced deltas. Each side is a pair of `Float64Array`s (price key,
 * amount) sorted with the best level at the end, so updates near the touch
 * move little memory; lookups gallop from the touch then bisect.
 *
 * Sequencing (checked by {@link OrderBook.applyDelta} when the last snapshot had a `seq`):
 * - `seq <= book.seq`: stale, ignored;
 * - first delta after a snapshot carrying `firstSeq` (Binance `U`): needs `firstSeq <= book.seq + 1`
 *   (with `seq > book.seq` this is Binance's `U <= lastUpdateId + 1 <= u`); this takes precedence over
 *   `prevSeq`, because a Binance futures `pu` need not equal the snapshot's `lastUpdateId`;
 * - otherwise, with `prevSeq`: needs `prevSeq === book.seq`;
 * - otherwise, with `firstSeq`: needs `firstSeq === book.seq + 1`;
 * - otherwise: needs `seq === book.seq + 1`.
 * A snapshot without `seq` makes the following deltas apply in arrival order without checks.
 * A gap or a crossed/locked book is reported in the result and puts the book in the
 * `resync-required` state, where it refuses deltas until the next snapshot.
 *
 * @example
 * ```ts
 * const book = new OrderBook({ venue: 'binance', symbol: 'BTC/USDT' });
 * book.applySnapshot({ type: 'snapshot', venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 1, seq: 10,
 *   bids: [[100, 1]], asks: [[101, 2]] });
 * const result = book.applyDelta({ type: 'delta', venue: 'binance', symbol: 'BTC/USDT', ts: 2, recvTs: 2,
 *   seq: 11, bids: [[100.5, 3]], asks: [] });
 * if (result.status === 'applied') console.log(book.bestBid, book.costToBuy(1).average); // 100.5 101
 * ```
 */
export class OrderBook extends OrderBookReader {
  private bookState: OrderBookState = 'awaiting-snapshot';
  /** Whether the last snapshot carried a `seq`, i.e. deltas are sequence-checked. */
  private sequenced = false;
  /** No delta applied since the last snapshot (Binance's bracket rule applies). */
  private firstAfterSnapshot = false;

  constructor(options: OrderBookOptions) {
    const { venue, symbol } = parseWith(OrderBookOptionsSchema, options, 'order book options');
    super(venue, symbol, new BookSide(1), new BookSide(-1));
  }

  /** Whether the book is awaiting a snapshot, synced, or requires a resync. */
  get state(): OrderBookState {
    return this.bookState;
  }

  /**
   * Replaces the whole book. Levels may come in any order; amount 0 levels
   * are skipped; a repeated price keeps its last amount. Throws
   * {@link InvalidBookLevelError} (book unchanged) on a bad level and
   * {@link BookIdentityError} for another venue/symbol.
   *
   * @example
   * ```ts
   * book.applySnapshot({ type: 'snapshot', venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 1,
   *   seq: 42, bids: [[100, 1], [99, 5]], asks: [[101, 2]] }); // { status: 'applied' }
   * ```
   */
  applySnapshot(snapshot: OrderBookSnapshot): SnapshotResult {
    this.checkIdentity(snapshot);
    checkLevels(this, 'snapshot', 'bid', snapshot.bids);
    checkLevels(this, 'snapshot', 'ask', snapshot.asks);
    this.bidSide.load(snapshot.bids);
    this.askSide.load(snapshot.asks);
    this.lastTs = snapshot.ts;
    this.lastRecvTs = snapshot.recvTs;
    this.lastSeq = snapshot.seq;
    this.sequenced = snapshot.seq !== undefined;
    this.firstAfterSnapshot = true;
    this.bookState = 'synced';
    return this.appliedUnlessCrossed();
  }

  /**
   * Applies one incremental update (absolute amounts, 0 removes a level)
   * after checking its sequence; see {@link DeltaResult} for the outcomes.
   * Throws {@link InvalidBookLevelError} (book unchanged) on a NaN, infinite
   * or negative price/amount, and {@link BookIdentityError} for another venue/symbol.
   *
   * @example
   * ```ts
   * const result = book.applyDelta(delta);
   * if (result.status === 'gap' || result.status === 'crossed') requestSnapshot();
   * ```
   */
  applyDelta(delta: OrderBookDelta): DeltaResult {
    this.checkIdentity(delta);
    if (this.bookState !== 'synced') return RESYNC_REQUIRED;
    if (this.sequenced) {
      const current = this.lastSeq as number;
      if (delta.seq <= current) return STALE;
      const gap = this.sequenceGap(delta, current);
      if (gap !== undefined) {
        this.bookState = 'resync-required';
        return gap;
      }
    }
    const { bids, asks } = delta;
    checkLevels(this, 'delta', 'bid', bids);
    checkLevels(this, 'delta', 'ask', asks);
    if (this.sequenced) this.lastSeq = delta.seq;
    for (let i = 0; i < bids.length; i++) {
      const level = bids[i] as Level;
      this.bidSide.set(level[0], level[1]);
    }
    for (let i = 0; i < asks.length; i++) {
      const level = asks[i] as Level;
      this.askSide.set(level[0], level[1]);
    }
    this.lastTs = delta.ts;
    this.lastRecvTs = delta.recvTs;
    this.firstAfterSnapshot = false;
    return this.appliedUnlessCrossed();
  }

  /**
   * An immutable copy of the book, limited to the best `depth` levels per
   * side when given (an integer ≥ 0), safe to keep while this book moves on.
   *
   * @example
   * ```ts
   * const top = book.view(10);
   * top.bidCount; // ≤ 10
   * ```
   */
  view(depth?: number): FrozenOrderBookView {
    if (depth !== undefined && !(Number.isInteger(depth) && depth >= 0)) {
      throw new ValidationError('order book view depth', [{ field: 'depth', value: depth, message: 'must be an integer >= 0' }]);
    }
    const bidCount = depth === undefined ? this.bidSide.length : Math.min(depth, this.bidSide.length);
    const askCount = depth === undefined ? this.askSide.length : Math.min(depth, this.askSide.length);
    // One allocation holds both sides' keys and amounts.
    const storage = allocateFloat64(2 * (bidCount + askCount));
    return new FrozenOrderBookView(this, this.bidSide.copyTop(bidCount, storage, 0), this.askSide.copyTop(askCount, storage, 2 * bidCount));
  }

  /**
   * Empties the book and forgets its sequence; it then awaits a snapshot.
   *
   * @example
   * ```ts
   * book.clear();
   * book.state; // 'awaiting-snapshot'
   * ```
   */
  clear(): void {
    this.bidSide.clear();
    this.askSide.clear();
    this.lastTs = 0;
    this.lastRecvTs = 0;
    this.lastSeq = undefined;
    this.sequenced = false;
    this.firstAfterSnapshot = false;
    this.bookState = 'awaiting-snapshot';
  }

  private checkIdentity(event: { readonly venue: string; readonly symbol: string }): void {
    if (event.venue !== this.venue || event.symbol !== this.symbol) throw new BookIdentityError(this, event);
  }

  private sequenceGap(delta: OrderBookDelta, current: number): DeltaResult | undefined {
    const { firstSeq, prevSeq, seq } = delta;
    if (firstSeq !== undefined && this.firstAfterSnapshot) {
      return firstSeq <= current + 1 ? undefined : gap('firstSeq', current + 1, firstSeq);
    }
    if (prevSeq !== undefined) return prevSeq === current ? undefined : gap('prevSeq', current, prevSeq);
    if (firstSeq !== undefined) return firstSeq === current + 1 ? undefined : gap('firstSeq', current + 1, firstSeq);
    return seq === current + 1 ? undefined : gap('seq', current + 1, seq);
  }

  /** `applied` unless the book is now crossed or locked, which also flags it for a resync. */
  private appliedUnlessCrossed(): SnapshotResult {
    const bids = this.bidSide;
    const asks = this.askSide;
    if (bids.length === 0 || asks.length === 0) return APPLIED;
    const bestBid = bids.keys[bids.length - 1] as number;
    const bestAsk = -(asks.keys[asks.length - 1] as number);
    if (bestBid < bestAsk) return APPLIED;
    this.bookState = 'resync-required';
    return { status: 'crossed', bestBid, bestAsk };
  }
}

function gap(rule: SequenceRule, expected: number, received: number): DeltaResult {
  return { status: 'gap', rule, expected, received };
}

/** Throws on the first level with a price that is not finite and > 0 or an amount that is not finite and ≥ 0. */
function checkLevels(
  book: { readonly venue: string; readonly symbol: string },
  event: 'snapshot' | 'delta',
  side: BookSideName,
  levels: readonly Level[],
): void {
  for (let i = 0; i < levels.length; i++) {
    const level = levels[i] as Level;
    const price = level[0];
    const amount = level[1];
    // One combined test keeps the hot path to a single branch; NaN fails every comparison.
    if (price > 0 && price < Number.POSITIVE_INFINITY && amount >= 0 && amount < Number.POSITIVE_INFINITY) continue;
    const priceOk = price > 0 && price < Number.POSITIVE_INFINITY;
    throw new InvalidBookLevelError({
      venue: book.venue,
      symbol: book.symbol,
      event,
      side,
      index: i,
      field: priceOk ? 'amount' : 'price',
      value: priceOk ? amount : price,
    });
  }
}
