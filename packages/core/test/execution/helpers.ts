import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Journal,
  type Market,
  MarketCatalog,
  type Opportunity,
  OrderBook,
  type OrderBookView,
  parseMarket,
  parseOpportunity,
  type VirtualClock,
} from '../../src/index';

/** BTC/USDT on a venue: amount step 0.001, tick 0.01, min notional 1 USDT, taker fee 0.1 %. */
export function btcUsdt(venue: string): Market {
  return parseMarket({
    venue,
    symbol: 'BTC/USDT',
    id: 'BTCUSDT',
    base: 'BTC',
    quote: 'USDT',
    precision: { amount: '0.001', price: '0.01' },
    limits: { amount: { min: '0.001' }, cost: { min: '1' } },
    fees: { maker: '0.001', taker: '0.001' },
  });
}

/** A catalog of BTC/USDT on the given venues. */
export function catalogOf(...venues: string[]): MarketCatalog {
  return new MarketCatalog(venues.map(btcUsdt));
}

/** A spatial opportunity: buy `amount` BTC on `buyVenue` at ≤ `buyLimit`, sell on `sellVenue` at ≥ `sellLimit`. */
export function spatial(
  id: string,
  o: {
    buyVenue?: string;
    sellVenue?: string;
    amount?: string;
    buyLimit?: string;
    sellLimit?: string;
    buyExpected?: string;
    sellExpected?: string;
  } = {},
): Opportunity {
  const amount = o.amount ?? '1';
  const buyLimit = o.buyLimit ?? '100';
  const sellLimit = o.sellLimit ?? '101';
  return parseOpportunity({
    id,
    kind: 'spatial',
    detectedAt: 0,
    sources: [],
    legs: [
      {
        venue: o.buyVenue ?? 'alpha',
        symbol: 'BTC/USDT',
        side: 'buy',
        amount,
        priceLimit: buyLimit,
        expectedPrice: o.buyExpected ?? buyLimit,
      },
      {
        venue: o.sellVenue ?? 'beta',
        symbol: 'BTC/USDT',
        side: 'sell',
        amount,
        priceLimit: sellLimit,
        expectedPrice: o.sellExpected ?? sellLimit,
      },
    ],
    expected: { currency: 'USDT', gross: '1', fees: '0.2', net: '0.8', netBps: 80, notional: '100' },
  });
}

/** A fresh temp directory for a journal. */
export async function tempJournalPath(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'arbot-exec-')), 'journal.ndjson');
}

const macrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs virtual time until `promise` settles: lets pending I/O and promise
 * chains finish (the journal is flushed first, so file writes never race
 * the clock), then jumps to the next timer. Throws when nothing is left to
 * run and the promise is still pending.
 */
export async function drive<T>(clock: VirtualClock, promise: Promise<T>, journal?: Journal, maxSteps = 20_000): Promise<T> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let step = 0; step < maxSteps && !settled; step++) {
    for (let i = 0; i < 3; i++) {
      await journal?.flush().catch(() => undefined);
      await macrotask();
    }
    if (settled) break;
    const next = clock.nextTimerAt();
    if (next === undefined) {
      // Only real I/O can still move things: wait for it (or for it to arm a timer).
      for (let i = 0; i < 400 && !settled && clock.nextTimerAt() === undefined; i++) await new Promise((r) => setTimeout(r, 5));
      if (!settled && clock.nextTimerAt() === undefined) throw new Error('drive: the promise is pending and no timer is left');
      continue;
    }
    clock.advanceTo(next);
  }
  return promise;
}

/** An immutable book view with the given levels. */
export function bookView(venue: string, bids: [number, number][], asks: [number, number][]): OrderBookView {
  const book = new OrderBook({ venue, symbol: 'BTC/USDT' });
  book.applySnapshot({ type: 'snapshot', venue, symbol: 'BTC/USDT', ts: 0, recvTs: 0, seq: 1, bids, asks });
  return book.view();
}
