import type { OrderBookView } from '@arbot/core';
import { ceilSteps, FloatWalk, floorSteps, REL_EPS, SideLevels, walkBase } from './float-walk';

/** Most candidate amounts one search visits; real books resolve in a handful. */
const MAX_SEARCH_STEPS = 256;

/**
 * What bounds the trade of one ordered venue pair (buy on `buy`'s asks,
 * sell on `sell`'s bids), in plain numbers; `Infinity` means unbounded.
 * One instance is reused for every pair evaluated.
 */
export class SpatialSizingInput {
  buyFee = 0;
  sellFee = 0;
  /** Haircut as a fraction of the buy cost. */
  haircut = 0;
  /** Grid of the shared base amount (the common step of both markets). */
  step = 1;
  /** Smallest base amount: the larger market minimum (and one step). */
  minAmount = 0;
  /** Largest base amount: market maxima and the base free on the sell venue. */
  maxAmount = Number.POSITIVE_INFINITY;
  /** Largest buy cost (quote): the per-trade notional cap and the quote free on the buy venue net of the fee reserve. */
  maxCost = Number.POSITIVE_INFINITY;
  /** Notional (amount × limit price) bounds of each market. */
  buyMinCost = 0;
  buyMaxCost = Number.POSITIVE_INFINITY;
  sellMinCost = 0;
  sellMaxCost = Number.POSITIVE_INFINITY;
}

/**
 * Finds the best base amounts on the grid for one ordered venue pair.
 *
 * Net profit as a function of the base amount q,
 * `N(q) = (1 − fSell)·P(q) − (1 + fBuy + haircut)·C(q)`, is concave and
 * piecewise linear (P, the bid proceeds, is concave; C, the ask cost,
 * convex), with breakpoints where either walk crosses a level. The merge
 * walk below follows the marginal `(1 − fSell)·bid − (1 + fBuy + h)·ask`
 * level by level until it turns non-positive or a monotone cap binds: that
 * point q* is the exact continuous maximum. On the grid, by concavity, the
 * best feasible amount is either the largest feasible multiple ≤ q* or the
 * smallest feasible multiple above it. Feasibility is not an interval (a
 * sell's notional `q × worst bid` drops when q crosses into a cheaper level),
 * so each search jumps over the infeasible stretches level by level.
 */
export class SpatialSizer {
  /** Grid index (amount / step) of the best feasible amount at or below q*, or -1. */
  kDown = -1;
  /** Its net profit (float). */
  netDown = Number.NEGATIVE_INFINITY;
  /** Grid index of the best feasible amount above q*, or -1. */
  kUp = -1;
  netUp = Number.NEGATIVE_INFINITY;
  /** The continuous optimum q*. */
  optimum = 0;
  private readonly buyWalk = new FloatWalk();
  private readonly sellWalk = new FloatWalk();
  private readonly asks = new SideLevels();
  private readonly bids = new SideLevels();

  /** Sizes the pair; returns whether any feasible amount exists. */
  size(buy: OrderBookView, sell: OrderBookView, input: SpatialSizingInput): boolean {
    this.asks.load(buy, true);
    this.bids.load(sell, false);
    this.optimum = this.continuousOptimum(input);
    const kStar = floorSteps(this.optimum, input.step);
    this.kDown = this.searchDown(input, kStar);
    this.netDown = this.kDown < 0 ? Number.NEGATIVE_INFINITY : this.netOfWalks(input);
    this.kUp = this.searchUp(input, kStar + 1);
    this.netUp = this.kUp < 0 ? Number.NEGATIVE_INFINITY : this.netOfWalks(input);
    return this.kDown >= 0 || this.kUp >= 0;
  }

  /**
   * The largest feasible grid index ≤ `from` for the pair last sized, or -1.
   * Public so a caller whose exact check refuses a candidate can continue
   * the search below it.
   */
  searchDown(input: SpatialSizingInput, from: number): number {
    const { step } = input;
    const kMin = Math.max(1, ceilSteps(input.minAmount, step));
    let k = Math.min(from, floorSteps(input.maxAmount, step));
    for (let guard = 0; guard < MAX_SEARCH_STEPS && k >= kMin; guard++) {
      const q = k * step;
      const a = walkBase(this.asks, q, this.buyWalk);
      const b = walkBase(this.bids, q, this.sellWalk);
      if (!a.complete || !b.complete || a.cost > input.maxCost * (1 + REL_EPS) || q * a.worst > input.buyMaxCost * (1 + REL_EPS)) {
        // q* respects these caps, so only float noise lands here: one step down fixes it.
        k--;
        continue;
      }
      // q × worst ask only grows with q: nothing below meets the buy's minimum notional.
      if (q * a.worst < input.buyMinCost * (1 - REL_EPS)) return -1;
      let next = k;
      if (q * b.worst < input.sellMinCost * (1 - REL_EPS)) {
        // Inside this bid level every smaller q is worse; the better (pricier) level ends at `before`.
        if (!(b.before > 0)) return -1;
        next = Math.min(k - 1, floorSteps(b.before, step));
      }
      if (q * b.worst > input.sellMaxCost * (1 + REL_EPS)) next = Math.min(next, k - 1, floorSteps(input.sellMaxCost / b.worst, step));
      if (next === k) return k;
      k = next;
    }
    return -1;
  }

  /** The smallest feasible grid index ≥ `from` for the pair last sized, or -1. */
  searchUp(input: SpatialSizingInput, from: number): number {
    const { step } = input;
    const kMax = floorSteps(input.maxAmount, step);
    let k = Math.max(from, 1, ceilSteps(input.minAmount, step));
    for (let guard = 0; guard < MAX_SEARCH_STEPS && k <= kMax; guard++) {
      const q = k * step;
      const a = walkBase(this.asks, q, this.buyWalk);
      const b = walkBase(this.bids, q, this.sellWalk);
      // Depth, cost caps and the buy's maximum notional only get worse with q.
      if (!a.complete || !b.complete || a.cost > input.maxCost * (1 + REL_EPS) || q * a.worst > input.buyMaxCost * (1 + REL_EPS)) return -1;
      let next = k;
      if (q * a.worst < input.buyMinCost * (1 - REL_EPS)) next = Math.max(next, k + 1, ceilSteps(input.buyMinCost / a.worst, step));
      if (q * b.worst < input.sellMinCost * (1 - REL_EPS)) next = Math.max(next, k + 1, ceilSteps(input.sellMinCost / b.worst, step));
      // The rest of this bid level only adds notional; the next level starts past `through`.
      if (q * b.worst > input.sellMaxCost * (1 + REL_EPS)) next = Math.max(next, k + 1, floorSteps(b.through, step) + 1);
      if (next === k) return k;
      k = next;
    }
    return -1;
  }

  /** Net profit of the amount last walked by a search (float). */
  private netOfWalks(input: SpatialSizingInput): number {
    return this.sellWalk.cost * (1 - input.sellFee) - this.buyWalk.cost * (1 + input.buyFee + input.haircut);
  }

  private continuousOptimum(input: SpatialSizingInput): number {
    const buyMul = 1 + input.buyFee + input.haircut;
    const sellMul = 1 - input.sellFee;
    const asks = this.asks;
    const bids = this.bids;
    const nA = asks.count;
    const nB = bids.count;
    let i = 0;
    let j = 0;
    let ask = nA > 0 ? (asks.price[0] as number) : Number.NaN;
    let askLeft = nA > 0 ? (asks.amount[0] as number) : 0;
    let bid = nB > 0 ? (bids.price[0] as number) : Number.NaN;
    let bidLeft = nB > 0 ? (bids.amount[0] as number) : 0;
    let q = 0;
    let cost = 0;
    while (i < nA && j < nB && bid * sellMul > ask * buyMul) {
      let d = Math.min(askLeft, bidLeft);
      let capped = false;
      const byAmount = input.maxAmount - q;
      const byCost = (input.maxCost - cost) / ask;
      const byNotional = input.buyMaxCost / ask - q;
      const cap = Math.min(byAmount, byCost, byNotional);
      if (cap <= d) {
        d = Math.max(0, cap);
        capped = true;
      }
      q += d;
      cost += d * ask;
      if (capped) break;
      askLeft -= d;
      bidLeft -= d;
      const slack = q * REL_EPS;
      if (askLeft <= slack) {
        i++;
        ask = i < nA ? (asks.price[i] as number) : Number.NaN;
        askLeft = i < nA ? (asks.amount[i] as number) : 0;
      }
      if (bidLeft <= slack) {
        j++;
        bid = j < nB ? (bids.price[j] as number) : Number.NaN;
        bidLeft = j < nB ? (bids.amount[j] as number) : 0;
      }
    }
    return q;
  }
}
