import type { Level } from '../model/book';

/**
 * Result of walking one side of a book. All figures are in plain numbers
 * (hot path); convert to `Decimal` and round to the market before ordering.
 * The last level touched is consumed partially. A request of 0 yields
 * `filled: 0`, `NaN` average/worst and `complete: true`; a negative or NaN
 * request, or an empty side, yields the same with `complete: false`.
 *
 * @example
 * ```ts
 * // asks 100 × 1, 101 × 2: buying 2.5 takes 1 at 100 and 1.5 at 101
 * view.costToBuy(2.5); // { filled: 2.5, cost: 251.5, average: 100.6, worst: 101, complete: true }
 * ```
 */
export interface DepthWalk {
  /** Base amount filled by the walk (≤ requested when the book is too thin). */
  readonly filled: number;
  /** Quote spent (walking asks) or received (walking bids), before fees. */
  readonly cost: number;
  /** Volume-weighted average price, `NaN` when nothing filled. */
  readonly average: number;
  /** Price of the last (worst) level touched, `NaN` when nothing filled. */
  readonly worst: number;
  /** `true` when the whole request could be filled from the book. */
  readonly complete: boolean;
}

/**
 * A read-only, consistent L2 book: best prices, levels and depth walks.
 * Index 0 is the best level on each side. Views emitted by the `book()`
 * operator are immutable copies and safe to keep.
 *
 * @example
 * ```ts
 * const buy = view.costToBuy(2); // walk the asks for 2 base
 * console.log(buy.average, buy.worst, buy.complete);
 * ```
 */
export interface OrderBookView {
  readonly venue: string;
  readonly symbol: string;
  /** Exchange time of the last applied update, ms. */
  readonly ts: number;
  /** Local receive time of the last applied update, ms (from the Clock). */
  readonly recvTs: number;
  /** Sequence id of the last applied update, when the feed has one. */
  readonly seq: number | undefined;
  /** Number of bid levels. */
  readonly bidCount: number;
  /** Number of ask levels. */
  readonly askCount: number;
  /** Best bid price, `undefined` when there are no bids. */
  readonly bestBid: number | undefined;
  /** Best ask price, `undefined` when there are no asks. */
  readonly bestAsk: number | undefined;
  /** `(bestBid + bestAsk) / 2`, `undefined` unless both sides exist. */
  readonly mid: number | undefined;
  /** `bestAsk - bestBid`, `undefined` unless both sides exist. */
  readonly spread: number | undefined;
  /** Price of the i-th best bid (0 = best); `NaN` out of range. */
  bidPrice(i: number): number;
  /** Amount of the i-th best bid; `NaN` out of range. */
  bidAmount(i: number): number;
  /** Price of the i-th best ask (0 = best); `NaN` out of range. */
  askPrice(i: number): number;
  /** Amount of the i-th best ask; `NaN` out of range. */
  askAmount(i: number): number;
  /** The best `n` bids, best first (all when `n` is omitted). */
  bids(n?: number): Level[];
  /** The best `n` asks, best first (all when `n` is omitted). */
  asks(n?: number): Level[];
  /** Walks the asks to buy `base`: what it costs, average and worst price. */
  costToBuy(base: number): DepthWalk;
  /** Walks the bids to sell `base`: what it yields, average and worst price. */
  proceedsOfSelling(base: number): DepthWalk;
  /** Walks the asks spending at most `quote`: how much base it buys. */
  buyWithQuote(quote: number): DepthWalk;
  /** Walks the bids until `quote` is received: how much base must be sold. */
  sellForQuote(quote: number): DepthWalk;
}
