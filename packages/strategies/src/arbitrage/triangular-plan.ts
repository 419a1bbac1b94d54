import { type Decimal, type OrderBookView, toDecimal } from '@arbot/core';
import { baseForQuoteExact, depthUpToExact, floorToStep, walkBaseExact } from './decimal-walk';
import type { MarketSpec } from './market-spec';
import { legLimit } from './spatial-plan';

/** One leg of a triangle for the exact check. */
export interface TriangleHopContext {
  readonly view: OrderBookView;
  readonly spec: MarketSpec;
  readonly buys: boolean;
  /** Free balance of the asset the leg spends; `undefined` when balances are not tracked. */
  readonly inputFree: Decimal | undefined;
}

/** An exactly checked leg of a triangle plan. */
export interface TriangleLegPlan {
  readonly amount: Decimal;
  /** Quote paid (buy) or received (sell) before the fee. */
  readonly cost: Decimal;
  readonly limit: Decimal;
  /** What the leg spends (quote for a buy, base for a sell). */
  readonly input: Decimal;
  /** What it keeps after the fee (base for a buy, quote for a sell). */
  readonly output: Decimal;
}

/** An exactly checked triangle plan; money figures are in the start asset. */
export interface TrianglePlan {
  readonly legs: readonly [TriangleLegPlan, TriangleLegPlan, TriangleLegPlan];
  /** Start asset spent by the first leg (the notional). */
  readonly spent: Decimal;
  /** Start asset received by the last leg. */
  readonly received: Decimal;
  readonly gross: Decimal;
  readonly fees: Decimal;
  readonly haircut: Decimal;
  readonly net: Decimal;
}

/**
 * Recomputes, in Decimal, the plan whose first leg trades `firstAmount`
 * (see `TriangleSizer` for the plan) and checks it exactly: every book fills
 * its leg, every leg's limit is its worst level's own price and passes
 * `orderViolations`, the first leg spends at most the free start asset and
 * `maxNotional`, and later legs spend at most what the previous leg kept and
 * their asset's free balance. Figures:
 * `net = received − spent − haircut·spent`; the fees' value in the start
 * asset is `received / Π(1 − feeᵢ) − received` (what the cycle would return
 * without fees, minus what it returns); `gross = net + fees + haircut·spent`.
 * `undefined` when any check fails.
 */
export function planTriangle(
  hops: readonly [TriangleHopContext, TriangleHopContext, TriangleHopContext],
  firstAmount: Decimal,
  haircut: Decimal,
  maxNotional: Decimal | undefined,
): TrianglePlan | undefined {
  const first = runLeg(hops[0], firstAmount);
  if (first === undefined) return undefined;
  if (hops[0].inputFree !== undefined && first.input.gt(hops[0].inputFree)) return undefined;
  if (maxNotional !== undefined && first.input.gt(maxNotional)) return undefined;
  const second = nextLeg(hops[1], first.output);
  const third = second === undefined ? undefined : nextLeg(hops[2], second.output);
  if (second === undefined || third === undefined) return undefined;
  const spent = first.input;
  const received = third.output;
  let keep = toDecimal(1);
  for (const hop of hops) keep = keep.times(toDecimal(1).minus(hop.spec.takerDecimal));
  const fees = received.div(keep).minus(received);
  const haircutCost = spent.times(haircut);
  const net = received.minus(spent).minus(haircutCost);
  return {
    legs: [first, second, third],
    spent,
    received,
    gross: net.plus(fees).plus(haircutCost),
    fees,
    haircut: haircutCost,
    net,
  };
}

/** A later leg: converts what the previous leg kept, up to its free balance and its book's depth, rounded down to its step. */
function nextLeg(hop: TriangleHopContext, carry: Decimal): TriangleLegPlan | undefined {
  const available = hop.inputFree?.lt(carry) ? hop.inputFree : carry;
  const step = hop.spec.market.precision.amount;
  const amount = hop.buys ? baseForQuoteExact(hop.view, available, step) : floorToStep(depthUpToExact(hop.view, false, available), step);
  return amount.gt(0) ? runLeg(hop, amount) : undefined;
}

function runLeg(hop: TriangleHopContext, amount: Decimal): TriangleLegPlan | undefined {
  const walk = walkBaseExact(hop.view, hop.buys, amount);
  if (walk === undefined) return undefined;
  const limit = legLimit(hop.spec, hop.buys ? 'buy' : 'sell', amount, walk.worst);
  if (limit === undefined) return undefined;
  const keep = toDecimal(1).minus(hop.spec.takerDecimal);
  return hop.buys
    ? { amount, cost: walk.cost, limit, input: walk.cost, output: amount.times(keep) }
    : { amount, cost: walk.cost, limit, input: amount, output: walk.cost.times(keep) };
}
