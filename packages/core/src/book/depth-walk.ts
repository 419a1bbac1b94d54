import type { SideLevels } from './book-side';
import type { DepthWalk } from './order-book-view';

/** A request of 0: nothing to fill, so trivially complete. */
const NOTHING_REQUESTED: DepthWalk = Object.freeze({
  filled: 0,
  cost: 0,
  average: Number.NaN,
  worst: Number.NaN,
  complete: true,
});
/** A negative/NaN request, or an empty side: nothing filled, not complete. */
const NOTHING_FILLED: DepthWalk = Object.freeze({
  filled: 0,
  cost: 0,
  average: Number.NaN,
  worst: Number.NaN,
  complete: false,
});

/**
 * Takes `base` from one side, best level first, consuming the last level
 * touched partially. `cost` is the quote paid (asks) or received (bids).
 * A request of 0 is trivially complete; a negative or NaN one fills nothing
 * and is not complete.
 *
 * @example
 * ```ts
 * // asks 100 × 1, 101 × 2; buying 2: 1×100 + 1×101 = 201, average 100.5, worst 101
 * walkBase(asks, 2); // { filled: 2, cost: 201, average: 100.5, worst: 101, complete: true }
 * ```
 */
export function walkBase(side: SideLevels, base: number): DepthWalk {
  if (!(base > 0)) return base === 0 ? NOTHING_REQUESTED : NOTHING_FILLED;
  const { keys, amounts, sign } = side;
  let filled = 0;
  let cost = 0;
  let worst = Number.NaN;
  for (let i = side.length - 1; i >= 0; i--) {
    const price = sign * (keys[i] as number);
    const amount = amounts[i] as number;
    const remaining = base - filled;
    worst = price;
    if (amount >= remaining) {
      cost += remaining * price;
      return finish(side, base, cost, worst, true);
    }
    filled += amount;
    cost += amount * price;
  }
  return filled === 0 ? NOTHING_FILLED : finish(side, filled, cost, worst, false);
}

/**
 * Spends (asks) or collects (bids) `quote` on one side, best level first:
 * `filled` is the base bought or sold, `cost` the quote actually spent or
 * received. Request edge cases as in {@link walkBase}.
 *
 * @example
 * ```ts
 * // asks 100 × 1, 101 × 2; spending 201: 100 for 1 base, then 101 buys 1 more
 * walkQuote(asks, 201); // { filled: 2, cost: 201, average: 100.5, worst: 101, complete: true }
 * ```
 */
export function walkQuote(side: SideLevels, quote: number): DepthWalk {
  if (!(quote > 0)) return quote === 0 ? NOTHING_REQUESTED : NOTHING_FILLED;
  const { keys, amounts, sign } = side;
  let filled = 0;
  let cost = 0;
  let worst = Number.NaN;
  for (let i = side.length - 1; i >= 0; i--) {
    const price = sign * (keys[i] as number);
    const amount = amounts[i] as number;
    const levelQuote = amount * price;
    const remaining = quote - cost;
    worst = price;
    if (levelQuote >= remaining) {
      // The last level may be taken whole when rounding makes remaining/price exceed it.
      filled += Math.min(amount, remaining / price);
      return finish(side, filled, quote, worst, true);
    }
    filled += amount;
    cost += levelQuote;
  }
  return filled === 0 ? NOTHING_FILLED : finish(side, filled, cost, worst, false);
}

function finish(side: SideLevels, filled: number, cost: number, worst: number, complete: boolean): DepthWalk {
  // The VWAP lies between the best and the worst price touched; clamping
  // removes the last-ulp rounding of cost / filled so that invariant is exact.
  const best = side.sign * (side.keys[side.length - 1] as number);
  const average = Math.min(Math.max(cost / filled, Math.min(best, worst)), Math.max(best, worst));
  return { filled, cost, average, worst, complete };
}
