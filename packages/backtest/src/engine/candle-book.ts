import type { Candle, OrderBookSnapshot } from '@arbot/core';

/**
 * The one-level book snapshot a closed candle stands for (see the
 * `candleBooks` option of `runBacktest`): bid and ask `spreadBps / 2` either
 * side of the close, `size` (default the candle's volume) on each; `undefined`
 * when there is no size to offer.
 */
export function candleBook(candle: Candle, spreadBps: number, size: number | undefined): OrderBookSnapshot | undefined {
  const depth = size ?? candle.volume;
  if (!(depth > 0)) return undefined;
  const half = spreadBps / 20_000;
  return {
    type: 'snapshot',
    venue: candle.venue,
    symbol: candle.symbol,
    ts: candle.ts,
    recvTs: candle.recvTs,
    bids: [[candle.close * (1 - half), depth]],
    asks: [[candle.close * (1 + half), depth]],
  };
}
