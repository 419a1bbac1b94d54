import { type BookSet, type MarketDataVenue, OrderBook, ValidationError, VirtualClock } from '@arbot/core';
import { NEVER, of, throwError } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CcxtVenue, ccxtVenue } from '../../src/ccxt/index';
import { healthOf, type MultiVenue, type MultiVenueHealth, multiVenue, UnknownVenueError } from '../../src/multi/index';
import { createCcxtExchangeForFake, type FakeExchange, startFakeExchange } from '../../src/testing/index';

const fakes: FakeExchange[] = [];
let multi: MultiVenue | undefined;

afterEach(async () => {
  await multi?.close();
  multi = undefined;
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A binance venue and an okx venue, each on its own fake exchange with its own book. */
async function twoVenues(): Promise<{ binance: CcxtVenue; okx: CcxtVenue; binanceFake: FakeExchange; okxFake: FakeExchange }> {
  const binanceFake = await startFakeExchange();
  const okxFake = await startFakeExchange();
  fakes.push(binanceFake, okxFake);
  binanceFake.setBook('BTC/USDT', { bids: [[100, 1]], asks: [[101, 1]] });
  okxFake.setBook('BTC/USDT', { bids: [[101.5, 2]], asks: [[102, 2]] });
  const options = { syncClock: false, staleAfterMs: 0, backoff: { initialMs: 10, maxMs: 50 } };
  const binance = ccxtVenue(await createCcxtExchangeForFake('binance', binanceFake, { enableRateLimit: false }), options);
  const okx = ccxtVenue(await createCcxtExchangeForFake('okx', okxFake, { enableRateLimit: false }), options);
  return { binance, okx, binanceFake, okxFake };
}

const summary = (set: BookSet | undefined) =>
  set
    ?.forSymbol('BTC/USDT')
    .map((v) => [v.venue, v.bestBid, v.bestAsk])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe('multiVenue over two real ccxt classes (binance + okx) on fake exchanges', () => {
  it('merges both venues’ books into core BookSets and tracks per-venue health', async () => {
    const { binance, okx, okxFake } = await twoVenues();
    multi = multiVenue([binance, okx]);
    const health: MultiVenueHealth[] = [];
    const sets: BookSet[] = [];
    const subs = [multi.health$.subscribe((h) => health.push(h)), multi.books$('BTC/USDT').subscribe((s) => sets.push(s))];
    await until(() => sets.at(-1)?.size === 2);
    expect(summary(sets.at(-1))).toEqual([
      ['binance', 100, 101],
      ['okx', 101.5, 102],
    ]);
    // okx bid 101.5 > binance ask 101: the cross-venue spread a detector would see.
    okxFake.updateBook('BTC/USDT', { bids: [[101.75, 1]] });
    await until(() => sets.at(-1)?.get('okx', 'BTC/USDT')?.bestBid === 101.75);
    expect(sets.at(-1)?.updated.venue).toBe('okx');
    expect(health.at(-1)?.venues.map((v) => [v.venue, v.state])).toEqual([
      ['binance', 'connected'],
      ['okx', 'connected'],
    ]);
    expect(health.at(-1)?.allConnected).toBe(true);
    for (const s of subs) s.unsubscribe();
  });

  it('starts every venue at connecting, before any connection exists, until the venue reports otherwise', async () => {
    const { binance, okx } = await twoVenues();
    multi = multiVenue([binance, okx], { clock: new VirtualClock(1_000) });
    const health: MultiVenueHealth[] = [];
    const sets: BookSet[] = [];
    const subs = [multi.health$.subscribe((h) => health.push(h))];
    // Nothing is subscribed yet, so neither venue has a connection: 'connecting' is coarse health 'stale'.
    const connecting = { state: 'stale', connection: 'connecting', ts: 1_000 };
    expect(health).toEqual([
      {
        venues: [
          { venue: 'binance', ...connecting },
          { venue: 'okx', ...connecting },
        ],
        changed: 'binance',
        allConnected: false,
      },
    ]);
    // In order: each venue's first 'connected' health and its first book in a set.
    const firsts: string[] = [];
    const noteFirst = (event: string) => {
      if (!firsts.includes(event)) firsts.push(event);
    };
    subs.push(
      multi.health$.subscribe((h) => {
        for (const v of h.venues) if (v.state === 'connected') noteFirst(`connected ${v.venue}`);
      }),
      multi.books$('BTC/USDT').subscribe((s) => {
        sets.push(s);
        for (const v of s.forSymbol('BTC/USDT')) noteFirst(`book ${v.venue}`);
      }),
    );
    await until(() => sets.at(-1)?.size === 2);
    // A venue is connected once it says so, which it does before its first book reaches a set.
    expect(firsts.indexOf('connected binance')).toBeLessThan(firsts.indexOf('book binance'));
    expect(firsts.indexOf('connected okx')).toBeLessThan(firsts.indexOf('book okx'));
    expect(firsts).toHaveLength(4);
    expect(health.at(-1)?.venues.map((v) => [v.venue, v.state, v.connection])).toEqual([
      ['binance', 'connected', 'connected'],
      ['okx', 'connected', 'connected'],
    ]);
    expect(health.at(-1)?.allConnected).toBe(true);
    for (const s of subs) s.unsubscribe();
  });

  it('a venue that goes down is marked down and dropped from the sets until it recovers', async () => {
    const { binance, okx, okxFake } = await twoVenues();
    multi = multiVenue([binance, okx]);
    const health: MultiVenueHealth[] = [];
    const sets: BookSet[] = [];
    const subs = [multi.health$.subscribe((h) => health.push(h)), multi.books$('BTC/USDT').subscribe((s) => sets.push(s))];
    await until(() => sets.at(-1)?.size === 2);
    okxFake.refuseConnections(3);
    okxFake.dropConnections();
    await until(() => health.some((h) => h.venues.find((v) => v.venue === 'okx')?.state === 'down'));
    const duringOutage = sets.at(-1);
    expect(summary(duringOutage)).toEqual([['binance', 100, 101]]);
    const down = health.map((h) => h.venues.find((v) => v.venue === 'okx')).find((v) => v?.state === 'down');
    expect([down?.connection, down?.reason]).toEqual(['reconnecting', 'connection closed by remote server, closing code 1006']);
    okxFake.updateBook('BTC/USDT', { asks: [[101.9, 1]] });
    await until(() => sets.at(-1)?.get('okx', 'BTC/USDT')?.bestAsk === 101.9);
    expect(health.at(-1)?.allConnected).toBe(true);
    for (const s of subs) s.unsubscribe();
  });

  it('venue(), markets() and validation', async () => {
    const { binance, okx } = await twoVenues();
    multi = multiVenue([binance, okx]);
    expect(multi.venue('okx')).toBe(okx);
    expect(() => multi?.venue('kraken')).toThrow(UnknownVenueError);
    const markets = await multi.markets();
    expect([...markets.keys()]).toEqual(['binance', 'okx']);
    expect(markets.get('okx')?.map((m) => m.id)).toEqual(['BTC-USDT', 'ETH-USDT']);
    expect(() => multiVenue([])).toThrow(ValidationError);
    expect(() => multiVenue([binance, binance])).toThrow(ValidationError);
  });

  it('venues without status (e.g. replay) count as connected; one failing book stream does not stop the others', async () => {
    const book = new OrderBook({ venue: 'replay', symbol: 'BTC/USDT' });
    book.applySnapshot({ type: 'snapshot', venue: 'replay', symbol: 'BTC/USDT', ts: 1, recvTs: 1, bids: [[1, 1]], asks: [[2, 1]] });
    const view = book.view();
    const replay = {
      id: 'replay',
      markets: async () => [],
      orderBook$: () => of(view),
      trades$: () => NEVER,
      ticker$: () => NEVER,
      candles$: () => NEVER,
    } as unknown as MarketDataVenue;
    const broken = { ...replay, id: 'broken', orderBook$: () => throwError(() => new Error('no such book')) } as unknown as MarketDataVenue;
    multi = multiVenue([replay, broken]);
    const health: MultiVenueHealth[] = [];
    const sets: BookSet[] = [];
    const subs = [multi.health$.subscribe((h) => health.push(h)), multi.books$('BTC/USDT').subscribe((s) => sets.push(s))];
    expect(sets.map((s) => s.size)).toEqual([1]);
    expect(health.at(-1)?.venues.map((v) => [v.venue, v.state, v.reason])).toEqual([
      ['replay', 'connected', undefined],
      ['broken', 'down', 'no such book'],
    ]);
    for (const s of subs) s.unsubscribe();
  });

  it('maps connection states to coarse health', () => {
    expect(['connected', 'connecting', 'stale', 'reconnecting', 'down'].map((s) => healthOf(s as never))).toEqual([
      'connected',
      'stale',
      'stale',
      'down',
      'down',
    ]);
  });
});
