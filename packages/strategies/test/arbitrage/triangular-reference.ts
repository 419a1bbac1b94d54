/**
 * A deliberately simple brute-force reference for triangular arbitrage: every
 * multiple of the first leg's amount step up to its book's depth, each plan
 * computed exactly in Decimal from the definition (each later leg converts
 * what the previous one kept, up to its free balance, rounded down to its
 * step; fees come out of what each leg receives), every leg checked with
 * the core `orderViolations`; the best net is kept. No floats.
 */
import { type Decimal, type Market, type OrderBookView, orderViolations, toDecimal } from '@arbot/core';

export interface ReferenceHop {
  readonly view: OrderBookView;
  readonly market: Market;
  readonly buys: boolean;
  /** Taker rate charged. */
  readonly fee: Decimal;
  /** Free balance of the asset the leg spends; `undefined` when not tracked. */
  readonly free?: Decimal | undefined;
}

export interface TriangleCase {
  readonly hops: readonly [ReferenceHop, ReferenceHop, ReferenceHop];
  readonly haircutBps: number;
  readonly maxNotional?: Decimal | undefined;
}

export interface TriangleOutcome {
  readonly amounts: readonly Decimal[];
  readonly spent: Decimal;
  readonly net: Decimal;
}

/** Book levels as exact decimals, `[price, amount]`, best first. */
type Levels = readonly (readonly [Decimal, Decimal])[];

const exactLevels = new WeakMap<OrderBookView, { asks: Levels; bids: Levels }>();

/** The levels of a view in Decimal, converted once per view (the walks below run thousands of times). */
function levelsOf(view: OrderBookView, buys: boolean): Levels {
  let cached = exactLevels.get(view);
  if (cached === undefined) {
    const exact = (levels: readonly (readonly [number, number])[]): Levels => levels.map(([p, a]) => [toDecimal(p), toDecimal(a)] as const);
    cached = { asks: exact(view.asks()), bids: exact(view.bids()) };
    exactLevels.set(view, cached);
  }
  return buys ? cached.asks : cached.bids;
}

/** The exact outcome of the plan whose first leg trades `first`, or `undefined` when it is not allowed. */
export function triangleOutcomeAt(c: TriangleCase, first: Decimal, check = true): TriangleOutcome | undefined {
  const amounts: Decimal[] = [];
  let spent = toDecimal(0);
  let carry = toDecimal(0);
  for (let h = 0; h < 3; h++) {
    const hop = c.hops[h] as ReferenceHop;
    const levels = levelsOf(hop.view, hop.buys);
    let amount: Decimal;
    if (h === 0) amount = first;
    else {
      const available = hop.free?.lt(carry) ? hop.free : carry;
      amount = hop.buys
        ? largestAffordable(levels, available, hop.market.precision.amount)
        : floorTo(minOf(available, total(levels)), hop.market.precision.amount);
    }
    const fill = walk(levels, amount);
    if (!amount.gt(0) || fill === undefined) return undefined;
    if (check && !legOk(hop.market, hop.buys, amount, fill.worst)) return undefined;
    const input = hop.buys ? fill.cost : amount;
    if (h === 0) {
      spent = input;
      if (hop.free !== undefined && spent.gt(hop.free)) return undefined;
      if (c.maxNotional !== undefined && spent.gt(c.maxNotional)) return undefined;
    }
    const keep = toDecimal(1).minus(hop.fee);
    carry = hop.buys ? amount.times(keep) : fill.cost.times(keep);
    amounts.push(amount);
  }
  return { amounts, spent, net: carry.minus(spent).minus(spent.times(c.haircutBps).div(10_000)) };
}

/** The best allowed plan over every first-leg grid amount (first one on ties), or `undefined`. */
export function bestTriangleByBruteForce(c: TriangleCase): TriangleOutcome | undefined {
  const first = c.hops[0];
  const step = first.market.precision.amount;
  const depth = total(levelsOf(first.view, first.buys));
  let best: TriangleOutcome | undefined;
  for (let amount = step; amount.lte(depth); amount = amount.plus(step)) {
    // spending only grows with the amount: past the start balance or the notional cap, nothing is allowed
    const spent = first.buys ? walk(levelsOf(first.view, true), amount)?.cost : amount;
    if (
      spent === undefined ||
      (first.free !== undefined && spent.gt(first.free)) ||
      (c.maxNotional !== undefined && spent.gt(c.maxNotional))
    )
      break;
    // the order checks are slow; skip them for plans that could not beat the best anyway
    if (best !== undefined && !(triangleOutcomeAt(c, amount, false)?.net.gt(best.net) ?? false)) continue;
    const outcome = triangleOutcomeAt(c, amount);
    if (outcome !== undefined && (best === undefined || outcome.net.gt(best.net))) best = outcome;
  }
  return best;
}

function legOk(market: Market, buys: boolean, amount: Decimal, worst: Decimal): boolean {
  if (!worst.mod(market.precision.price).isZero()) return false;
  return orderViolations(market, { side: buys ? 'buy' : 'sell', amount, price: worst }).length === 0;
}

/**
 * The largest multiple of `step` whose cost on these asks is at most `quote`.
 * A guess from the level arithmetic is accepted only when the definition
 * confirms it (it is affordable and one more step is not); otherwise bisection.
 */
function largestAffordable(asks: Levels, quote: Decimal, step: Decimal): Decimal {
  const affordable = (m: number): boolean => {
    if (m === 0) return true;
    const fill = walk(asks, step.times(m));
    return fill?.cost.lte(quote) === true;
  };
  let filled = toDecimal(0);
  let spent = toDecimal(0);
  for (const [price, size] of asks) {
    const levelCost = price.times(size);
    if (spent.plus(levelCost).lte(quote)) {
      filled = filled.plus(size);
      spent = spent.plus(levelCost);
    } else {
      filled = filled.plus(quote.minus(spent).div(price));
      break;
    }
  }
  const guess = filled.div(step).floor().toNumber();
  if (affordable(guess) && !affordable(guess + 1)) return step.times(guess);
  let lo = 0; // affordable
  let hi = floorTo(total(asks), step).div(step).toNumber() + 1; // not affordable, or beyond the depth
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (affordable(mid)) lo = mid;
    else hi = mid;
  }
  return step.times(lo);
}

function walk(levels: Levels, amount: Decimal): { cost: Decimal; worst: Decimal } | undefined {
  let left = amount;
  let cost = toDecimal(0);
  for (const [price, size] of levels) {
    const take = minOf(left, size);
    cost = cost.plus(take.times(price));
    left = left.minus(take);
    if (left.isZero()) return { cost, worst: price };
  }
  return undefined;
}

function total(levels: Levels): Decimal {
  return levels.reduce((sum, [, a]) => sum.plus(a), toDecimal(0));
}

function floorTo(value: Decimal, step: Decimal): Decimal {
  return value.div(step).floor().times(step);
}

function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lt(b) ? a : b;
}
