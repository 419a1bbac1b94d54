import { z } from 'zod';
import type { Market } from '../model/market';
import { parseWith } from '../model/parse';
import { asPositiveDecimal, isSide } from '../model/primitive-guards';
import { PositiveDecimal, type Side, SideSchema } from '../model/primitives';
import type { Decimal, DecimalLike } from '../money/decimal';
import { checkOrder } from './check-order';
import { roundOnGrid } from './round-to-step';

/**
 * What {@link fitOrder} takes: a leg as a strategy sees it, before precision.
 *
 * @example
 * ```ts
 * const leg: FitOrderInput = { side: 'buy', amount: 0.0123456, priceLimit: 30000.005 };
 * ```
 */
export interface FitOrderInput {
  readonly side: Side;
  /** Wanted amount in base units; rounded down, never up. */
  readonly amount: DecimalLike;
  /** Worst acceptable price: the most a buy pays, the least a sell receives. */
  readonly priceLimit: DecimalLike;
}

/**
 * A limit order that satisfies the market's precision and limits.
 *
 * @example
 * ```ts
 * const { amount, price }: FittedOrder = fitOrder(market, leg);
 * ```
 */
export interface FittedOrder {
  readonly side: Side;
  /** The amount rounded down to the amount step: ≤ the amount asked for. */
  readonly amount: Decimal;
  /** The price rounded to the tick on the safe side of the limit (buy: ≤ limit, sell: ≥ limit). */
  readonly price: Decimal;
  /** amount × price, in quote. */
  readonly notional: Decimal;
}

const FitOrderSchema = z.object({ side: SideSchema, amount: PositiveDecimal, priceLimit: PositiveDecimal });

/**
 * Turns a strategy's leg into a limit order the market accepts: rounds the
 * amount down to the amount step and the price to the tick on the safe side
 * of `priceLimit` (a buy rounds down, a sell up), then runs `checkOrder`.
 * Throws the first violation (e.g. `MinNotionalError` when rounding left too
 * little); it never enlarges the amount or crosses the limit to make an
 * order fit. Detectors and risk filters use it before emitting a leg.
 *
 * @example
 * ```ts
 * // BTC/USDT: step 0.00001, tick 0.01
 * const o = fitOrder(btcUsdt, { side: 'buy', amount: '0.123456789', priceLimit: '30000.005' });
 * o.amount.toString();   // '0.12345'
 * o.price.toString();    // '30000'
 * o.notional.toString(); // '3703.5'   (0.12345 × 30000)
 * ```
 */
export function fitOrder(market: Market, input: FitOrderInput): FittedOrder {
  const { side, amount, priceLimit } =
    parseValidLeg(input) ?? parseWith(FitOrderSchema, input, `order for ${market.venue} ${market.symbol}`);
  const fittedAmount = roundOnGrid(amount, market.precision.amount, 'down');
  const price = roundOnGrid(priceLimit, market.precision.price, side === 'buy' ? 'down' : 'up');
  const checked = checkOrder(market, { side, type: 'limit', amount: fittedAmount, price });
  return { side, amount: fittedAmount, price, notional: checked.notional };
}

/** What `FitOrderSchema` would output for a leg that already passes it as it is (see `parseValidOrder` in check-order), else `undefined`. */
function parseValidLeg(input: FitOrderInput): z.output<typeof FitOrderSchema> | undefined {
  if (typeof input !== 'object' || input === null || !isSide(input.side)) return undefined;
  const amount = asPositiveDecimal(input.amount);
  const priceLimit = amount === undefined ? undefined : asPositiveDecimal(input.priceLimit);
  return amount === undefined || priceLimit === undefined ? undefined : { side: input.side, amount, priceLimit };
}
