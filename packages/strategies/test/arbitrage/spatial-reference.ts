/**
 * A deliberately simple brute-force reference for spatial arbitrage: every
 * multiple of the common amount step up to the shallower book, each priced
 * exactly in Decimal by walking the levels, checked with the core
 * `orderViolations`, and the best net kept. No cleverness, no floats.
 */
import { type Decimal, type Market, type OrderBookView, orderViolations, type Side, toDecimal } from '@arbot/core';

/** Book levels as exact decimals, `[price, amount]`, best first. */
type Levels = readonly (readonly [Decimal, Decimal])[];

const exactLevels = new WeakMap<OrderBookView, { asks: Levels; bids: Levels }>();

/** The levels of a view in Decimal, converted once per view (the walks below run thousands of times). */
function levelsOf(view: OrderBookView, asks: boolean): Levels {
  let cached = exactLevels.get(view);
  if (cached === undefined) {
    const exact = (levels: readonly (readonly [number, number])[]): Levels => levels.map(([p, a]) => [toDecimal(p), toDecimal(a)] as const);
    cached = { asks: exact(view.asks()), bids: exact(view.bids()) };
    exactLevels.set(view, cached);
  }
  return asks ? cached.asks : cached.bids;
}

export interface SpatialCase {
  readonly buyView: OrderBookView;
  readonly sellView: OrderBookView;
  readonly buyMarket: Market;
  readonly sellMarket: Market;
  /** Taker rates actually charged (overrides applied). */
  readonly buyFee: Decimal;
  readonly sellFee: Decimal;
  /** Whether the buy venue adds its fee to the quote paid (so the quote balance must cover it). */
  readonly buyFeeInQuote: boolean;
  readonly haircutBps: number;
  readonly quoteFree?: Decimal | undefined;
  readonly baseFree?: Decimal | undefined;
  readonly maxNotional?: Decimal | undefined;
}

export interface SpatialOutcome {
  readonly amount: Decimal;
  readonly cost: Decimal;
  readonly proceeds: Decimal;
  readonly net: Decimal;
}

/** The exact outcome of trading `amount`, or `undefined` when that trade is not allowed. */
export function spatialOutcomeAt(c: SpatialCase, amount: Decimal): SpatialOutcome | undefined {
  const buy = walk(levelsOf(c.buyView, true), amount);
  const sell = walk(levelsOf(c.sellView, false), amount);
  if (buy === undefined || sell === undefined) return undefined;
  if (!legOk(c.buyMarket, 'buy', amount, buy.worst) || !legOk(c.sellMarket, 'sell', amount, sell.worst)) return undefined;
  const reserve = c.buyFeeInQuote && c.buyFee.gt(0) ? c.buyFee : toDecimal(0);
  if (c.quoteFree !== undefined && buy.cost.times(reserve.plus(1)).gt(c.quoteFree)) return undefined;
  if (c.baseFree !== undefined && amount.gt(c.baseFree)) return undefined;
  if (c.maxNotional !== undefined && buy.cost.gt(c.maxNotional)) return undefined;
  const fees = buy.cost.times(c.buyFee).plus(sell.cost.times(c.sellFee));
  const haircut = buy.cost.times(c.haircutBps).div(10_000);
  return { amount, cost: buy.cost, proceeds: sell.cost, net: sell.cost.minus(buy.cost).minus(fees).minus(haircut) };
}

/** The best allowed trade over every grid amount (first one on ties), or `undefined` when none is allowed. */
export function bestSpatialByBruteForce(c: SpatialCase): SpatialOutcome | undefined {
  const step = smallestCommonMultiple(c.buyMarket.precision.amount, c.sellMarket.precision.amount);
  const depth = minOf(total(levelsOf(c.buyView, true)), total(levelsOf(c.sellView, false)));
  let best: SpatialOutcome | undefined;
  for (let amount = step; amount.lte(depth); amount = amount.plus(step)) {
    // the order checks are slow; skip them for amounts that could not beat the best anyway
    if (best !== undefined && !unchecked(c, amount).gt(best.net)) continue;
    const outcome = spatialOutcomeAt(c, amount);
    if (outcome !== undefined && (best === undefined || outcome.net.gt(best.net))) best = outcome;
  }
  return best;
}

/** Net of `amount` before any order or balance check (the walks must fill it). */
function unchecked(c: SpatialCase, amount: Decimal): Decimal {
  const buy = walk(levelsOf(c.buyView, true), amount);
  const sell = walk(levelsOf(c.sellView, false), amount);
  if (buy === undefined || sell === undefined) return toDecimal(Number.NEGATIVE_INFINITY);
  const fees = buy.cost.times(c.buyFee).plus(sell.cost.times(c.sellFee));
  return sell.cost.minus(buy.cost).minus(fees).minus(buy.cost.times(c.haircutBps).div(10_000));
}

function legOk(market: Market, side: Side, amount: Decimal, worst: Decimal): boolean {
  if (!worst.mod(market.precision.price).isZero()) return false;
  return orderViolations(market, { side, amount, price: worst }).length === 0;
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

/** The smallest multiple of `a` that `b` divides, found by counting. */
function smallestCommonMultiple(a: Decimal, b: Decimal): Decimal {
  for (let m = a; ; m = m.plus(a)) if (m.mod(b).isZero()) return m;
}

function minOf(a: Decimal, b: Decimal): Decimal {
  return a.lt(b) ? a : b;
}
