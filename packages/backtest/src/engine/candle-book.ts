import { type Candle, Decimal, type Market, type OrderBookSnapshot, roundAmount, roundPrice } from '@arbot/core';

/**
 * The one-level book snapshot a closed candle stands for (see the
 * `candleBooks` option of `runBacktest`): bid and ask `spreadBps / 2` either
 * side of the close, `size` (default the candle's volume) on each.
 *
 * With the candle's `market`, the book lives on that market's grid, as a real
 * one does (detectors refuse a level off the tick, and an order can only be
 * priced on it): the bid is rounded down and the ask up to the price step,
 * the ask stays at least one tick above the bid, and the depth is rounded
 * down to the amount step but is never less than one step. A bid that rounds
 * to 0 leaves the bid side empty. Without a market (data that only feeds the
 * marks) the prices are left as computed, and a book with no size to offer is
 * `undefined`.
 */
export function candleBook(
  candle: Candle,
  market: Market | undefined,
  spreadBps: number,
  size: number | undefined,
): OrderBookSnapshot | undefined {
  const half = spreadBps / 20_000;
  const rawBid = candle.close * (1 - half);
  const rawAsk = candle.close * (1 + half);
  const rawDepth = size ?? candle.volume;
  const header = { type: 'snapshot', venue: candle.venue, symbol: candle.symbol, ts: candle.ts, recvTs: candle.recvTs } as const;
  if (market === undefined) {
    return rawDepth > 0 ? { ...header, bids: [[rawBid, rawDepth]], asks: [[rawAsk, rawDepth]] } : undefined;
  }
  const tick = market.precision.price;
  const bid = roundPrice(market, rawBid, 'down');
  // A spread below float precision makes the raw bid and ask the same number; a book needs them apart.
  const ask = Decimal.max(roundPrice(market, rawAsk, 'up'), bid.plus(tick));
  const depth = Decimal.max(roundAmount(market, rawDepth, 'down'), market.precision.amount).toNumber();
  return {
    ...header,
    bids: bid.gt(0) ? [[bid.toNumber(), depth]] : [],
    asks: [[ask.toNumber(), depth]],
  };
}
