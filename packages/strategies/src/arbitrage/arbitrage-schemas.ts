import {
  type Clock,
  DecimalSchema,
  FiniteNumber,
  Id,
  MarketCatalog,
  NonNegativeDecimal,
  NonNegativeNumber,
  PositiveDecimal,
} from '@arbot/core';
import { z } from 'zod';

/**
 * Where a venue takes its taker fee from, which decides how much quote a buy
 * must keep free: `quote` (the fee is added to the quote paid), `received`
 * (deducted from what the order receives: Binance's default) or `token`
 * (paid in a separate fee token such as BNB).
 *
 * @example
 * ```ts
 * FeeCurrencySchema.parse('token'); // 'token'
 * ```
 */
export const FeeCurrencySchema = z.enum(['quote', 'received', 'token']);

/**
 * A venue's fee override for the detectors, e.g. a VIP tier or a fee-token
 * discount: the taker rate as a fraction (0.00075 = 7.5 bps) and where the
 * fee is taken from (default `quote`).
 *
 * @example
 * ```ts
 * VenueFeeSchema.parse({ taker: '0.00075', feeCurrency: 'token' });
 * ```
 */
export const VenueFeeSchema = z.object({
  taker: DecimalSchema.refine((d) => d.gt(-1) && d.lt(1), { message: 'must be a rate in (-1, 1)' }),
  feeCurrency: FeeCurrencySchema.default('quote'),
});
/**
 * A parsed {@link VenueFeeSchema}.
 *
 * @example
 * ```ts
 * const vip: VenueFee = VenueFeeSchema.parse({ taker: '0.0004' });
 * ```
 */
export type VenueFee = z.output<typeof VenueFeeSchema>;

/** Per-venue fee overrides, keyed by venue id. */
export const VenueFeesSchema = z.record(Id, VenueFeeSchema).default({});

/** A core `Clock`: any object with `now()`. */
export const ClockOptionSchema = z.custom<Clock>(
  (value) => typeof value === 'object' && value !== null && typeof (value as { now?: unknown }).now === 'function',
  { message: 'must be a Clock (an object with now())' },
);

/** A `MarketCatalog` instance. */
export const CatalogOptionSchema = z.custom<MarketCatalog>((value) => value instanceof MarketCatalog, {
  message: 'must be a MarketCatalog',
});

/** A threshold in one currency, or one per currency (a missing currency counts as 0). */
export const PerCurrencyDecimalSchema = z.union([NonNegativeDecimal, z.record(Id, NonNegativeDecimal)]);

/** A cap in one currency, or one per currency (a missing currency is uncapped). */
export const PerCurrencyCapSchema = z.union([PositiveDecimal, z.record(Id, PositiveDecimal)]);

/** Options shared by both detectors. */
export const DetectorCommonOptions = {
  /** Markets (precision, limits, fees) of every venue traded. */
  markets: CatalogOptionSchema,
  /** Source of `detectedAt`, book ages and cooldowns. */
  clock: ClockOptionSchema,
  /** Only these venues (default: every venue of the catalog). */
  venues: z.array(Id).min(1).optional(),
  /** Minimum net bps (after fees and haircut) to emit; default 0. */
  minNetBps: FiniteNumber.default(0),
  /** Per-venue fee overrides; default: each market's taker rate, fee taken from quote. */
  fees: VenueFeesSchema,
  /** Latency/slippage haircut: a cost of this many bps of the notional, so it lowers netBps by exactly this. Default 0. */
  haircutBps: NonNegativeNumber.default(0),
  /** Books received (`recvTs`) more than this many ms before `clock.now()` are ignored. Default: no age limit. */
  maxBookAgeMs: NonNegativeNumber.optional(),
  /** After an emission, the same key is quiet for this many ms unless a materially better one comes (see `cooldownImprovementBps`). Default 0 (off). */
  cooldownMs: NonNegativeNumber.default(0),
  /** During a cooldown, an opportunity is still emitted when its netBps beats the last emitted one by at least this much. Default 10. */
  cooldownImprovementBps: NonNegativeNumber.default(10),
  /** Tag written to `Opportunity.strategy`. */
  strategy: z.string().optional(),
};
