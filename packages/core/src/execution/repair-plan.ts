import { orderViolations } from '../catalog/check-order';
import { roundAmount, roundPrice } from '../catalog/market-rounding';
import type { Market } from '../model/market';
import type { Side } from '../model/primitives';
import { Decimal } from '../money/decimal';
import type { BooksProvider } from './executor-options';

const ZERO = new Decimal(0);
const BPS = new Decimal(10_000);

/**
 * Where one leg stands after its orders (and any repairs) finished.
 * `executed` is the net amount traded in the leg's direction (repairs that
 * completed it add, unwinds subtract).
 */
export interface LegPosition {
  readonly legIndex: number;
  readonly market: Market;
  readonly side: Side;
  readonly requested: Decimal;
  readonly executed: Decimal;
  /** Average price of what the leg's own orders executed, when anything did. */
  readonly averagePrice: Decimal | undefined;
  readonly expectedPrice: Decimal;
  /**
   * Fees the leg paid in its base asset (a buy whose fee is taken from what it
   * bought): that much of `executed` was never received, so it cannot be
   * unwound and does not count as exposure.
   */
  readonly baseFees: Decimal;
}

/** One order a repair plan would place. */
export interface RepairOrder {
  readonly legIndex: number;
  readonly market: Market;
  readonly side: Side;
  readonly amount: Decimal;
  /** IOC limit: the worst price the cap allows. */
  readonly price: Decimal;
}

/**
 * A way to close the exposure of a partial execution: `complete` brings every
 * leg up to the most-filled leg's fraction, `unwind` trades every leg back
 * down to the least-filled one's. `score` is the currency the plan's orders
 * are expected to bring in (negative: cost) after taker fees, from the books
 * when given, else at the capped limit prices (the worst case). `feasible` is
 * false when a book shows the plan cannot fill within the cap. Amounts a
 * market would refuse (below its minimum) are listed in `skipped`.
 */
export interface RepairPlan {
  readonly kind: 'complete' | 'unwind';
  readonly orders: readonly RepairOrder[];
  readonly skipped: readonly { readonly legIndex: number; readonly amount: Decimal; readonly reason: string }[];
  readonly score: Decimal | undefined;
  readonly feasible: boolean;
}

/** Fraction of its request each leg has executed, and the spread between legs. */
export function legFractions(legs: readonly LegPosition[]): { min: Decimal; max: Decimal } {
  let min: Decimal | undefined;
  let max: Decimal | undefined;
  for (const leg of legs) {
    const f = leg.executed.div(leg.requested);
    min = min === undefined || f.lt(min) ? f : min;
    max = max === undefined || f.gt(max) ? f : max;
  }
  return { min: min ?? ZERO, max: max ?? ZERO };
}

/**
 * How far each leg is from the least-filled one, in its base asset,
 * ignoring differences below one amount step (nothing can trade them).
 */
export function legExcess(legs: readonly LegPosition[]): { legIndex: number; market: Market; side: Side; excess: Decimal }[] {
  const { min } = legFractions(legs);
  return legs
    .map((leg) => ({
      legIndex: leg.legIndex,
      market: leg.market,
      side: leg.side,
      excess: leg.executed.minus(min.times(leg.requested)),
      dust: leg.baseFees,
    }))
    .filter((e) => e.excess.gte(e.market.precision.amount) && e.excess.gt(e.dust))
    .map(({ dust: _, ...e }) => e);
}

/** Both repair plans for the legs, each with its score; `undefined` when the legs are already level. */
export function planRepairs(
  legs: readonly LegPosition[],
  options: {
    readonly maxSlippageBps: number;
    readonly books: BooksProvider | undefined;
    readonly unitPrice: (asset: string) => Decimal | undefined;
  },
): { complete: RepairPlan; unwind: RepairPlan } | undefined {
  if (legExcess(legs).length === 0) return undefined;
  const { min, max } = legFractions(legs);
  const cap = new Decimal(options.maxSlippageBps).div(BPS);
  const complete = buildPlan('complete', legs, max, cap, options);
  const unwind = buildPlan('unwind', legs, min, cap, options);
  return { complete, unwind };
}

/**
 * The plan to use: one that can place something, feasible before infeasible,
 * then the higher score (completing wins ties and unscored comparisons,
 * since it is the trade that was planned).
 */
export function choosePlan(plans: { complete: RepairPlan; unwind: RepairPlan }): RepairPlan {
  const { complete, unwind } = plans;
  if (unwind.orders.length === 0) return complete;
  if (complete.orders.length === 0) return unwind;
  if (complete.feasible !== unwind.feasible) return complete.feasible ? complete : unwind;
  if (complete.score !== undefined && unwind.score?.gt(complete.score) === true) return unwind;
  return complete;
}

function buildPlan(
  kind: 'complete' | 'unwind',
  legs: readonly LegPosition[],
  target: Decimal,
  cap: Decimal,
  options: { readonly books: BooksProvider | undefined; readonly unitPrice: (asset: string) => Decimal | undefined },
): RepairPlan {
  const orders: RepairOrder[] = [];
  const skipped: { legIndex: number; amount: Decimal; reason: string }[] = [];
  let score: Decimal | undefined = ZERO;
  let feasible = true;
  for (const leg of legs) {
    const gap = target.times(leg.requested).minus(leg.executed);
    // An unwind can only give back what the leg actually received.
    const raw = kind === 'complete' ? gap : Decimal.min(gap.negated(), leg.executed.minus(leg.baseFees));
    if (raw.lte(0)) continue;
    // Round down: a repair never overshoots into the opposite exposure.
    const amount = roundAmount(leg.market, raw, 'down');
    if (amount.lte(0)) continue;
    const side: Side = kind === 'complete' ? leg.side : leg.side === 'buy' ? 'sell' : 'buy';
    const reference = kind === 'complete' ? leg.expectedPrice : (leg.averagePrice ?? leg.expectedPrice);
    const limit = side === 'buy' ? reference.times(cap.plus(1)) : reference.times(new Decimal(1).minus(cap));
    const price = roundPrice(leg.market, limit, side);
    if (price.lte(0)) {
      skipped.push({ legIndex: leg.legIndex, amount, reason: 'no valid limit price within the cap' });
      continue;
    }
    const violation = orderViolations(leg.market, { side, amount, price })[0];
    if (violation !== undefined) {
      skipped.push({ legIndex: leg.legIndex, amount, reason: violation.code });
      continue;
    }
    orders.push({ legIndex: leg.legIndex, market: leg.market, side, amount, price });
    const estimate = estimateOrder(leg.market, side, amount, price, options);
    feasible &&= estimate.feasible;
    score = score === undefined || estimate.value === undefined ? undefined : score.plus(estimate.value);
  }
  return { kind, orders, skipped, score, feasible };
}

/** Currency the order brings in (negative when it costs), after taker fees, and whether the book can fill it within its limit. */
function estimateOrder(
  market: Market,
  side: Side,
  amount: Decimal,
  limit: Decimal,
  options: { readonly books: BooksProvider | undefined; readonly unitPrice: (asset: string) => Decimal | undefined },
): { value: Decimal | undefined; feasible: boolean } {
  const book = options.books?.(market.venue, market.symbol);
  let quote = amount.times(limit);
  let feasible = true;
  if (book !== undefined) {
    const walk = side === 'buy' ? book.costToBuy(amount.toNumber()) : book.proceedsOfSelling(amount.toNumber());
    const withinLimit = side === 'buy' ? walk.worst <= limit.toNumber() : walk.worst >= limit.toNumber();
    feasible = walk.complete && withinLimit;
    if (walk.filled > 0 && Number.isFinite(walk.cost)) quote = new Decimal(walk.cost).times(amount).div(walk.filled);
  }
  const net = side === 'sell' ? quote.times(new Decimal(1).minus(market.fees.taker)) : quote.times(market.fees.taker.plus(1)).negated();
  const unit = options.unitPrice(market.quote);
  return { value: unit === undefined ? undefined : net.times(unit), feasible };
}
