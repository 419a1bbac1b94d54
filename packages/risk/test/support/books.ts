import { type Level, OrderBook, type OrderBookView } from '@arbot/core';

/** A real core order book view built from a snapshot. */
export function bookView(spec: {
  readonly venue: string;
  readonly symbol?: string;
  readonly recvTs?: number;
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}): OrderBookView {
  const symbol = spec.symbol ?? 'BTC/USDT';
  const book = new OrderBook({ venue: spec.venue, symbol });
  const recvTs = spec.recvTs ?? 0;
  book.applySnapshot({ type: 'snapshot', venue: spec.venue, symbol, ts: recvTs, recvTs, bids: [...spec.bids], asks: [...spec.asks] });
  return book.view();
}

/** A one-level-per-side view around `mid` with a spread of `spread`. */
export function quote(venue: string, mid: number, recvTs: number, spread = 1, symbol = 'BTC/USDT'): OrderBookView {
  return bookView({ venue, symbol, recvTs, bids: [[mid - spread / 2, 10]], asks: [[mid + spread / 2, 10]] });
}
