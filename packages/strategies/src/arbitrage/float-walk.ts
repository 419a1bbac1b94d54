import type { OrderBookView } from '@arbot/core';

/**
 * Relative slack for comparing float amounts built from sums of book levels
 * and grid multiples (their rounding error is far below it). The float path
 * only chooses sizes; the exact Decimal recomputation decides what is emitted.
 */
export const REL_EPS = 1e-12;

/**
 * One side of a book copied into typed arrays (best first), so the sizing
 * loops, which walk the same few levels many times, read plain memory
 * instead of calling the view. Reused across evaluations: `load` only grows
 * the arrays when a deeper book arrives.
 */
export class SideLevels {
  price = new Float64Array(32);
  amount = new Float64Array(32);
  count = 0;

  /** Copies the asks (`asks = true`) or the bids of `view`. */
  load(view: OrderBookView, asks: boolean): this {
    const n = asks ? view.askCount : view.bidCount;
    if (n > this.price.length) {
      this.price = new Float64Array(n);
      this.amount = new Float64Array(n);
    }
    for (let i = 0; i < n; i++) {
      this.price[i] = asks ? view.askPrice(i) : view.bidPrice(i);
      this.amount[i] = asks ? view.askAmount(i) : view.bidAmount(i);
    }
    this.count = n;
    return this;
  }
}

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
 * Walks `side` for `base`, best level first, into `out`. A level that
 * covers the remainder up to {@link REL_EPS} ends the walk, so a size that
 * equals a cumulative depth in exact arithmetic touches the same worst
 * level as the Decimal walk.
 */
export function walkBase(side: SideLevels, base: number, out: FloatWalk): FloatWalk {
  const { price, amount, count } = side;
  const slack = base * REL_EPS;
  let filled = 0;
  let cost = 0;
  let worst = Number.NaN;
  let before = 0;
  let through = 0;
  let complete = !(base > 0);
  for (let i = 0; i < count && !complete; i++) {
    const p = price[i] as number;
    const a = amount[i] as number;
    const remaining = base - filled;
    worst = p;
    before = filled;
    through = filled + a;
    if (a >= remaining - slack) {
      cost += remaining * p;
      filled = base;
      complete = true;
    } else {
      filled += a;
      cost += a * p;
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
 * The most base that `quote` buys from the asks in `side` (fractional,
 * before any rounding); the whole depth when `quote` is more than it costs.
 */
export function baseForQuote(side: SideLevels, quote: number): number {
  const { price, amount, count } = side;
  let filled = 0;
  let spent = 0;
  for (let i = 0; i < count; i++) {
    const p = price[i] as number;
    const a = amount[i] as number;
    const remaining = quote - spent;
    const levelCost = a * p;
    if (levelCost >= remaining * (1 - REL_EPS)) return filled + Math.min(a, remaining / p);
    filled += a;
    spent += levelCost;
  }
  return filled;
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
