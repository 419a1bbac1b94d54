import { type Decimal, type OrderBookView, toDecimal } from '@arbot/core';

/** An exact depth walk: quote paid (asks) or received (bids) and the worst level's price. */
export interface DecimalWalk {
  readonly cost: Decimal;
  /** Price of the worst level touched, as the book holds it. */
  readonly worst: number;
}

/** Levels of one side converted to Decimal so far, best first. */
interface ExactSide {
  readonly prices: Decimal[];
  readonly amounts: Decimal[];
}

/**
 * Decimal copies of the levels of each view, converted on first use (views
 * are immutable, so a conversion is valid for the view's lifetime; the
 * WeakMap lets it go with the view). The exact checks of several candidate
 * sizes walk the same few levels.
 */
const exactSides = new WeakMap<OrderBookView, { asks: ExactSide; bids: ExactSide }>();

function exactSide(view: OrderBookView, asks: boolean): ExactSide {
  let sides = exactSides.get(view);
  if (sides === undefined) {
    sides = { asks: { prices: [], amounts: [] }, bids: { prices: [], amounts: [] } };
    exactSides.set(view, sides);
  }
  return asks ? sides.asks : sides.bids;
}

/**
 * Level `i` of one side as exact decimals (the shortest round-trip string of
 * each float, i.e. the exchange's own decimal), or `undefined` past the end.
 */
function exactLevel(view: OrderBookView, asks: boolean, i: number): readonly [price: Decimal, amount: Decimal] | undefined {
  const side = exactSide(view, asks);
  const count = asks ? view.askCount : view.bidCount;
  if (i >= count) return undefined;
  while (side.prices.length <= i) {
    const j = side.prices.length;
    side.prices.push(toDecimal(asks ? view.askPrice(j) : view.bidPrice(j)));
    side.amounts.push(toDecimal(asks ? view.askAmount(j) : view.bidAmount(j)));
  }
  return [side.prices[i] as Decimal, side.amounts[i] as Decimal];
}

/**
 * Walks the asks (`asks = true`) or bids of `view` for `base`, exactly.
 * `undefined` when the side cannot fill `base` or `base` is not positive.
 */
export function walkBaseExact(view: OrderBookView, asks: boolean, base: Decimal): DecimalWalk | undefined {
  if (!base.gt(0)) return undefined;
  let remaining = base;
  let cost = toDecimal(0);
  for (let i = 0; ; i++) {
    const level = exactLevel(view, asks, i);
    if (level === undefined) return undefined;
    const [price, amount] = level;
    if (amount.gte(remaining)) return { cost: cost.plus(remaining.times(price)), worst: asks ? view.askPrice(i) : view.bidPrice(i) };
    cost = cost.plus(amount.times(price));
    remaining = remaining.minus(amount);
  }
}

/**
 * The largest multiple of `step` (base) whose ask cost is at most `quote`,
 * capped by the ask depth rounded down to `step`. Exact: the quotient of the
 * last level is rounded down to the grid and the cost re-checked, so a
 * division that rounds up onto a multiple never overspends.
 */
export function baseForQuoteExact(view: OrderBookView, quote: Decimal, step: Decimal): Decimal {
  let spent = toDecimal(0);
  let filled = toDecimal(0);
  let raw: Decimal | undefined;
  for (let i = 0; raw === undefined; i++) {
    const level = exactLevel(view, true, i);
    if (level === undefined) break;
    const [price, amount] = level;
    const levelCost = amount.times(price);
    const remaining = quote.minus(spent);
    if (levelCost.gte(remaining)) raw = filled.plus(remaining.div(price));
    else {
      spent = spent.plus(levelCost);
      filled = filled.plus(amount);
    }
  }
  let base = floorToStep(raw ?? filled, step);
  while (base.gt(0) && walkBaseExact(view, true, base)?.cost.lte(quote) !== true) base = base.minus(step);
  return base.gt(0) ? base : toDecimal(0);
}

/** `min(cap, total base on one side of view)`, exactly, reading only as many levels as it takes. */
export function depthUpToExact(view: OrderBookView, asks: boolean, cap: Decimal): Decimal {
  let total = toDecimal(0);
  for (let i = 0; total.lt(cap); i++) {
    const level = exactLevel(view, asks, i);
    if (level === undefined) return total;
    total = total.plus(level[1]);
  }
  return cap;
}

/**
 * The largest multiple of `step` at most `value` (≥ 0), exactly: decimal.js
 * computes the remainder without rounding. The core `roundToStep` does the
 * same after validating its arguments; these are already valid Decimals and
 * this runs for every candidate leg.
 */
export function floorToStep(value: Decimal, step: Decimal): Decimal {
  const remainder = value.mod(step);
  return remainder.isZero() ? value : value.minus(remainder);
}
