import type { Candle, OrderBookSnapshot, Trade } from '@arbot/core';

/** A trade at `recvTs = ts = time`. */
export function trade(venue: string, time: number, price = 100, symbol = 'BTC/USDT'): Trade {
  return { venue, symbol, ts: time, recvTs: time, price, amount: 1, side: 'buy' };
}

/** A one-level book snapshot at `time`. */
export function snapshot(venue: string, time: number, bid: number, ask: number, symbol = 'BTC/USDT', size = 10): OrderBookSnapshot {
  return { type: 'snapshot', venue, symbol, ts: time, recvTs: time, bids: [[bid, size]], asks: [[ask, size]] };
}

/** A closed 1h candle opening at `open` with close `close`, received at its close time. */
export function candle(venue: string, open: number, close: number, symbol = 'BTC/USDT'): Candle {
  return {
    venue,
    symbol,
    timeframe: '1h',
    ts: open,
    recvTs: open + 3_600_000,
    open: close,
    high: close,
    low: close,
    close,
    volume: 1_000,
    closed: true,
  };
}

/** An async generator over items, yielding to the event loop now and then like a file reader. */
export async function* slowly<T>(items: readonly T[]): AsyncGenerator<T> {
  for (const [i, item] of items.entries()) {
    if (i % 3 === 0) await Promise.resolve();
    yield item;
  }
}
