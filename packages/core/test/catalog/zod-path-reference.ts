/**
 * The catalog checks as they were before their fast paths: every argument
 * through zod (`parseWith` on the same schemas), `Decimal.max` for the
 * minimums and `mod` for the step grid. The property tests hold the current
 * functions to exactly these results and errors.
 */
import { z } from 'zod';
import {
  Decimal,
  DecimalSchema,
  type FitOrderInput,
  Id,
  InactiveMarketError,
  type Liquidity,
  LiquiditySchema,
  type Market,
  MaxAmountError,
  MaxNotionalError,
  MinAmountError,
  MinNotionalError,
  NonNegativeDecimal,
  type OrderCheckInput,
  OrderTypeSchema,
  type OrderViolationError,
  PositiveDecimal,
  PrecisionError,
  PriceLimitError,
  parseWith,
  SideSchema,
  ValidationError,
} from '../../src/index';

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

function parseOrder(market: Market, order: OrderCheckInput): ParsedOrder {
  const what = `order for ${market.venue} ${market.symbol}`;
  const parsed = parseWith(OrderCheckSchema, order, what);
  if (parsed.venue !== undefined && parsed.venue !== market.venue) {
    throw new ValidationError(what, [
      { field: 'venue', value: parsed.venue, message: `does not match the market's venue ${market.venue}` },
    ]);
  }
  if (parsed.symbol !== undefined && parsed.symbol !== market.symbol) {
    throw new ValidationError(what, [
      { field: 'symbol', value: parsed.symbol, message: `does not match the market's symbol ${market.symbol}` },
    ]);
  }
  return parsed;
}

function notionalOf(order: ParsedOrder): Decimal {
  const price = order.type === 'limit' ? order.price : (order.referencePrice ?? order.price);
  return order.amount.times(price ?? 0);
}

function collectViolations(market: Market, order: ParsedOrder, notional: Decimal): OrderViolationError[] {
  const out: OrderViolationError[] = [];
  if (!market.active) out.push(new InactiveMarketError(market));
  const amountStep = market.precision.amount;
  const { amount } = order;
  const minAmount = Decimal.max(market.limits.amount.min ?? 0, amountStep);
  if (amount.lt(minAmount)) out.push(new MinAmountError(market, amount, minAmount));
  const maxAmount = market.limits.amount.max;
  if (maxAmount !== undefined && amount.gt(maxAmount)) out.push(new MaxAmountError(market, amount, maxAmount));
  if (!amount.mod(amountStep).isZero()) out.push(new PrecisionError(market, 'amount', amount, amountStep));
  if (order.type === 'limit' && order.price !== undefined) {
    const tick = market.precision.price;
    const { price } = order;
    const minPrice = Decimal.max(market.limits.price.min ?? 0, tick);
    if (price.lt(minPrice)) out.push(new PriceLimitError(market, 'min', price, minPrice));
    const maxPrice = market.limits.price.max;
    if (maxPrice !== undefined && price.gt(maxPrice)) out.push(new PriceLimitError(market, 'max', price, maxPrice));
    if (!price.mod(tick).isZero()) out.push(new PrecisionError(market, 'price', price, tick));
  }
  const { min: minCost, max: maxCost } = market.limits.cost;
  if (minCost !== undefined && notional.lt(minCost)) out.push(new MinNotionalError(market, notional, minCost));
  if (maxCost !== undefined && notional.gt(maxCost)) out.push(new MaxNotionalError(market, notional, maxCost));
  return out;
}

/** `orderViolations` before its fast path. */
export function referenceOrderViolations(market: Market, order: OrderCheckInput): OrderViolationError[] {
  const parsed = parseOrder(market, order);
  return collectViolations(market, parsed, notionalOf(parsed));
}

/** `checkOrder` before its fast path. */
export function referenceCheckOrder(market: Market, order: OrderCheckInput) {
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

/** Step rounding by `mod`, as before the on-grid shortcut. */
function roundByMod(value: Decimal, step: Decimal, mode: 'down' | 'up'): Decimal {
  let remainder = value.mod(step);
  if (remainder.isZero()) return value;
  if (remainder.isNeg()) remainder = remainder.plus(step);
  const floor = value.minus(remainder);
  return mode === 'down' ? floor : floor.plus(step);
}

const FitOrderSchema = z.object({ side: SideSchema, amount: PositiveDecimal, priceLimit: PositiveDecimal });

/** `fitOrder` before its fast path. */
export function referenceFitOrder(market: Market, input: FitOrderInput) {
  const { side, amount, priceLimit } = parseWith(FitOrderSchema, input, `order for ${market.venue} ${market.symbol}`);
  const fittedAmount = roundByMod(amount, market.precision.amount, 'down');
  const price = roundByMod(priceLimit, market.precision.price, side === 'buy' ? 'down' : 'up');
  const checked = referenceCheckOrder(market, { side, type: 'limit', amount: fittedAmount, price });
  return { side, amount: fittedAmount, price, notional: checked.notional };
}

const TradeFeeArgs = z.object({ notional: NonNegativeDecimal, liquidity: LiquiditySchema, overrideRate: DecimalSchema.optional() });

/** `tradeFee` before its fast path. */
export function referenceTradeFee(market: Market, notional: unknown, liquidity: Liquidity, overrideRate?: unknown): Decimal {
  const args = parseWith(TradeFeeArgs, { notional, liquidity, overrideRate }, `fee arguments for ${market.venue} ${market.symbol}`);
  return args.notional.times(args.overrideRate ?? market.fees[args.liquidity]);
}
