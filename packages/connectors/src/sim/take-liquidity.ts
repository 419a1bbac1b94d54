import { Decimal, type OrderBookView, type Side } from '@arbot/core';
import type { BookSideName, ConsumedLiquidity } from './consumed-liquidity';

const ZERO = new Decimal(0);

/**
 * What an order wants from the book.
 *
 * @example
 * ```ts
 * const request: LiquidityRequest = { side: 'buy', want: new Decimal(2), limit: 102, step: market.precision.amount, budget: undefined };
 * ```
 */
export interface LiquidityRequest {
  /** The order's side: a buy walks the asks, a sell the bids. */
  readonly side: Side;
  /** Base amount wanted, a multiple of `step`. */
  readonly want: Decimal;
  /** Worst acceptable level price (a buy takes levels ≤ it, a sell levels ≥ it); `undefined` for a market order. */
  readonly limit: number | undefined;
  /** The market's amount step: every take is a multiple of it. */
  readonly step: Decimal;
  /** Quote available to a buy (levels are taken while it pays for them); `undefined` for no cap. */
  readonly budget: Decimal | undefined;
}

/**
 * Base taken from one price level.
 *
 * @example
 * ```ts
 * for (const take of taken.takes) console.log(take.amount.toString(), '@', take.price);
 * ```
 */
export interface LevelTake {
  readonly price: number;
  /** `price` as a Decimal (exactly its shortest decimal form), the fill price. */
  readonly priceDecimal: Decimal;
  /** A positive multiple of the step. */
  readonly amount: Decimal;
  /** The level's amount in the view, for the consumed-liquidity overlay. */
  readonly levelAmount: number;
}

/**
 * The outcome of walking one side of the book.
 *
 * @example
 * ```ts
 * const { filled, cost, budgetLimited }: LiquidityTaken = takeLiquidity(view, consumed, request);
 * ```
 */
export interface LiquidityTaken {
  readonly takes: readonly LevelTake[];
  readonly filled: Decimal;
  /** Σ price × amount over the takes, in quote. */
  readonly cost: Decimal;
  /** `true` when the walk stopped because the budget could not pay for the next step. */
  readonly budgetLimited: boolean;
}

/**
 * Walks one side of `view` best level first, skipping what simulated orders
 * already took (`consumed`), until `want` is reached, the limit price is
 * passed, the budget runs out or the side ends. Each level offers its amount
 * minus what was consumed, rounded down to the step (dust below one step
 * cannot be traded). Pure: it records nothing in `consumed`.
 *
 * @example
 * ```ts
 * // asks 101×1, 102×2; buying 2.5 at ≤ 102: 1 @ 101 + 1.5 @ 102, cost 254
 * takeLiquidity(view, new ConsumedLiquidity(), { side: 'buy', want: new Decimal('2.5'), limit: 102, step, budget: undefined });
 * ```
 */
export function takeLiquidity(view: OrderBookView | undefined, consumed: ConsumedLiquidity, request: LiquidityRequest): LiquidityTaken {
  const takes: LevelTake[] = [];
  let filled = ZERO;
  let cost = ZERO;
  let budgetLimited = false;
  if (view === undefined || !request.want.gt(0)) return { takes, filled, cost, budgetLimited };
  const { side, limit, step, budget } = request;
  const buying = side === 'buy';
  const bookSide: BookSideName = buying ? 'asks' : 'bids';
  const count = buying ? view.askCount : view.bidCount;
  const floorToStep = stepFloor(step);
  let wanted = request.want;
  for (let rank = 0; rank < count && wanted.gt(0); rank++) {
    const price = buying ? view.askPrice(rank) : view.bidPrice(rank);
    if (limit !== undefined && (buying ? price > limit : price < limit)) break;
    const levelAmount = buying ? view.askAmount(rank) : view.bidAmount(rank);
    const taken = consumed.at(bookSide, price, levelAmount);
    const left = taken.isZero() ? new Decimal(levelAmount) : new Decimal(levelAmount).minus(taken);
    // `wanted` is on the step grid already; only a level that limits the take needs rounding down.
    let amount = left.gte(wanted) ? wanted : floorToStep(left);
    if (!amount.gt(0)) continue;
    const priceDecimal = new Decimal(price);
    if (budget !== undefined) {
      const unspent = budget.minus(cost);
      let affordable = floorToStep(unspent.div(priceDecimal));
      // The quotient is rounded to the Decimal precision; never let that round a step into the budget.
      if (affordable.times(priceDecimal).gt(unspent)) affordable = affordable.minus(step);
      if (affordable.lt(amount)) {
        amount = affordable;
        budgetLimited = true;
      }
      if (!amount.gt(0)) break;
    }
    takes.push({ price, priceDecimal, amount, levelAmount });
    filled = filled.plus(amount);
    cost = cost.plus(priceDecimal.times(amount));
    wanted = wanted.minus(amount);
    if (budgetLimited) break;
  }
  return { takes, filled, cost, budgetLimited };
}

/**
 * Rounding down to multiples of `step` (0 for a value ≤ 0). Steps are
 * nearly always powers of ten (0.001); those round by truncating decimal
 * places, which is exact and far cheaper than the division behind `mod`.
 */
function stepFloor(step: Decimal): (value: Decimal) => Decimal {
  const known = floors.get(step);
  if (known !== undefined) return known;
  const places = step.decimalPlaces();
  const floor = step.eq(new Decimal(10).pow(-places))
    ? (value: Decimal) =>
        !value.gt(0) ? ZERO : value.decimalPlaces() <= places ? value : value.toDecimalPlaces(places, Decimal.ROUND_DOWN)
    : (value: Decimal) => (!value.gt(0) ? ZERO : value.minus(value.mod(step)));
  floors.set(step, floor);
  return floor;
}

/** Floors by step, per market step instance (a market's steps live as long as the market). */
const floors = new WeakMap<Decimal, (value: Decimal) => Decimal>();
