import { type Candle, parseCandle, parseTicker, parseTrade, type Ticker, type Timeframe, type Trade } from '@arbot/core';
import type { Ticker as CcxtTicker, Trade as CcxtTrade, OHLCV } from 'ccxt';

const positive = (value: unknown): number | undefined =>
  typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : undefined;
const nonNegative = (value: unknown): number | undefined =>
  typeof value === 'number' && value >= 0 && Number.isFinite(value) ? value : undefined;

/**
 * A ccxt public trade → a validated core `Trade` (`side` is the taker's).
 * Throws `ValidationError` when ccxt's trade lacks a price, amount or side.
 *
 * @example
 * ```ts
 * const trade = toTrade(ccxtTrade, 'binance', 'BTC/USDT', clock.now());
 * ```
 */
export function toTrade(trade: CcxtTrade, venue: string, symbol: string, recvTs: number): Trade {
  return parseTrade({
    venue,
    symbol,
    ...(trade.id === undefined || trade.id === null ? {} : { id: String(trade.id) }),
    ts: positive(trade.timestamp) ?? recvTs,
    recvTs,
    price: trade.price,
    amount: trade.amount,
    side: trade.side,
  });
}

/**
 * A ccxt ticker → a validated core `Ticker`; absent or zero prices and sizes
 * are left out rather than reported as 0.
 *
 * @example
 * ```ts
 * const ticker = toTicker(await exchange.watchTicker('BTC/USDT'), 'okx', 'BTC/USDT', clock.now());
 * ```
 */
export function toTicker(ticker: CcxtTicker, venue: string, symbol: string, recvTs: number): Ticker {
  const fields: Record<string, unknown> = { venue, symbol, ts: positive(ticker.timestamp) ?? recvTs, recvTs };
  const optional: [string, number | undefined][] = [
    ['bid', positive(ticker.bid)],
    ['ask', positive(ticker.ask)],
    ['bidSize', nonNegative(ticker.bidVolume)],
    ['askSize', nonNegative(ticker.askVolume)],
    ['last', positive(ticker.last)],
    ['baseVolume', nonNegative(ticker.baseVolume)],
  ];
  for (const [key, value] of optional) if (value !== undefined) fields[key] = value;
  return parseTicker(fields);
}

/**
 * Follows the candles ccxt returns for one (symbol, timeframe) and emits each
 * update of the forming candle with `closed: false`; when a newer candle
 * starts, the previous one is emitted once more, final, with `closed: true`.
 *
 * @example
 * ```ts
 * const tracker = new CandleTracker('binance', 'BTC/USDT', '1m');
 * const candles = tracker.update(await exchange.watchOHLCV('BTC/USDT', '1m'), clock.now());
 * ```
 */
export class CandleTracker {
  private last: OHLCV | undefined;

  constructor(
    private readonly venue: string,
    private readonly symbol: string,
    private readonly timeframe: Timeframe,
  ) {}

  /** The core candles to emit for ccxt's latest candle list (oldest first). */
  update(ohlcv: readonly OHLCV[], recvTs: number): Candle[] {
    const out: Candle[] = [];
    for (const row of ohlcv) {
      const ts = row[0];
      if (typeof ts !== 'number') continue;
      const lastTs = this.last?.[0] ?? Number.NEGATIVE_INFINITY;
      if (typeof lastTs === 'number' && ts < lastTs) continue;
      if (this.last !== undefined && typeof lastTs === 'number' && ts > lastTs) out.push(this.toCandle(this.last, recvTs, true));
      if (this.last !== undefined && ts === lastTs && sameRow(row, this.last)) continue;
      this.last = [...row] as OHLCV;
      out.push(this.toCandle(row, recvTs, false));
    }
    return out;
  }

  private toCandle(row: OHLCV, recvTs: number, closed: boolean): Candle {
    const [ts, open, high, low, close, volume] = row;
    return parseCandle({
      venue: this.venue,
      symbol: this.symbol,
      timeframe: this.timeframe,
      ts,
      recvTs,
      open,
      high,
      low,
      close,
      volume,
      closed,
    });
  }
}

function sameRow(a: OHLCV, b: OHLCV): boolean {
  return a.every((value, i) => value === b[i]);
}
