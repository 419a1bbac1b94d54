import type { Level, OrderBookSnapshot } from '@arbot/core';
import type { OrderBook as CcxtOrderBook } from 'ccxt';

/**
 * ccxt's maintained book → a core snapshot event of at most `depth` levels per
 * side (all when `undefined`). `seq` is ccxt's `nonce` (the exchange update id)
 * when it is an integer; `ts` is the exchange time of the last update, or
 * `recvTs` when the exchange gave none. Throws a `RangeError` on a level that
 * is not a finite positive price with a finite amount ≥ 0, so one bad level
 * skips the update instead of reaching `book()`.
 *
 * @example
 * ```ts
 * const snapshot = toBookSnapshot(await exchange.watchOrderBook('BTC/USDT'), 'binance', 'BTC/USDT', 20, clock.now());
 * ```
 */
export function toBookSnapshot(
  book: CcxtOrderBook,
  venue: string,
  symbol: string,
  depth: number | undefined,
  recvTs: number,
): OrderBookSnapshot {
  const nonce = book.nonce;
  const ts = book.timestamp;
  const snapshot: OrderBookSnapshot = {
    type: 'snapshot',
    venue,
    symbol,
    ts: typeof ts === 'number' && ts > 0 ? ts : recvTs,
    recvTs,
    bids: copyLevels(book.bids, depth),
    asks: copyLevels(book.asks, depth),
  };
  return Number.isInteger(nonce) ? { ...snapshot, seq: nonce as number } : snapshot;
}

function copyLevels(side: readonly (readonly [unknown, unknown])[], depth: number | undefined): Level[] {
  const n = depth === undefined ? side.length : Math.min(depth, side.length);
  const out = new Array<Level>(n);
  for (let i = 0; i < n; i++) {
    const level = side[i] as readonly [unknown, unknown];
    const price = level[0];
    const amount = level[1];
    if (
      typeof price !== 'number' ||
      !(price > 0) ||
      price === Number.POSITIVE_INFINITY ||
      typeof amount !== 'number' ||
      !(amount >= 0) ||
      amount === Number.POSITIVE_INFINITY
    ) {
      throw new RangeError(`bad book level [${String(price)}, ${String(amount)}]`);
    }
    out[i] = [price, amount];
  }
  return out;
}
