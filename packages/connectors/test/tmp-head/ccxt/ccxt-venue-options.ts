import { DecimalSchema, Id, parseWith, systemClock } from '@arbot/core';
import { z } from 'zod';
import { ClockSchema } from './clock-schema';

/**
 * How reconnect delays grow: `initialMs × factor^(attempt−1)`, capped at
 * `maxMs`, then jittered down by up to `jitter` of the delay (see `backoffDelay`).
 *
 * @example
 * ```ts
 * BackoffPolicySchema.parse({ initialMs: 100 }); // { initialMs: 100, maxMs: 30000, factor: 2, jitter: 0.5 }
 * ```
 */
export const BackoffPolicySchema = z.strictObject({
  /** Delay before the first retry, ms. */
  initialMs: z.number().nonnegative().default(500),
  /** Upper bound of the un-jittered delay, ms. */
  maxMs: z.number().nonnegative().default(30_000),
  /** Growth per attempt (≥ 1). */
  factor: z.number().min(1).default(2),
  /** Fraction of the delay that is randomized, in [0, 1]. */
  jitter: z.number().min(0).max(1).default(0.5),
});

const CcxtParams = z.record(z.string(), z.unknown());

/**
 * Extra ccxt `params` per watch/fetch family, passed through to the exchange
 * (merged over built-in defaults such as Binance's full `ticker` channel).
 *
 * @example
 * ```ts
 * CcxtCallParamsSchema.parse({ orderBook: { depth: 'books5' } });
 * ```
 */
export const CcxtCallParamsSchema = z.strictObject({
  orderBook: CcxtParams.optional(),
  trades: CcxtParams.optional(),
  ticker: CcxtParams.optional(),
  candles: CcxtParams.optional(),
  orders: CcxtParams.optional(),
  balance: CcxtParams.optional(),
});
/**
 * Extra ccxt params per call family: see {@link CcxtCallParamsSchema}.
 *
 * @example
 * ```ts
 * const params: CcxtCallParams = { ticker: { name: 'bookTicker' } };
 * ```
 */
export type CcxtCallParams = z.output<typeof CcxtCallParamsSchema>;

/**
 * Options of `ccxtVenue`; every field is optional.
 *
 * @example
 * ```ts
 * const options = CcxtVenueOptionsSchema.parse({ staleAfterMs: 10_000, backoff: { initialMs: 250 } });
 * ```
 */
export const CcxtVenueOptionsSchema = z.strictObject({
  /** Venue id used in events (default: the ccxt exchange id). */
  id: Id.optional(),
  /** Time source for `recvTs`, timers and measurements (default `systemClock`). */
  clock: ClockSchema.default(() => systemClock),
  /** No update on a book or ticker stream for this long → `stale`, then resync (default 30 000 ms; 0 disables). */
  staleAfterMs: z.number().nonnegative().default(30_000),
  /** Reconnect backoff. */
  backoff: BackoffPolicySchema.prefault({}),
  /** Source of jitter in [0, 1) (default `Math.random`; pass `seededRandom(seed)` for reproducible runs). */
  random: z
    .custom<() => number>((v) => typeof v === 'function', { message: 'must be a function returning a number in [0, 1)' })
    .default(() => Math.random),
  /** Consecutive failures after which a stream reports `down` (default 5; it keeps retrying). */
  downAfterAttempts: z.number().int().min(1).default(5),
  /** `auto`: websockets where ccxt has a watch method, REST polling otherwise; `rest`: always poll. */
  transport: z.enum(['auto', 'rest']).default('auto'),
  /** Polling interval of REST fallbacks, ms (default: the larger of 1000 and the exchange's `rateLimit`). */
  pollIntervalMs: z.number().min(1).optional(),
  /** Minimum gap between two REST requests of this venue, ms (default: the exchange's `rateLimit`). */
  restMinGapMs: z.number().nonnegative().optional(),
  /** Extra ccxt params per call family. */
  params: CcxtCallParamsSchema.default({}),
  /** Latency samples kept for p50/p99 (default 1024). */
  latencySamples: z.number().int().min(1).default(1024),
  /** Window of the message rate, ms (default 10 000). */
  rateWindowMs: z.number().min(1_000).default(10_000),
  /** Text frames that are heartbeats, not malformed data (default `['ping', 'pong']`). */
  heartbeatFrames: z.array(z.string()).default(['ping', 'pong']),
  /** Measure the exchange clock offset (`fetchTime`) when the first stream starts (default true). */
  syncClock: z.boolean().default(true),
  /** Constructor config when the venue creates the ccxt exchange from an id (credentials, `enableRateLimit`…). */
  exchangeConfig: z.record(z.string(), z.unknown()).default({}),
  /** Fee rates (fractions) for `markets()` when ccxt's market has none. */
  defaultFees: z.object({ maker: DecimalSchema, taker: DecimalSchema }).optional(),
  /** Timeout of each REST request, ms (sets ccxt's `timeout`; default: ccxt's, 10 000). */
  timeoutMs: z.number().min(1).optional(),
});
/**
 * What `ccxtVenue` accepts as options: see {@link CcxtVenueOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: CcxtVenueOptions = { staleAfterMs: 5_000, random: seededRandom(1), transport: 'auto' };
 * ```
 */
export type CcxtVenueOptions = z.input<typeof CcxtVenueOptionsSchema>;
/** Validated options with defaults applied. */
export type ResolvedCcxtVenueOptions = z.output<typeof CcxtVenueOptionsSchema>;

/**
 * Validates `ccxtVenue` options; throws a `ValidationError` naming every bad
 * or unknown field.
 *
 * @example
 * ```ts
 * parseCcxtVenueOptions({ staleAfterMs: -1 }); // throws: staleAfterMs = -1: …
 * ```
 */
export function parseCcxtVenueOptions(input: unknown): ResolvedCcxtVenueOptions {
  return parseWith(CcxtVenueOptionsSchema, input ?? {}, 'ccxtVenue options');
}
