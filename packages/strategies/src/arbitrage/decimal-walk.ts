import { type Decimal, type OrderBookView, roundToStep, toDecimal } from '@arbot/core';

/** An exact depth walk: quote paid (asks) or received (bids) and the worst level's price. */
export interface DecimalWalk {
  readonly cost: Decimal;
  /** Price of the worst level touched, as the book holds it. */
  readonly worst: number;
}

/**
 * Walks the asks (`asks = true`) or bids of `view` for `base`, exactly:
 * every level is converted with `toDecimal` (the shortest round-trip string
 * of the float, i.e. the exchange's own decimal). `undefined` when the side
 * cannot fill `base` or `base` is not positive.
 */
export function walkBaseExact(view: OrderBookView, asks: boolean, base: Decimal): DecimalWalk | undefined {
  if (!base.gt(0)) return undefined;
  const n = asks ? view.askCount : view.bidCount;
  let remaining = base;
  let cost = toDecimal(0);
  for (let i = 0; i < n; i++) {
    const price = asks ? view.askPrice(i) : view.bidPrice(i);
    const amount = toDecimal(asks ? view.askAmount(i) : view.bidAmount(i));
    const p = toDecimal(price);
    if (amount.gte(remaining)) return { cost: cost.plus(remaining.times(p)), worst: price };
    cost = cost.plus(amount.times(p));
    remaining = remaining.minus(amount);
  }
  return undefined;
}

/**
 * The largest multiple of `step` (base) whose ask cost is at most `quote`,
 * capped by the ask depth rounded down to `step`. Exact: the quotient of the
 * last level is rounded down to the grid and the cost re-checked, so a
 * division that rounds up onto a multiple never overspends.
 */
export function baseForQuoteExact(view: OrderBookView, quote: Decimal, step: Decimal): Decimal {
  const n = view.askCount;
  let spent = toDecimal(0);
  let filled = toDecimal(0);
  let raw: Decimal | undefined;
  for (let i = 0; i < n && raw === undefined; i++) {
    const p = toDecimal(view.askPrice(i));
    const amount = toDecimal(view.askAmount(i));
    const levelCost = amount.times(p);
    const remaining = quote.minus(spent);
    if (levelCost.gte(remaining)) raw = filled.plus(remaining.div(p));
    else {
      spent = spent.plus(levelCost);
      filled = filled.plus(amount);
    }
  }
  let base = roundToStep(raw ?? filled, step, 'down');
  while (base.gt(0)) {
    const walk = walkBaseExact(view, true, base);
    if (walk?.cost.lte(quote)) break;
    base = base.minus(step);
  }
  return base.gt(0) ? base : toDecimal(0);
}

/** Total base on one side of `view`, exactly. */
export function sideDepthExact(view: OrderBookView, asks: boolean): Decimal {
  const n = asks ? view.askCount : view.bidCount;
  let total = toDecimal(0);
  for (let i = 0; i < n; i++) total = total.plus(toDecimal(asks ? view.askAmount(i) : view.bidAmount(i)));
  return total;
}
