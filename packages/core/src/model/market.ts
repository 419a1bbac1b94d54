import { z } from 'zod';
import { parseWith } from './parse';
import { DecimalSchema, Id, NonNegativeDecimal, PositiveDecimal } from './primitives';

const OptionalLimit = NonNegativeDecimal.optional();

/** A min/max pair; either bound may be absent. */
export const RangeSchema = z.object({ min: OptionalLimit, max: OptionalLimit });

/**
 * A tradable market on one venue, with its precision (always expressed as
 * step sizes: the smallest increment of amount and price), limits and fees.
 * Build one from ccxt's unified market with `marketFromCcxt`.
 */
export const MarketSchema = z.object({
  /** Venue id, e.g. `binance`. */
  venue: Id,
  /** Unified symbol, e.g. `BTC/USDT`. */
  symbol: Id,
  /** The exchange's own id for the market, e.g. `BTCUSDT`. */
  id: Id,
  base: Id,
  quote: Id,
  type: z.enum(['spot', 'margin', 'swap', 'future', 'option']).default('spot'),
  active: z.boolean().default(true),
  precision: z.object({
    /** Amount step (lot size), e.g. `0.00001`. */
    amount: PositiveDecimal,
    /** Price step (tick size), e.g. `0.01`. */
    price: PositiveDecimal,
  }),
  limits: z.object({
    amount: RangeSchema.default({}),
    price: RangeSchema.default({}),
    /** Notional (amount × price, in quote) limits. */
    cost: RangeSchema.default({}),
  }),
  fees: z.object({
    /** Maker fee rate as a fraction (0.001 = 10 bps); may be negative for rebates. */
    maker: DecimalSchema,
    /** Taker fee rate as a fraction. */
    taker: DecimalSchema,
  }),
});

/** A validated market: see {@link MarketSchema}. */
export type Market = z.output<typeof MarketSchema>;
/** The input accepted by {@link parseMarket} (decimals may be strings or numbers). */
export type MarketInput = z.input<typeof MarketSchema>;

/**
 * Validates a market description.
 *
 * @example
 * ```ts
 * const m = parseMarket({
 *   venue: 'binance', symbol: 'BTC/USDT', id: 'BTCUSDT', base: 'BTC', quote: 'USDT',
 *   precision: { amount: '0.00001', price: '0.01' },
 *   limits: { amount: { min: '0.00001' }, cost: { min: '5' } },
 *   fees: { maker: '0.001', taker: '0.001' },
 * });
 * ```
 */
export function parseMarket(input: unknown): Market {
  return parseWith(MarketSchema, input, 'market');
}
