import { type Clock, DecimalSchema, Id, MarketSchema, NonNegativeDecimal, PortfolioLedger, PositiveDecimal } from '@arbot/core';
import { z } from 'zod';
import { SimLatencySchema } from './sim-latency';

function isClock(value: unknown): value is Clock {
  if (typeof value !== 'object' || value === null) return false;
  const { now, scheduler } = value as { now?: unknown; scheduler?: unknown };
  return typeof now === 'function' && typeof scheduler === 'object' && scheduler !== null && 'schedule' in scheduler;
}

/** A fee rate the simulator can charge: a fraction in [0, 1). Rebates (negative rates) are not modelled. */
const FeeRate = DecimalSchema.refine((d) => d.gte(0) && d.lt(1), { message: 'must be a fee rate >= 0 and < 1' });

/**
 * Maker and/or taker fee rates of one market, replacing the catalog's.
 *
 * @example
 * ```ts
 * SimFeeOverrideSchema.parse({ maker: '0.0002', taker: '0.0004' });
 * ```
 */
export const SimFeeOverrideSchema = z.object({ maker: FeeRate.optional(), taker: FeeRate.optional() });

/**
 * Options of `simVenue`, validated when the venue is built.
 *
 * - `id`: venue id reported on orders, fills and balances; default the
 *   market-data venue's id, so a pipeline sees the same venue it would live.
 * - `clock`: every time read and delay goes through it (a `VirtualClock` in backtests).
 * - `balances`: starting balances by asset, deposited into the ledger.
 * - `startPrices`: unit cost in the valuation currency of non-valuation starting
 *   balances (their cost basis); default the ledger's mark of the asset.
 * - `valuationCurrency`: of the ledger the venue creates (default `USDT`);
 *   must match `ledger.valuationCurrency` when both are given.
 * - `markets`: the markets traded (precision, limits, fees); default `marketData.markets()`.
 * - `symbols`: order books tracked from the start; default the symbols of
 *   `markets` when given, otherwise a book is tracked from the first order on it.
 * - `bookDepth`: levels per side asked of `marketData.orderBook$` (default all).
 * - `fees`: per-symbol maker/taker rates replacing the market's.
 * - `latency`: see `SimLatencySchema`; `seed` seeds its jitter.
 * - `ledger`: a core `PortfolioLedger` to drive (shared with other venues); default a new one.
 * - `maxFinishedOrders`: finished orders kept for `fetchOrder` (oldest forgotten first).
 *
 * @example
 * ```ts
 * SimVenueOptionsSchema.parse({ clock: new VirtualClock(), balances: { USDT: '10000' } });
 * ```
 */
export const SimVenueOptionsSchema = z.object({
  id: Id.optional(),
  clock: z.custom<Clock>(isClock, { message: 'must be a Clock (now() and an RxJS scheduler)' }),
  balances: z.record(z.string().min(1), NonNegativeDecimal).default({}),
  startPrices: z.record(z.string().min(1), PositiveDecimal).default({}),
  valuationCurrency: Id.optional(),
  markets: z.array(MarketSchema).optional(),
  symbols: z.array(Id).optional(),
  bookDepth: z.number().int().positive().optional(),
  fees: z.record(z.string().min(1), SimFeeOverrideSchema).default({}),
  latency: SimLatencySchema.prefault({}),
  seed: z.number().int().default(1),
  ledger: z.custom<PortfolioLedger>((value) => value instanceof PortfolioLedger, { message: 'must be a PortfolioLedger' }).optional(),
  maxFinishedOrders: z.number().int().nonnegative().default(10_000),
});

/**
 * What `simVenue` accepts: see {@link SimVenueOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: SimVenueOptions = {
 *   clock: new VirtualClock(),
 *   balances: { USDT: '10000', BTC: '0.5' },
 *   startPrices: { BTC: '30000' },
 *   latency: { placement: { fixedMs: 50, jitterMs: 20 } },
 *   seed: 7,
 * };
 * ```
 */
export type SimVenueOptions = z.input<typeof SimVenueOptionsSchema>;

/**
 * Parsed {@link SimVenueOptions}: defaults applied, decimals as `Decimal`.
 *
 * @example
 * ```ts
 * const parsed: ParsedSimVenueOptions = SimVenueOptionsSchema.parse(options);
 * ```
 */
export type ParsedSimVenueOptions = z.output<typeof SimVenueOptionsSchema>;
