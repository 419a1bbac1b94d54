import type { OrderBookView } from '@arbot/core';

/**
 * Relative slack for comparing float amounts built from sums of book levels
 * and grid multiples (their rounding error is far below it). The float path
 * only chooses sizes; the exact Decimal recomputation decides what is emitted.
 */
export const REL_EPS = 1e-12;

/**
 * A reusable result of a number depth walk: detectors keep one per use so
 * the hot path allocates nothing.
 */
export class FloatWalk {
  /** Base filled. */
  filled = 0;
  /** Quote paid (asks) or received (bids), before fees. */
  cost = 0;
  /** Price of the worst level touched, `NaN` when nothing was filled. */
  worst = Number.NaN;
  /** Base held by the levels better than the worst one. */
  before = 0;
  /** Base held by the levels up to and including the worst one. */
  through = 0;
  /** Whether the whole request was filled. */
  complete = false;
}

/**
 * Walks the asks (`asks = true`) or the bids of `view` for `base`, best
 * level first, into `out`. A level that covers the remainder up to
 * {@link REL_EPS} ends the walk, so a size that equals a cumulative depth in
 * exact arithmetic touches the same worst level as the Decimal walk.
 */
export function walkBase(view: OrderBookView, asks: boolean, base: number, out: FloatWalk): FloatWalk {
  const n = asks ? view.askCount : view.bidCount;
  const slack = base * REL_EPS;
  let filled = 0;
  let cost = 0;
  let worst = Number.NaN;
  let before = 0;
  let through = 0;
  let complete = !(base > 0);
  for (let i = 0; i < n && !complete; i++) {
    const price = asks ? view.askPrice(i) : view.bidPrice(i);
    const amount = asks ? view.askAmount(i) : view.bidAmount(i);
    const remaining = base - filled;
    worst = price;
    before = filled;
    through = filled + amount;
    if (amount >= remaining - slack) {
      cost += remaining * price;
      filled = base;
      complete = true;
    } else {
      filled += amount;
      cost += amount * price;
    }
  }
  out.filled = filled;
  out.cost = cost;
  out.worst = worst;
  out.before = before;
  out.through = through;
  out.complete = complete;
  return out;
}

/**
 * The most base that `quote` buys from the asks (fractional, before any
 * rounding); the whole ask depth when `quote` is more than it costs.
 */
export function baseForQuote(view: OrderBookView, quote: number): number {
  const n = view.askCount;
  let filled = 0;
  let spent = 0;
  for (let i = 0; i < n; i++) {
    const price = view.askPrice(i);
    const amount = view.askAmount(i);
    const remaining = quote - spent;
    const levelCost = amount * price;
    if (levelCost >= remaining * (1 - REL_EPS)) return filled + Math.min(amount, remaining / price);
    filled += amount;
    spent += levelCost;
  }
  return filled;
}

/** Total base on one side of `view`. */
export function sideDepth(view: OrderBookView, asks: boolean): number {
  const n = asks ? view.askCount : view.bidCount;
  let total = 0;
  for (let i = 0; i < n; i++) total += asks ? view.askAmount(i) : view.bidAmount(i);
  return total;
}

/** How many whole `step`s fit in `x`, forgiving float noise just below a multiple. */
export function floorSteps(x: number, step: number): number {
  const r = x / step;
  return Math.floor(r + Math.abs(r) * REL_EPS + 1e-9);
}

/** The fewest whole `step`s that reach `x`, forgiving float noise just above a multiple. */
export function ceilSteps(x: number, step: number): number {
  const r = x / step;
  return Math.ceil(r - Math.abs(r) * REL_EPS - 1e-9);
}
