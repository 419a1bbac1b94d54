import { type OrderBookView, type OrderUpdate, parseOrderRequest, type Trade, VirtualClock } from '@arbot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { RestPacer } from '../../src/ccxt/index';
import { startHarness, until, type VenueHarness } from './venue-harness';

let harness: VenueHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('RestPacer', () => {
  it('starts requests at least minGap apart, in call order, on the given clock', async () => {
    const clock = new VirtualClock(1_000);
    const pacer = new RestPacer(clock, 50);
    const starts: [string, number][] = [];
    const run = (name: string) => pacer.run(async () => starts.push([name, clock.now()]));
    const all = Promise.all([run('a'), run('b'), run('c')]);
    await flush();
    expect(starts).toEqual([['a', 1_000]]);
    clock.advanceBy(49);
    await flush();
    expect(starts).toHaveLength(1);
    clock.advanceBy(1);
    await flush();
    clock.advanceBy(50);
    await flush();
    await all;
    expect(starts).toEqual([
      ['a', 1_000],
      ['b', 1_050],
      ['c', 1_100],
    ]);
    // Idle time is not banked: a request long after the last one starts at once.
    clock.advanceBy(1_000);
    await pacer.run(async () => starts.push(['d', clock.now()]));
    expect(starts.at(-1)).toEqual(['d', 2_100]);
  });
});

describe("ccxtVenue REST polling fallback (transport: 'rest')", () => {
  it('polls fetchOrderBook / fetchTrades over REST, never opening a websocket', async () => {
    harness = await startHarness('binance', { transport: 'rest', pollIntervalMs: 10, restMinGapMs: 0, staleAfterMs: 0 });
    const { fake, venue } = harness;
    const views: OrderBookView[] = [];
    const trades: Trade[] = [];
    const subs = [
      venue.orderBook$('BTC/USDT', { depth: 1 }).subscribe((v) => views.push(v)),
      venue.trades$('BTC/USDT').subscribe((t) => trades.push(t)),
    ];
    await until(() => views.length >= 1);
    fake.updateBook('BTC/USDT', { bids: [[100.5, 2]] });
    fake.publishTrade('BTC/USDT', { price: 100.6, amount: 1, side: 'buy' });
    await until(() => views.some((v) => v.bestBid === 100.5) && trades.length === 1);
    // The same trade is in every later poll; it must come out once.
    const polled = fake.requests().filter((r) => r.path === '/api/v3/aggTrades').length;
    await until(() => fake.requests().filter((r) => r.path === '/api/v3/aggTrades').length >= polled + 2);
    for (const s of subs) s.unsubscribe();
    expect(trades.map((t) => [t.id, t.price, t.side])).toEqual([['1', 100.6, 'buy']]);
    expect(fake.connectionCount()).toBe(0);
    expect(venue.stats().restRequests).toBeGreaterThanOrEqual(4);
  });

  it('polls open orders and fetches an order that left the list for its final state', async () => {
    harness = await startHarness('binance', { transport: 'rest', pollIntervalMs: 10, restMinGapMs: 0 }, { balances: { USDT: '1000' } });
    const { fake, venue } = harness;
    const updates: OrderUpdate[] = [];
    const sub = venue.orders$().subscribe((u) => updates.push(u));
    const placed = await venue.placeOrder(
      parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '1', price: '90' }),
    );
    await until(() => updates.length === 1);
    fake.fillOrder(Number(placed.id));
    await until(() => updates.length === 2);
    sub.unsubscribe();
    expect(updates.map((u) => [u.order.id, u.order.status, u.order.filled.toString()])).toEqual([
      [placed.id, 'open', '0'],
      [placed.id, 'filled', '1'],
    ]);
  });
});
