import { z } from 'zod';
import type { Market } from '../model/market';
import { parseWith } from '../model/parse';
import { asNonNegativeDecimal } from '../model/primitive-guards';
import { NonNegativeDecimal, type Side, SideSchema } from '../model/primitives';
import type { Decimal, DecimalLike } from '../money/decimal';
import { roundOnGrid, type StepRounding, StepRoundingSchema } from './round-to-step';

const AmountArgs = z.object({ amount: NonNegativeDecimal, mode: StepRoundingSchema });
const PriceArgs = z.object({ price: NonNegativeDecimal, direction: z.union([SideSchema, StepRoundingSchema]) });

/**
 * Rounds an amount (in base units) to a multiple of the market's amount step,
 * exactly. The default `down` never trades more than asked; a tiny amount may
 * round to `0`, which `checkOrder` then refuses with `MinAmountError`.
 *
 * @example
 * ```ts
 * // amount step 0.00001
 * roundAmount(btcUsdt, '0.123456789').toString();       // '0.12345'
 * roundAmount(btcUsdt, '0.123456789', 'up').toString(); // '0.12346'
 * ```
 */
export function roundAmount(market: Market, amount: DecimalLike, mode: StepRounding = 'down'): Decimal {
  // Hot path (detectors, risk resizing): an already-valid Decimal skips the zod parse.
  const valid = ROUNDINGS.has(mode) ? asNonNegativeDecimal(amount) : undefined;
  if (valid !== undefined) return roundOnGrid(valid, market.precision.amount, mode);
  const args = parseWith(AmountArgs, { amount, mode }, `amount for ${market.venue} ${market.symbol}`);
  return roundOnGrid(args.amount, market.precision.amount, args.mode);
}

/**
 * Rounds a price to a multiple of the market's price step (tick), exactly.
 * Given a side, it rounds in the direction that keeps the caller's limit:
 * a `buy` rounds down (never pays more than its limit), a `sell` rounds up
 * (never receives less). An explicit `'down' | 'up' | 'nearest'` is also
 * accepted.
 *
 * @example
 * ```ts
 * // tick 0.01
 * roundPrice(btcUsdt, '30000.005', 'buy').toString();     // '30000'
 * roundPrice(btcUsdt, '30000.005', 'sell').toString();    // '30000.01'
 * roundPrice(btcUsdt, '30000.004', 'nearest').toString(); // '30000'
 * ```
 */
export function roundPrice(market: Market, price: DecimalLike, direction: Side | StepRounding): Decimal {
  const valid = DIRECTIONS.has(direction) ? asNonNegativeDecimal(price) : undefined;
  if (valid !== undefined) return roundOnGrid(valid, market.precision.price, modeFor(direction));
  const args = parseWith(PriceArgs, { price, direction }, `price for ${market.venue} ${market.symbol}`);
  return roundOnGrid(args.price, market.precision.price, modeFor(args.direction));
}

const ROUNDINGS: ReadonlySet<string> = new Set(StepRoundingSchema.options);
const DIRECTIONS: ReadonlySet<string> = new Set([...StepRoundingSchema.options, ...SideSchema.options]);

function modeFor(direction: Side | StepRounding): StepRounding {
  if (direction === 'buy') return 'down';
  if (direction === 'sell') return 'up';
  return direction;
}
