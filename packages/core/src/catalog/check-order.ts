import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import type { Market } from '../model/market';
import { type OrderType, OrderTypeSchema } from '../model/order';
import { parseWith } from '../model/parse';
import { asNonNegativeDecimal, asPositiveDecimal, isId, isRecord, isSide } from '../model/primitive-guards';
import { Id, NonNegativeDecimal, PositiveDecimal, type Side, SideSchema } from '../model/primitives';
import type { Decimal, DecimalLike } from '../money/decimal';
import {
  InactiveMarketError,
  MaxAmountError,
  MaxNotionalError,
  MinAmountError,
  MinNotionalError,
  type OrderViolationError,
  PrecisionError,
  PriceLimitError,
} from './order-violation-errors';
import { isOnGrid } from './round-to-step';

/**
 * An order to check against a market. An `OrderRequest` fits this shape, so
 * requests can be checked directly.
 *
 * @example
 * ```ts
 * const order: OrderCheckInput = { side: 'sell', type: 'market', amount: '0.5', referencePrice: bestBid };
 * ```
 */
export interface OrderCheckInput {
  readonly side: Side;
  /** Amount in base units. */
  readonly amount: DecimalLike;
  /** Limit price; required for limit orders, optional for market orders (then used as the reference price). */
  readonly price?: DecimalLike | undefined;
  /** `limit` (default) or `market`. */
  readonly type?: OrderType | undefined;
  /** Expected execution price of a market order (e.g. the best opposite quote), for the notional check. */
  readonly referencePrice?: DecimalLike | undefined;
  /** When given, must equal the market's venue (guards against checking against the wrong market). */
  readonly venue?: string | undefined;
  /** When given, must equal the market's symbol. */
  readonly symbol?: string | undefined;
}

/**
 * What {@link checkOrder} returns: the order's values as Decimals and its notional.
 *
 * @example
 * ```ts
 * const { notional }: CheckedOrder = checkOrder(market, order);
 * ```
 */
export interface CheckedOrder {
  readonly side: Side;
  readonly type: OrderType;
  readonly amount: Decimal;
  /** The limit price; `undefined` for a market order. */
  readonly price: Decimal | undefined;
  /** amount × price (limit) or amount × reference price (market), in quote. */
  readonly notional: Decimal;
}

const OrderCheckSchema = z
  .object({
    venue: Id.optional(),
    symbol: Id.optional(),
    side: SideSchema,
    type: OrderTypeSchema.default('limit'),
    amount: NonNegativeDecimal,
    price: NonNegativeDecimal.optional(),
    referencePrice: PositiveDecimal.optional(),
  })
  .superRefine((o, ctx) => {
    if (o.type === 'limit' && o.price === undefined) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: 'a limit order needs a price' });
    }
    if (o.type === 'market' && o.referencePrice === undefined && o.price === undefined) {
      ctx.addIssue({ code: 'custom', path: ['referencePrice'], message: 'a market order needs a referencePrice for the notional check' });
    }
  });

type ParsedOrder = z.output<typeof OrderCheckSchema>;

/**
 * Every reason the market would refuse the order, in a fixed order (market
 * active; amount min, max, step; price min, max, step; notional min, max),
 * or `[]` when it is acceptable. Useful for risk reports that show all
 * problems at once; {@link checkOrder} throws the first instead.
 *
 * Rules: an amount is at least one amount step and the market's minimum; a
 * price is at least one tick and the market's minimum; both must be exact
 * multiples of their step. Market orders skip the price checks and take
 * their notional from `referencePrice` (or `price`). Malformed input (a
 * negative amount, a limit order without a price) throws a `ValidationError`
 * instead, since it is a caller bug rather than a market rule.
 *
 * @example
 * ```ts
 * // BTC/USDT: step 0.00001, tick 0.01, min notional 10
 * orderViolations(btcUsdt, { side: 'buy', amount: '0.000005', price: '30000.001' }).map((v) => v.code);
 * // ['MIN_AMOUNT', 'PRECISION', 'PRECISION', 'MIN_NOTIONAL']
 * ```
 */
export function orderViolations(market: Market, order: OrderCheckInput): OrderViolationError[] {
  const parsed = parseOrder(market, order);
  return collectViolations(market, parsed, notionalOf(parsed));
}

/**
 * Checks an order against the market's status, limits and precision and
 * throws the first violation (see {@link orderViolations} for the rules and
 * order): `InactiveMarketError`, `MinAmountError`, `MaxAmountError`,
 * `PrecisionError`, `PriceLimitError`, `MinNotionalError` or
 * `MaxNotionalError`. Returns the order's Decimals and notional when it passes.
 *
 * @example
 * ```ts
 * // min notional 10: 0.00034 × 30000 = 10.2 passes
 * checkOrder(btcUsdt, { side: 'buy', amount: '0.00034', price: '30000' }).notional.toString(); // '10.2'
 * // a market sell, notional 0.001 × 29990 = 29.99
 * checkOrder(btcUsdt, { side: 'sell', type: 'market', amount: '0.001', referencePrice: '29990' });
 * ```
 */
export function checkOrder(market: Market, order: OrderCheckInput): CheckedOrder {
  const parsed = parseOrder(market, order);
  const notional = notionalOf(parsed);
  const first = collectViolations(market, parsed, notional)[0];
  if (first !== undefined) throw first;
  return {
    side: parsed.side,
    type: parsed.type,
    amount: parsed.amount,
    price: parsed.type === 'limit' ? parsed.price : undefined,
    notional,
  };
}

function parseOrder(market: Market, order: OrderCheckInput): ParsedOrder {
  const parsed = parseValidOrder(order) ?? parseWith(OrderCheckSchema, order, orderWhat(market));
  if (parsed.venue !== undefined && parsed.venue !== market.venue) {
    throw new ValidationError(orderWhat(market), [
      { field: 'venue', value: parsed.venue, message: `does not match the market's venue ${market.venue}` },
    ]);
  }
  if (parsed.symbol !== undefined && parsed.symbol !== market.symbol) {
    throw new ValidationError(orderWhat(market), [
      { field: 'symbol', value: parsed.symbol, message: `does not match the market's symbol ${market.symbol}` },
    ]);
  }
  return parsed;
}

function orderWhat(market: Market): string {
  return `order for ${market.venue} ${market.symbol}`;
}

/**
 * What `OrderCheckSchema` would output for an order whose fields already pass
 * it as they are (Decimals or numbers, known side and type, a price where one
 * is needed), else `undefined` and the caller runs the schema for its error.
 * Detectors and risk filters check every leg they emit, with core Decimals:
 * skipping zod there is most of the cost of a check.
 */
function parseValidOrder(order: OrderCheckInput): ParsedOrder | undefined {
  if (!isRecord(order)) return undefined;
  const { side, venue, symbol } = order;
  const type = order.type === undefined ? 'limit' : order.type;
  if (!isSide(side) || (type !== 'limit' && type !== 'market')) return undefined;
  if ((venue !== undefined && !isId(venue)) || (symbol !== undefined && !isId(symbol))) return undefined;
  const amount = asNonNegativeDecimal(order.amount);
  if (amount === undefined) return undefined;
  const price = order.price === undefined ? undefined : asNonNegativeDecimal(order.price);
  if (price === undefined && (order.price !== undefined || type === 'limit')) return undefined;
  const referencePrice = order.referencePrice === undefined ? undefined : asPositiveDecimal(order.referencePrice);
  if (referencePrice === undefined && (order.referencePrice !== undefined || (type === 'market' && price === undefined))) return undefined;
  return { venue, symbol, side, type, amount, price, referencePrice };
}

function notionalOf(order: ParsedOrder): Decimal {
  const price = order.type === 'limit' ? order.price : (order.referencePrice ?? order.price);
  // The schema guarantees a price for both order types; zero keeps the type total.
  return order.amount.times(price ?? 0);
}

/** max(min, step), without the copies `Decimal.max` makes (this runs on every check). */
function atLeastStep(min: Decimal | undefined, step: Decimal): Decimal {
  return min?.gt(step) ? min : step;
}

function collectViolations(market: Market, order: ParsedOrder, notional: Decimal): OrderViolationError[] {
  const out: OrderViolationError[] = [];
  if (!market.active) out.push(new InactiveMarketError(market));

  const amountStep = market.precision.amount;
  const { amount } = order;
  // No positive multiple of the step is smaller than the step, so the step is a floor on the minimum.
  const minAmount = atLeastStep(market.limits.amount.min, amountStep);
  if (amount.lt(minAmount)) out.push(new MinAmountError(market, amount, minAmount));
  const maxAmount = market.limits.amount.max;
  if (maxAmount !== undefined && amount.gt(maxAmount)) out.push(new MaxAmountError(market, amount, maxAmount));
  if (!isOnGrid(amount, amountStep)) out.push(new PrecisionError(market, 'amount', amount, amountStep));

  if (order.type === 'limit' && order.price !== undefined) {
    const tick = market.precision.price;
    const { price } = order;
    const minPrice = atLeastStep(market.limits.price.min, tick);
    if (price.lt(minPrice)) out.push(new PriceLimitError(market, 'min', price, minPrice));
    const maxPrice = market.limits.price.max;
    if (maxPrice !== undefined && price.gt(maxPrice)) out.push(new PriceLimitError(market, 'max', price, maxPrice));
    if (!isOnGrid(price, tick)) out.push(new PrecisionError(market, 'price', price, tick));
  }

  const { min: minCost, max: maxCost } = market.limits.cost;
  if (minCost !== undefined && notional.lt(minCost)) out.push(new MinNotionalError(market, notional, minCost));
  if (maxCost !== undefined && notional.gt(maxCost)) out.push(new MaxNotionalError(market, notional, maxCost));
  return out;
}
