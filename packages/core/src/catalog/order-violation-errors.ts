import { ArbotError } from '../errors/arbot-error';
import type { Decimal } from '../money/decimal';

/**
 * The part of an order a violation is about.
 *
 * @example
 * ```ts
 * const field: OrderField = violation.field; // 'active' | 'amount' | 'price' | 'notional'
 * ```
 */
export type OrderField = 'active' | 'amount' | 'price' | 'notional';

/**
 * Which side of a range was crossed.
 *
 * @example
 * ```ts
 * const bound: LimitBound = err.bound; // 'min' | 'max'
 * ```
 */
export type LimitBound = 'min' | 'max';

/**
 * Where an order was checked: the market's venue and symbol (a `Market` is one).
 *
 * @example
 * ```ts
 * const ref: MarketRef = { venue: 'binance', symbol: 'BTC/USDT' };
 * ```
 */
export interface MarketRef {
  readonly venue: string;
  readonly symbol: string;
}

/**
 * Base class of every reason a market refuses an order (see `checkOrder` and
 * `orderViolations`). `context` always holds `venue`, `symbol` and `field`;
 * the value-carrying subclasses add `value` and `limit` as decimal strings,
 * and expose them as `Decimal`s on the error itself.
 *
 * @example
 * ```ts
 * for (const v of orderViolations(market, { side: 'buy', amount: '0', price: '1' })) {
 *   console.log(v.code, v.field); // e.g. 'MIN_AMOUNT' 'amount'
 * }
 * ```
 */
export abstract class OrderViolationError extends ArbotError {
  readonly venue: string;
  readonly symbol: string;
  readonly field: OrderField;

  constructor(code: string, message: string, market: MarketRef, field: OrderField, extra: Record<string, unknown> = {}) {
    super(code, `${market.venue} ${market.symbol}: ${message}`, { venue: market.venue, symbol: market.symbol, field, ...extra });
    this.venue = market.venue;
    this.symbol = market.symbol;
    this.field = field;
  }
}

/**
 * A violation of a numeric bound: `value` crossed `limit` on side `bound`.
 *
 * @example
 * ```ts
 * if (err instanceof OrderLimitError) console.log(`${err.value} vs ${err.bound} ${err.limit}`);
 * ```
 */
export abstract class OrderLimitError extends OrderViolationError {
  /** The offending value (amount, price or notional). */
  readonly value: Decimal;
  /** The bound it crossed. */
  readonly limit: Decimal;
  /** `min` when the value is too small, `max` when too large. */
  readonly bound: LimitBound;

  constructor(code: string, market: MarketRef, field: OrderField, bound: LimitBound, value: Decimal, limit: Decimal) {
    const relation = bound === 'min' ? 'is below the minimum' : 'is above the maximum';
    super(code, `${field} ${value.toString()} ${relation} ${limit.toString()}`, market, field, {
      bound,
      value: value.toString(),
      limit: limit.toString(),
    });
    this.value = value;
    this.limit = limit;
    this.bound = bound;
  }
}

/**
 * The amount is below the market's minimum (or is zero: no order can be
 * smaller than one amount step). Code `MIN_AMOUNT`.
 *
 * @example
 * ```ts
 * // with a 0.00001 minimum
 * checkOrder(market, { side: 'buy', amount: '0.000001', price: '30000' }); // throws MinAmountError
 * ```
 */
export class MinAmountError extends OrderLimitError {
  constructor(market: MarketRef, value: Decimal, limit: Decimal) {
    super('MIN_AMOUNT', market, 'amount', 'min', value, limit);
  }
}

/**
 * The amount is above the market's maximum. Code `MAX_AMOUNT`.
 *
 * @example
 * ```ts
 * // with a 9000 maximum
 * checkOrder(market, { side: 'sell', amount: '9000.1', price: '30000' }); // throws MaxAmountError
 * ```
 */
export class MaxAmountError extends OrderLimitError {
  constructor(market: MarketRef, value: Decimal, limit: Decimal) {
    super('MAX_AMOUNT', market, 'amount', 'max', value, limit);
  }
}

/**
 * The notional (amount × price, in quote) is below the market's minimum
 * cost. Code `MIN_NOTIONAL`.
 *
 * @example
 * ```ts
 * // with a 10 USDT minimum notional: 0.0003 × 30000 = 9
 * checkOrder(market, { side: 'buy', amount: '0.0003', price: '30000' }); // throws MinNotionalError
 * ```
 */
export class MinNotionalError extends OrderLimitError {
  constructor(market: MarketRef, value: Decimal, limit: Decimal) {
    super('MIN_NOTIONAL', market, 'notional', 'min', value, limit);
  }
}

/**
 * The notional (amount × price, in quote) is above the market's maximum
 * cost. Code `MAX_NOTIONAL`.
 *
 * @example
 * ```ts
 * // with a 1 000 000 USDT maximum notional
 * checkOrder(market, { side: 'buy', amount: '40', price: '30000' }); // throws MaxNotionalError
 * ```
 */
export class MaxNotionalError extends OrderLimitError {
  constructor(market: MarketRef, value: Decimal, limit: Decimal) {
    super('MAX_NOTIONAL', market, 'notional', 'max', value, limit);
  }
}

/**
 * The price is outside the market's price range (or is zero: no price can be
 * smaller than one tick). `bound` says which end. Code `PRICE_LIMIT`.
 *
 * @example
 * ```ts
 * // with a 0.01 minimum price
 * checkOrder(market, { side: 'buy', amount: '1', price: '0' }); // throws PriceLimitError (bound 'min')
 * ```
 */
export class PriceLimitError extends OrderLimitError {
  constructor(market: MarketRef, bound: LimitBound, value: Decimal, limit: Decimal) {
    super('PRICE_LIMIT', market, 'price', bound, value, limit);
  }
}

/**
 * The amount or price is not a multiple of its step (lot size or tick
 * size). `context` holds `field`, `value` and `step`. Code `PRECISION`.
 * Round first with `roundAmount` / `roundPrice`, or use `fitOrder`.
 *
 * @example
 * ```ts
 * // tick 0.01
 * checkOrder(market, { side: 'buy', amount: '0.1', price: '30000.005' }); // throws PrecisionError (field 'price')
 * ```
 */
export class PrecisionError extends OrderViolationError {
  /** The value that is off the grid. */
  readonly value: Decimal;
  /** The step it must be a multiple of. */
  readonly step: Decimal;

  constructor(market: MarketRef, field: 'amount' | 'price', value: Decimal, step: Decimal) {
    super('PRECISION', `${field} ${value.toString()} is not a multiple of the ${field} step ${step.toString()}`, market, field, {
      value: value.toString(),
      step: step.toString(),
    });
    this.value = value;
    this.step = step;
  }
}

/**
 * The market is not active (delisted, halted or not yet trading), so it
 * accepts no orders. Code `INACTIVE_MARKET`.
 *
 * @example
 * ```ts
 * checkOrder({ ...market, active: false }, { side: 'buy', amount: '1', price: '1' }); // throws InactiveMarketError
 * ```
 */
export class InactiveMarketError extends OrderViolationError {
  constructor(market: MarketRef) {
    super('INACTIVE_MARKET', 'the market is not active', market, 'active');
  }
}
