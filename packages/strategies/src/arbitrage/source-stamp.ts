import type { OrderBookView, SourceStamp } from '@arbot/core';

/** The stamp of a book view used as a detector input. */
export function stampOf(view: OrderBookView): SourceStamp {
  return { venue: view.venue, symbol: view.symbol, ts: view.ts, recvTs: view.recvTs };
}

/** Detection time for an `Opportunity`: the clock's time as whole ms. */
export function detectionTime(now: number): number {
  return Math.max(0, Math.floor(now));
}
