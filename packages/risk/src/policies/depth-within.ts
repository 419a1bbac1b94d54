import type { OrderBookView, Side } from '@arbot/core';

// Band edges computed in floating point (100 × 1.001) can land a hair off a
// level sitting exactly on the edge; the edge is inclusive, with this slack.
const EDGE_SLACK = 1e-12;

/**
 * Base amount resting within `withinBps` of the touch on the side an order of
 * `side` takes: asks up to `bestAsk × (1 + bps/10⁴)` for a buy, bids down to
 * `bestBid × (1 − bps/10⁴)` for a sell (edges inclusive). 0 when that side is
 * empty. The walk stops early once the depth reaches `enough` (callers that
 * only need to know whether a size is covered pass it).
 *
 * @example
 * ```ts
 * // asks 100 × 1, 100.05 × 2, 100.2 × 5: within 10 bps of 100 is up to 100.1 → 3
 * depthWithin(book, 'buy', 10); // 3
 * ```
 */
export function depthWithin(book: OrderBookView, side: Side, withinBps: number, enough = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  if (side === 'buy') {
    const touch = book.bestAsk;
    if (touch === undefined) return 0;
    const edge = touch * (1 + withinBps / 10_000) * (1 + EDGE_SLACK);
    for (let i = 0; i < book.askCount; i++) {
      if (book.askPrice(i) > edge) break;
      depth += book.askAmount(i);
      if (depth >= enough) break;
    }
  } else {
    const touch = book.bestBid;
    if (touch === undefined) return 0;
    const edge = touch * (1 - withinBps / 10_000) * (1 - EDGE_SLACK);
    for (let i = 0; i < book.bidCount; i++) {
      if (book.bidPrice(i) < edge) break;
      depth += book.bidAmount(i);
      if (depth >= enough) break;
    }
  }
  return depth;
}
