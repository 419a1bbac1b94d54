import { type Decimal, type OrderBookView, orderViolations, roundPrice, type Side, toDecimal } from '@arbot/core';
import { walkBaseExact } from './decimal-walk';
import type { MarketSpec } from './market-spec';

/** Everything the exact check of a spatial trade needs besides its amount. */
export interface SpatialPlanContext {
  readonly buyView: OrderBookView;
  readonly sellView: OrderBookView;
  readonly buySpec: MarketSpec;
  readonly sellSpec: MarketSpec;
  /** Haircut as a fraction of the buy cost. */
  readonly haircut: Decimal;
  /** Quote free on the buy venue; `undefined` when balances are not tracked. */
  readonly quoteFree: Decimal | undefined;
  /** Base free on the sell venue; `undefined` when balances are not tracked. */
  readonly baseFree: Decimal | undefined;
  /** Per-trade cap on the buy cost, in quote. */
  readonly maxNotional: Decimal | undefined;
}

/** An exactly checked spatial trade. */
export interface SpatialPlan {
  readonly amount: Decimal;
  readonly buyCost: Decimal;
  readonly sellProceeds: Decimal;
  readonly buyLimit: Decimal;
  readonly sellLimit: Decimal;
  readonly gross: Decimal;
  readonly fees: Decimal;
  readonly haircut: Decimal;
  readonly net: Decimal;
}

/**
 * Recomputes a spatial trade of `amount` base in Decimal from the depth
 * walks and checks it exactly: both books fill it, each leg's limit (the
 * worst level touched, rounded with `roundPrice` on the side that keeps the
 * limit) is that level's own price, both legs pass `orderViolations`, and the
 * balances and notional cap hold. `undefined` when any check fails.
 */
export function planSpatialTrade(context: SpatialPlanContext, amount: Decimal): SpatialPlan | undefined {
  const { buySpec, sellSpec } = context;
  const buy = walkBaseExact(context.buyView, true, amount);
  const sell = walkBaseExact(context.sellView, false, amount);
  if (buy === undefined || sell === undefined) return undefined;
  const buyLimit = legLimit(buySpec, 'buy', amount, buy.worst);
  const sellLimit = legLimit(sellSpec, 'sell', amount, sell.worst);
  if (buyLimit === undefined || sellLimit === undefined) return undefined;
  if (context.quoteFree !== undefined && buy.cost.times(buySpec.quoteFeeReserveDecimal.plus(1)).gt(context.quoteFree)) return undefined;
  if (context.baseFree !== undefined && amount.gt(context.baseFree)) return undefined;
  if (context.maxNotional !== undefined && buy.cost.gt(context.maxNotional)) return undefined;
  const gross = sell.cost.minus(buy.cost);
  const fees = buy.cost.times(buySpec.takerDecimal).plus(sell.cost.times(sellSpec.takerDecimal));
  const haircut = buy.cost.times(context.haircut);
  return {
    amount,
    buyCost: buy.cost,
    sellProceeds: sell.cost,
    buyLimit,
    sellLimit,
    gross,
    fees,
    haircut,
    net: gross.minus(fees).minus(haircut),
  };
}

/**
 * The limit price of a leg whose worst level is `worst`, when it is valid:
 * on the tick grid (so rounding on the safe side leaves it unchanged and the
 * order can take that level) and accepted by the market with `amount`.
 */
export function legLimit(spec: MarketSpec, side: Side, amount: Decimal, worst: number): Decimal | undefined {
  const exact = toDecimal(worst);
  const limit = roundPrice(spec.market, exact, side);
  if (!limit.eq(exact)) return undefined;
  return orderViolations(spec.market, { side, amount, price: limit }).length === 0 ? limit : undefined;
}
