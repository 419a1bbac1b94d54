/**
 * Where the examples get their venues: live ccxt exchanges (checked up front,
 * so an offline machine gets one clear message instead of endless reconnects)
 * or, for `--smoke`, local fake exchanges driven by the real ccxt `binance`
 * and `okx` classes.
 */
import { type CcxtVenue, type CcxtVenueOptions, ccxtVenue, classifyCcxtError, UnknownExchangeError } from '@arbot/connectors';
import { createCcxtExchangeForFake, type FakeExchange, type FakeProtocolId, startFakeExchange } from '@arbot/connectors/testing';
import type { Level, Market } from '@arbot/core';
import { UsageError } from './cli';

/** The venues cannot be reached (no network, exchange down): the message says what to do. */
export class VenueUnreachableError extends Error {
  override readonly name = 'VenueUnreachableError';
}

/** Venues an example runs on, and how to release them. */
export interface ExampleVenues {
  readonly venues: readonly CcxtVenue[];
  /** Markets of each venue, by venue id. */
  readonly markets: ReadonlyMap<string, readonly Market[]>;
  close(): Promise<void>;
}

const LIVE_TIMEOUT_MS = 15_000;

/**
 * Live ccxt venues for `exchangeIds`, after loading their markets (at most
 * 15 s each) and checking that each lists every one of `symbols`. An unknown
 * exchange id or symbol is a {@link UsageError}; a network failure a
 * {@link VenueUnreachableError} suggesting `--smoke`.
 */
export async function openLiveVenues(
  exchangeIds: readonly string[],
  symbols: readonly string[],
  options: CcxtVenueOptions = {},
): Promise<ExampleVenues> {
  const venues: CcxtVenue[] = [];
  const close = async () => {
    await Promise.all(venues.map((v) => v.close().catch(() => undefined)));
  };
  try {
    for (const id of exchangeIds) {
      try {
        venues.push(ccxtVenue(id, { ...options, exchangeConfig: { enableRateLimit: true, timeout: 10_000, ...options.exchangeConfig } }));
      } catch (err) {
        if (err instanceof UnknownExchangeError)
          throw new UsageError(`ccxt has no exchange "${id}" (try binance, okx, bybit, kucoin, gate…)`);
        throw err;
      }
    }
    const markets = new Map<string, readonly Market[]>();
    await Promise.all(
      venues.map(async (venue) => {
        const listed = await withTimeout(venue.markets(), LIVE_TIMEOUT_MS, venue.id).catch((err: unknown) => {
          if (err instanceof VenueUnreachableError || classifyCcxtError(err) === 'network') {
            const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
            throw new VenueUnreachableError(
              `cannot reach ${venue.id} (${why}). Live mode needs internet access; run with --smoke for an offline run on a local fake exchange.`,
            );
          }
          throw err;
        });
        for (const symbol of symbols) {
          if (!listed.some((m) => m.symbol === symbol)) throw new UsageError(`${venue.id} does not list ${symbol}`);
        }
        markets.set(venue.id, listed);
      }),
    );
    return { venues, markets, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, venue: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VenueUnreachableError(`no answer from ${venue} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A fake venue's starting order book per symbol. */
export interface FakeVenueSpec {
  /** Which real ccxt class talks to it (and so which wire protocol it speaks). */
  readonly protocol: FakeProtocolId;
  /** Venue id the ccxt venue reports (default: the protocol). */
  readonly id?: string;
  readonly books: Readonly<Record<string, { readonly bids: readonly Level[]; readonly asks: readonly Level[] }>>;
  /** Starting balances of the fake account (Binance protocol only trades). */
  readonly balances?: Readonly<Record<string, string>>;
}

/** Fake exchanges on 127.0.0.1, one per venue, with ccxt venues pointed at them. */
export interface FakeVenues extends ExampleVenues {
  /** The fake exchanges, by venue id: script their books with `setBook` / `updateBook`. */
  readonly fakes: ReadonlyMap<string, FakeExchange>;
}

/**
 * Starts one local fake exchange per spec (each with its own books), builds
 * the real ccxt pro class for it with every URL pointed at 127.0.0.1, and
 * wraps it in a `ccxtVenue`, exactly as `openLiveVenues` does for the real
 * exchange. Nothing leaves the machine.
 */
export async function openFakeVenues(specs: readonly FakeVenueSpec[], options: CcxtVenueOptions = {}): Promise<FakeVenues> {
  const fakes = new Map<string, FakeExchange>();
  const venues: CcxtVenue[] = [];
  const close = async () => {
    await Promise.all(venues.map((v) => v.close().catch(() => undefined)));
    await Promise.all([...fakes.values()].map((f) => f.close()));
  };
  try {
    const markets = new Map<string, readonly Market[]>();
    for (const spec of specs) {
      const id = spec.id ?? spec.protocol;
      const symbols = Object.keys(spec.books);
      const fake = await startFakeExchange({
        markets: symbols.map((symbol) => ({ symbol, tickSize: '0.00000001', stepSize: '0.00001', minNotional: '1' })),
        balances: spec.balances ?? {},
      });
      fakes.set(id, fake);
      for (const [symbol, levels] of Object.entries(spec.books)) fake.setBook(symbol, { bids: [...levels.bids], asks: [...levels.asks] });
      const exchange = await createCcxtExchangeForFake(spec.protocol, fake, { enableRateLimit: false });
      // No clock sync against a fake, and a short backoff: it is local.
      const venue = ccxtVenue(exchange, { id, syncClock: false, backoff: { initialMs: 50, maxMs: 500 }, ...options });
      venues.push(venue);
      markets.set(id, await venue.markets());
    }
    return { venues, markets, fakes, close };
  } catch (err) {
    await close();
    throw err;
  }
}
