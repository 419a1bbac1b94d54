import { z } from 'zod';
import type { Market } from '../model/market';
import { parseWith } from '../model/parse';
import { asFiniteDecimal, asNonNegativeDecimal } from '../model/primitive-guards';
import { DecimalSchema, NonNegativeDecimal } from '../model/primitives';
import type { Decimal, DecimalLike } from '../money/decimal';

/**
 * Whether a fill added liquidity (`maker`, a resting order) or took it (`taker`).
 *
 * @example
 * ```ts
 * const liquidity = LiquiditySchema.parse(fill.takerOrMaker); // 'maker' | 'taker'
 * ```
 */
export const LiquiditySchema = z.enum(['maker', 'taker']);
/**
 * `'maker' | 'taker'`.
 *
 * @example
 * ```ts
 * const liquidity: Liquidity = order.postOnly ? 'maker' : 'taker';
 * ```
 */
export type Liquidity = z.infer<typeof LiquiditySchema>;

const TradeFeeArgs = z.object({ notional: NonNegativeDecimal, liquidity: LiquiditySchema, overrideRate: DecimalSchema.optional() });

/**
 * The fee of a fill, in quote: notional × rate, exactly. The rate is the
 * market's maker or taker rate unless `overrideRate` is given (a VIP tier or
 * a fee-token discount). A negative rate (maker rebate) gives a negative fee.
 *
 * @example
 * ```ts
 * // taker 0.001: 3703.5 × 0.001 = 3.7035
 * tradeFee(btcUsdt, '3703.5', 'taker').toString(); // '3.7035'
 * tradeFee(btcUsdt, '3703.5', 'maker', '0.00075').toString(); // '2.777625'
 * ```
 */
export function tradeFee(market: Market, notional: DecimalLike, liquidity: Liquidity, overrideRate?: DecimalLike): Decimal {
  const args =
    validFeeArgs(notional, liquidity, overrideRate) ??
    parseWith(TradeFeeArgs, { notional, liquidity, overrideRate }, `fee arguments for ${market.venue} ${market.symbol}`);
  const rate = args.overrideRate ?? market.fees[args.liquidity];
  return args.notional.times(rate);
}

/** What `TradeFeeArgs` would output for arguments that already pass it (Decimals or numbers), else `undefined`: fees are computed per fill. */
function validFeeArgs(
  notional: DecimalLike,
  liquidity: Liquidity,
  overrideRate: DecimalLike | undefined,
): z.output<typeof TradeFeeArgs> | undefined {
  if (liquidity !== 'maker' && liquidity !== 'taker') return undefined;
  const amount = asNonNegativeDecimal(notional);
  if (amount === undefined) return undefined;
  if (overrideRate === undefined) return { notional: amount, liquidity, overrideRate: undefined };
  const rate = asFiniteDecimal(overrideRate);
  return rate === undefined ? undefined : { notional: amount, liquidity, overrideRate: rate };
}
