import type { SimLatency } from '@arbot/connectors';
import { SimLatencySchema } from '@arbot/connectors';
import type { DecimalLike, ExecutionReport, MarketInput } from '@arbot/core';
import { DecimalSchema, Id, MarketSchema, NonNegativeDecimal, PositiveDecimal } from '@arbot/core';
import type { ObservableInput } from 'rxjs';
import { z } from 'zod';
import type { Feed } from '../merge/feed-source';
import type { BacktestContext } from './backtest-context';

const FiniteNumber = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const Time = FiniteNumber.refine((t) => t >= 0, { message: 'must be >= 0' });
const FeeRate = DecimalSchema.refine((d) => d.gte(0) && d.lt(1), { message: 'must be a fee rate >= 0 and < 1' });

/**
 * How each venue of a backtest simulates trading (the options of the
 * connectors' `simVenue` that a backtest lets you set): latency model, fee
 * overrides per symbol and the book depth the matching engine watches.
 *
 * @example
 * ```ts
 * SimVenueSettingsSchema.parse({ latency: { placement: { fixedMs: 50, jitterMs: 20 } }, fees: { 'BTC/USDT': { taker: '0.0004' } } });
 * ```
 */
export const SimVenueSettingsSchema = z.object({
  latency: SimLatencySchema.prefault({}),
  fees: z.record(z.string().min(1), z.object({ maker: FeeRate.optional(), taker: FeeRate.optional() })).default({}),
  bookDepth: z.number().int().positive().optional(),
});

/**
 * What {@link SimVenueSettingsSchema} accepts.
 *
 * @example
 * ```ts
 * const settings: SimVenueSettings = { latency: { placement: { fixedMs: 30 } } };
 * ```
 */
export interface SimVenueSettings {
  readonly latency?: SimLatency;
  readonly fees?: Readonly<Record<string, { readonly maker?: DecimalLike; readonly taker?: DecimalLike }>>;
  readonly bookDepth?: number;
}

/**
 * Synthetic order books for candle-only data: with this option, every closed
 * candle is preceded (at the same time) by a one-level book snapshot of its
 * venue and symbol, bid `close × (1 − spreadBps/20000)` and ask
 * `close × (1 + spreadBps/20000)`, `size` base deep on each side (default:
 * the candle's volume). The simulated venue then fills orders at the close
 * plus half the spread, so a candle strategy (or a book detector such as
 * `detectTriangularArbitrage`) runs through the same matching engine as on
 * real books.
 *
 * The book is on its market's grid, like a real one: the bid is rounded down
 * and the ask up to the price step, the ask is at least one tick above the
 * bid, and the depth is rounded down to the amount step, at least one step.
 * (A bid that rounds to 0 leaves the bid side empty.) Candles of a symbol
 * with no market in `markets` only feed the marks: their books keep the
 * computed prices.
 *
 * @example
 * ```ts
 * CandleBookSchema.parse({ spreadBps: 2, size: 1000 });
 * ```
 */
export const CandleBookSchema = z.object({
  spreadBps: z.number().positive().max(10_000).default(1),
  size: z.number().positive().refine(Number.isFinite, { message: 'must be a finite number' }).optional(),
});

const isFunction = (value: unknown): boolean => typeof value === 'function';

/** @internal Schema of {@link BacktestOptions}; feeds and functions are checked by shape. */
export const BacktestOptionsSchema = z
  .object({
    feeds: z.array(
      z.custom<Feed>((f) => typeof f === 'object' && f !== null, { message: 'must be an Iterable, AsyncIterable or Observable' }),
    ),
    pipeline: z.custom<(ctx: BacktestContext) => ObservableInput<ExecutionReport>>(isFunction, {
      message: 'must be a function (ctx) => Observable',
    }),
    markets: z.array(MarketSchema).default([]),
    balances: z.record(Id, z.record(Id, NonNegativeDecimal)).default({}),
    startPrices: z.record(Id, PositiveDecimal).default({}),
    valuationCurrency: Id.default('USDT'),
    venue: z
      .union([
        SimVenueSettingsSchema,
        z.custom<(venueId: string) => SimVenueSettings>(isFunction, { message: 'must be settings or a function of the venue id' }),
      ])
      .optional(),
    candleBooks: CandleBookSchema.optional(),
    from: Time.optional(),
    to: Time.optional(),
    time: z.enum(['recvTs', 'ts']).default('recvTs'),
    seed: z.number().int().default(1),
    sampleEveryMs: z.number().int().positive().default(60_000),
    riskFreeRate: FiniteNumber.refine((r) => r > -1, { message: 'must be > -1' }).default(0),
    settleMs: Time.default(0),
  })
  .refine((o) => o.from === undefined || o.to === undefined || o.from < o.to, { message: 'from must be < to', path: ['to'] });

/**
 * Options of {@link runBacktest}.
 *
 * @example
 * ```ts
 * const options: BacktestOptions = {
 *   feeds: [readRecording('binance.ndjson.gz'), readRecording('okx.ndjson.gz')],
 *   markets: [btcBinance, btcOkx],
 *   balances: { binance: { USDT: '10000', BTC: '0.5' }, okx: { USDT: '10000', BTC: '0.5' } },
 *   startPrices: { BTC: '30000' },
 *   pipeline: (ctx) => detect(ctx).pipe(execute(ctx)),
 *   venue: { latency: { placement: { fixedMs: 50, jitterMs: 20 } } },
 *   seed: 7,
 * };
 * ```
 */
export interface BacktestOptions {
  /** Time-sorted market data: order books, trades, tickers, candles, of any venues; merged in time order. */
  readonly feeds: readonly Feed[];
  /**
   * The pipeline under test, built from the context (clock, venues, ledger)
   * exactly as it would be live; it returns the execution reports of what it
   * traded (an Observable, or any `ObservableInput`). Subscribed once, before
   * the first event.
   */
  readonly pipeline: (ctx: BacktestContext) => ObservableInput<ExecutionReport>;
  /** Markets traded (precision, limits, fees), of every venue; a venue's trading needs its markets. */
  readonly markets?: readonly MarketInput[];
  /** Starting balances: venue → asset → amount. The venues of a backtest are those named here and in `markets`. */
  readonly balances?: Readonly<Record<string, Readonly<Record<string, DecimalLike>>>>;
  /** Starting marks (and cost basis) of non-valuation assets, in the valuation currency. */
  readonly startPrices?: Readonly<Record<string, DecimalLike>>;
  /** Currency equity and PnL are measured in; default `USDT`. */
  readonly valuationCurrency?: string;
  /** Simulated venue settings for every venue, or a function giving each venue's. */
  readonly venue?: SimVenueSettings | ((venueId: string) => SimVenueSettings);
  /** Make one-level books out of closed candles (for candle-only data); see {@link CandleBookSchema}. */
  readonly candleBooks?: { readonly spreadBps?: number; readonly size?: number };
  /** Start of the period: earlier events are skipped; default the first event's time. */
  readonly from?: number;
  /** End of the period (exclusive): later events are not read; default after the last event. */
  readonly to?: number;
  /**
   * Event time that orders the merge and drives the clock: `recvTs` (default,
   * what a live bot saw) or the exchange's `ts`. Beware `ts` with candles: it
   * is their open time, so a strategy would see each candle before it closed.
   */
  readonly time?: 'recvTs' | 'ts';
  /** Seed of every random choice (the venues' latency jitter); the same seed and data give the same result. */
  readonly seed?: number;
  /** Sampling period of the equity curve, ms (default 60,000); also the period of the return-based metrics. */
  readonly sampleEveryMs?: number;
  /** Annual risk-free rate for Sharpe and Sortino (default 0). */
  readonly riskFreeRate?: number;
  /** Without `to`: how long after the last event the clock keeps running so in-flight orders finish, ms (default 0). */
  readonly settleMs?: number;
}

/** Parsed {@link BacktestOptions}. */
export type ParsedBacktestOptions = z.output<typeof BacktestOptionsSchema>;

/** Parsed {@link SimVenueSettings}. */
export type ParsedSimVenueSettings = z.output<typeof SimVenueSettingsSchema>;
