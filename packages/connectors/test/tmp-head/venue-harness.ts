import type { Exchange } from 'ccxt';
import { type CcxtVenue, type CcxtVenueOptions, type ConnectionStatus, ccxtVenue } from './ccxt/index';
import {
  createCcxtExchangeForFake,
  type FakeExchange,
  type FakeExchangeOptions,
  type FakeProtocolId,
  startFakeExchange,
} from '../../src/testing/index';

/** One fake exchange, a real ccxt exchange pointed at it, and a venue over that exchange; closed by `close()`. */
export interface VenueHarness {
  readonly fake: FakeExchange;
  readonly exchange: Exchange;
  readonly venue: CcxtVenue;
  /** Every status the venue published, in order. */
  readonly statuses: ConnectionStatus[];
  close(): Promise<void>;
}

/** The book every harness starts with. */
export const START_BOOK = {
  bids: [
    [100, 1],
    [99, 2],
  ],
  asks: [
    [101, 1.5],
    [102, 3],
  ],
} as const;

/** Starts a harness; ccxt's client-side rate limiter is off unless `exchangeConfig` says otherwise. */
export async function startHarness(
  protocol: FakeProtocolId,
  venueOptions: CcxtVenueOptions = {},
  fakeOptions: FakeExchangeOptions = {},
  exchangeConfig: Record<string, unknown> = { enableRateLimit: false },
): Promise<VenueHarness> {
  const fake = await startFakeExchange(fakeOptions);
  fake.setBook('BTC/USDT', { bids: START_BOOK.bids.map(([p, a]) => [p, a]), asks: START_BOOK.asks.map(([p, a]) => [p, a]) });
  const exchange = await createCcxtExchangeForFake(protocol, fake, exchangeConfig);
  const venue = ccxtVenue(exchange, { syncClock: false, ...venueOptions });
  const statuses: ConnectionStatus[] = [];
  const subscription = venue.status$.subscribe((s) => statuses.push(s));
  return {
    fake,
    exchange,
    venue,
    statuses,
    close: async () => {
      subscription.unsubscribe();
      await venue.close();
      await fake.close();
    },
  };
}

/** Resolves once `condition()` holds, polling every 5 ms (the test's own timeout bounds the wait). */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

interface CcxtClientView {
  readonly isConnected?: boolean;
  readonly futures?: Record<string, unknown>;
}

/**
 * Resolves once a connected ccxt client of `exchange` holds a pending watch
 * for `messageHash` (e.g. Binance's `orders`, `myTrades`, `spot:balance`):
 * from then on, what the exchange pushes on it reaches the venue.
 */
export async function untilWatching(exchange: Exchange, messageHash: string): Promise<void> {
  const clients = () => Object.values((exchange.clients ?? {}) as Record<string, CcxtClientView>);
  await until(() => clients().some((c) => c.isConnected === true && c.futures !== undefined && messageHash in c.futures));
}
