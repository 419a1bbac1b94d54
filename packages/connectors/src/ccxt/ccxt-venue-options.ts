import { type Clock, type DecimalLike, systemClock } from '@arbot/core';
import type { BackoffPolicy } from './backoff';
import { OptionsReader } from './options-reader';

/** Extra ccxt `params` per watch/fetch family, passed through to the exchange. */
export interface CcxtCallParams {
  readonly orderBook?: Record<string, unknown>;
  readonly trades?: Record<string, unknown>;
  readonly ticker?: Record<string, unknown>;
  readonly candles?: Record<string, unknown>;
  readonly orders?: Record<string, unknown>;
  readonly balance?: Record<string, unknown>;
}

/** Options of {@link ccxtVenue}. Every field is optional. */
export interface CcxtVenueOptions {
  /** Venue id used in events (default: the ccxt exchange id). */
  readonly id?: string;
  /** Time source for `recvTs`, timers and measurements (default `systemClock`). */
  readonly clock?: Clock;
  /** No update on a book or ticker stream for this long → `stale`, then resync (default 30 000 ms; 0 disables). */
  readonly staleAfterMs?: number;
  /** Reconnect backoff (defaults: initial 500 ms, max 30 000 ms, factor 2, jitter 0.5). */
  readonly backoff?: Partial<BackoffPolicy>;
  /** Source of jitter in [0, 1) (default `Math.random`; pass `seededRandom(seed)` for reproducible runs). */
  readonly random?: () => number;
  /** Consecutive failures after which a stream reports `down` (default 5; it keeps retrying). */
  readonly downAfterAttempts?: number;
  /** `auto` (default): websockets where ccxt has a watch method, REST polling otherwise; `rest`: always poll. */
  readonly transport?: 'auto' | 'rest';
  /** Polling interval of REST fallbacks, ms (default: the larger of 1000 and the exchange's `rateLimit`). */
  readonly pollIntervalMs?: number;
  /** Minimum gap between two REST requests of this venue, ms (default: the exchange's `rateLimit`). */
  readonly restMinGapMs?: number;
  /** Extra ccxt params per call family (merged over built-in defaults, e.g. Binance's full `ticker` channel). */
  readonly params?: CcxtCallParams;
  /** Latency samples kept for p50/p99 (default 1024). */
  readonly latencySamples?: number;
  /** Window of the message rate, ms (default 10 000). */
  readonly rateWindowMs?: number;
  /** Text frames that are heartbeats, not malformed data (default `['ping', 'pong']`). */
  readonly heartbeatFrames?: readonly string[];
  /** Measure the exchange clock offset (`fetchTime`) when the first stream starts (default true). */
  readonly syncClock?: boolean;
  /** Constructor config when the venue creates the ccxt exchange from an id (credentials, `enableRateLimit`…). */
  readonly exchangeConfig?: Record<string, unknown>;
  /** Fee rates for `markets()` when ccxt's market has none. */
  readonly defaultFees?: { readonly maker: DecimalLike; readonly taker: DecimalLike };
  /** Timeout of each REST request, ms (sets ccxt's `timeout`; default: ccxt's, 10 000). */
  readonly timeoutMs?: number;
}

/** Validated options with defaults applied; exchange-dependent defaults are resolved by the venue. */
export interface ResolvedCcxtVenueOptions {
  readonly id: string | undefined;
  readonly clock: Clock;
  readonly staleAfterMs: number | undefined;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  readonly downAfterAttempts: number;
  readonly transport: 'auto' | 'rest';
  readonly pollIntervalMs: number | undefined;
  readonly restMinGapMs: number | undefined;
  readonly params: CcxtCallParams;
  readonly latencySamples: number;
  readonly rateWindowMs: number;
  readonly heartbeatFrames: ReadonlySet<string>;
  readonly syncClock: boolean;
  readonly exchangeConfig: Record<string, unknown>;
  readonly defaultFees: { readonly maker: DecimalLike; readonly taker: DecimalLike } | undefined;
  readonly timeoutMs: number | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isClock = (value: unknown): value is Clock =>
  isRecord(value) && typeof value.now === 'function' && isRecord(value.scheduler) && typeof value.scheduler.schedule === 'function';
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === 'string');
const isDecimalLike = (value: unknown): boolean => typeof value === 'string' || typeof value === 'number' || (isRecord(value) && 'toFixed' in value);
const isFees = (value: unknown): value is { maker: DecimalLike; taker: DecimalLike } =>
  isRecord(value) && isDecimalLike(value.maker) && isDecimalLike(value.taker);

/**
 * Validates {@link CcxtVenueOptions}; throws a `ValidationError` naming every
 * bad or unknown field.
 *
 * @example
 * ```ts
 * parseCcxtVenueOptions({ staleAfterMs: -1 }); // throws: staleAfterMs = -1: must be >= 0
 * ```
 */
export function parseCcxtVenueOptions(input: unknown): ResolvedCcxtVenueOptions {
  const read = new OptionsReader('ccxtVenue options', input);
  const id = read.optionalString('id');
  const clock = read.optional('clock', isClock, 'must be a Clock ({ now(), scheduler })') ?? systemClock;
  const stale = read.number('staleAfterMs', 30_000, { min: 0 });
  const backoffReader = read.nested('backoff', read.raw('backoff'));
  const backoff: BackoffPolicy = {
    initialMs: backoffReader.number('initialMs', 500, { min: 0 }),
    maxMs: backoffReader.number('maxMs', 30_000, { min: 0 }),
    factor: backoffReader.number('factor', 2, { min: 1 }),
    jitter: backoffReader.number('jitter', 0.5, { min: 0, max: 1 }),
  };
  const random = read.optionalFunction<() => number>('random') ?? Math.random;
  const downAfterAttempts = read.number('downAfterAttempts', 5, { integer: true, min: 1 });
  const transport = read.oneOf('transport', ['auto', 'rest'] as const, 'auto');
  const pollIntervalMs = read.optionalNumber('pollIntervalMs', { min: 1 });
  const restMinGapMs = read.optionalNumber('restMinGapMs', { min: 0 });
  const paramsReader = read.nested('params', read.raw('params'));
  const params: Record<string, Record<string, unknown>> = {};
  for (const key of ['orderBook', 'trades', 'ticker', 'candles', 'orders', 'balance'] as const) {
    const value = paramsReader.optional(key, isRecord, 'must be an object of ccxt params');
    if (value !== undefined) params[key] = value;
  }
  const latencySamples = read.number('latencySamples', 1024, { integer: true, min: 1 });
  const rateWindowMs = read.number('rateWindowMs', 10_000, { min: 1_000 });
  const heartbeats = read.optional('heartbeatFrames', isStringArray, 'must be an array of strings') ?? ['ping', 'pong'];
  const syncClock = read.boolean('syncClock', true);
  const exchangeConfig = read.optional('exchangeConfig', isRecord, 'must be an object') ?? {};
  const defaultFees = read.optional('defaultFees', isFees, 'must be { maker, taker } decimal fee rates');
  const timeoutMs = read.optionalNumber('timeoutMs', { min: 1 });
  read.done();
  return {
    id,
    clock,
    staleAfterMs: stale === 0 ? undefined : stale,
    backoff,
    random,
    downAfterAttempts,
    transport,
    pollIntervalMs,
    restMinGapMs,
    params,
    latencySamples,
    rateWindowMs,
    heartbeatFrames: new Set(heartbeats),
    syncClock,
    exchangeConfig,
    defaultFees,
    timeoutMs,
  };
}
