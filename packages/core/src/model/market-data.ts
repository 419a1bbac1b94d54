import { z } from 'zod';
import { parseWith } from './parse';
import { Id, NonNegativeNumber, PositiveNumber, SideSchema, TimestampMs } from './primitives';

/** A public trade. `side` is the taker's side. */
export const TradeSchema = z.object({
  venue: Id,
  symbol: Id,
  id: z.string().optional(),
  ts: TimestampMs,
  recvTs: TimestampMs,
  price: PositiveNumber,
  amount: PositiveNumber,
  side: SideSchema,
});
/** A public trade: see {@link TradeSchema}. */
export type Trade = z.output<typeof TradeSchema>;

/** Best bid/ask and last price. */
export const TickerSchema = z.object({
  venue: Id,
  symbol: Id,
  ts: TimestampMs,
  recvTs: TimestampMs,
  bid: PositiveNumber.optional(),
  ask: PositiveNumber.optional(),
  bidSize: NonNegativeNumber.optional(),
  askSize: NonNegativeNumber.optional(),
  last: PositiveNumber.optional(),
  baseVolume: NonNegativeNumber.optional(),
});
/** A ticker: see {@link TickerSchema}. */
export type Ticker = z.output<typeof TickerSchema>;

/** Candle timeframes, ccxt notation. */
export const TimeframeSchema = z.enum(['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '1w']);
/** A candle timeframe such as `1m` or `1h`. */
export type Timeframe = z.infer<typeof TimeframeSchema>;

/** An OHLCV candle. `ts` is the open time; `closed` is false while the candle is still forming. */
export const CandleSchema = z
  .object({
    venue: Id,
    symbol: Id,
    timeframe: TimeframeSchema,
    ts: TimestampMs,
    recvTs: TimestampMs,
    open: PositiveNumber,
    high: PositiveNumber,
    low: PositiveNumber,
    close: PositiveNumber,
    volume: NonNegativeNumber,
    closed: z.boolean().default(true),
  })
  .superRefine((c, ctx) => {
    if (c.high < Math.max(c.open, c.close, c.low))
      ctx.addIssue({ code: 'custom', path: ['high'], message: 'high must be >= open, close and low' });
    if (c.low > Math.min(c.open, c.close)) ctx.addIssue({ code: 'custom', path: ['low'], message: 'low must be <= open and close' });
  });
/** An OHLCV candle: see {@link CandleSchema}. */
export type Candle = z.output<typeof CandleSchema>;

/**
 * Milliseconds in one candle of a timeframe.
 *
 * @example
 * ```ts
 * timeframeMs('1h'); // 3_600_000
 * ```
 */
export function timeframeMs(tf: Timeframe): number {
  const unit = tf.slice(-1);
  const n = Number(tf.slice(0, -1));
  const ms = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[unit];
  if (ms === undefined) throw new RangeError(`unknown timeframe unit in ${tf}`);
  return n * ms;
}

/**
 * Validates a trade.
 *
 * @example
 * ```ts
 * parseTrade({ venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 2, price: 100, amount: 0.5, side: 'buy' });
 * ```
 */
export function parseTrade(input: unknown): Trade {
  return parseWith(TradeSchema, input, 'trade');
}

/**
 * Validates a ticker.
 *
 * @example
 * ```ts
 * parseTicker({ venue: 'okx', symbol: 'BTC/USDT', ts: 1, recvTs: 2, bid: 100, ask: 100.1 });
 * ```
 */
export function parseTicker(input: unknown): Ticker {
  return parseWith(TickerSchema, input, 'ticker');
}

/**
 * Validates a candle (including high ≥ max(open, close) and low ≤ min(open, close)).
 *
 * @example
 * ```ts
 * parseCandle({ venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m', ts: 0, recvTs: 0,
 *   open: 1, high: 2, low: 0.5, close: 1.5, volume: 10 });
 * ```
 */
export function parseCandle(input: unknown): Candle {
  return parseWith(CandleSchema, input, 'candle');
}
