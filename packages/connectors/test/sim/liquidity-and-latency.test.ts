import { type Order, VirtualClock } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { OrderNotCancelableError } from '../../src/sim/index';
import { ASKS, BIDS, btcOrder, fillsOf, simFixture } from './sim-fixture';

const buy = (amount: string) => btcOrder({ side: 'buy', type: 'market', amount });

describe('consumed liquidity', () => {
  it('is not offered again until the book shows another amount at that level', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS); // asks 101×1, 102×2, 104×5
    const took = async (amount: string): Promise<string[]> => {
      const before = updates.length;
      await venue.placeOrder(buy(amount));
      return fillsOf(updates.slice(before)).map(([price, size]) => `${size}@${price}`);
    };
    expect(await took('1')).toEqual(['1@101']); // 101 exhausted
    expect(await took('1')).toEqual(['1@102']); // 1 of 102's 2 left
    data.show('BTC/USDT', BIDS, ASKS); // the same amounts again: the exchange has not moved past our trades
    expect(await took('2')).toEqual(['1@102', '1@104']); // 102 exhausted, 4 of 104's 5 left
    // 101 now shows 1.5 (changed: offered in full again); 102 and 104 unchanged (still depleted).
    data.show('BTC/USDT', BIDS, [
      [101, 1.5],
      [102, 2],
      [104, 5],
    ]);
    expect(await took('2')).toEqual(['1.5@101', '0.5@104']);
  });

  it('is kept per side', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    await venue.placeOrder(buy('1'));
    await venue.placeOrder(btcOrder({ side: 'sell', type: 'market', amount: '1' }));
    // The buy took the ask at 101, the sell still finds the bid at 100.
    expect(fillsOf(updates).map(([price]) => price)).toEqual(['101', '100']);
  });
});

describe('latency in virtual time', () => {
  it('matches an order placed at t against the book at t + placement latency, and reports it fillReport later', async () => {
    const { clock, data, venue, updates } = simFixture({ latency: { placement: { fixedMs: 100 }, fillReport: { fixedMs: 10 } } });
    const seenAt: number[] = [];
    venue.orders$().subscribe(() => seenAt.push(clock.now()));
    data.show('BTC/USDT', BIDS, ASKS); // t = 0: best ask 101
    let settled: Order | undefined;
    const placed = venue.placeOrder(buy('1')).then((o) => {
      settled = o;
      return o;
    });
    clock.advanceTo(50);
    data.show('BTC/USDT', BIDS, [[105, 2]]); // t = 50: the asks move up to 105
    clock.advanceTo(99);
    await Promise.resolve();
    expect(settled).toBeUndefined();
    expect((await venue.fetchOrder('sim-1', 'BTC/USDT')).status).toBe('new');
    clock.advanceTo(100); // arrival: the book current at t = 100 is the one shown at t = 50
    const order = await placed;
    expect(order).toMatchObject({ status: 'filled', ts: 0, updatedTs: 100 });
    expect(order.average?.toString()).toBe('105');
    expect(updates).toEqual([]); // fill reported at 100 + 10
    clock.advanceTo(110);
    expect(fillsOf(updates)).toEqual([['105', '1', '0.002 BTC', 'taker']]);
    expect(updates[0]?.fill?.ts).toBe(100);
    expect(seenAt).toEqual([110]);
  });

  it('a cancel slower than the book loses the race', async () => {
    const { clock, data, venue } = simFixture({ latency: { cancel: { fixedMs: 20 } } });
    data.show('BTC/USDT', BIDS, ASKS);
    const resting = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.5' }));
    const cancel = venue.cancelOrder(resting.id, 'BTC/USDT');
    const outcome = cancel.catch((err: unknown) => err);
    clock.advanceTo(10);
    data.show('BTC/USDT', BIDS, [[100.4, 3]]); // trades through 100.5 before the cancel lands
    clock.advanceTo(20);
    const err = await outcome;
    expect(err).toBeInstanceOf(OrderNotCancelableError);
    expect((err as OrderNotCancelableError).code).toBe('ORDER_NOT_CANCELABLE');
    expect((err as OrderNotCancelableError).context).toMatchObject({ status: 'filled', orderId: resting.id });
  });

  it('a cancel that lands first leaves nothing to fill', async () => {
    const { clock, data, venue } = simFixture({ latency: { cancel: { fixedMs: 20 } } });
    data.show('BTC/USDT', BIDS, ASKS);
    const resting = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.5' }));
    const cancel = venue.cancelOrder(resting.id, 'BTC/USDT');
    clock.advanceTo(20);
    expect(await cancel).toMatchObject({ status: 'canceled', updatedTs: 20 });
    data.show('BTC/USDT', BIDS, [[100.4, 3]]);
    expect((await venue.fetchOrder(resting.id, 'BTC/USDT')).filled.toString()).toBe('0');
    expect(venue.ledger.balance('sim', 'USDT').locked.toString()).toBe('0');
  });

  it('a cancel overtaking its order cancels it before it reaches the book', async () => {
    const { clock, data, venue } = simFixture({ latency: { placement: { fixedMs: 50 }, cancel: { fixedMs: 10 } } });
    data.show('BTC/USDT', BIDS, ASKS);
    const placed = venue.placeOrder(buy('1'));
    const canceled = await (async () => {
      const cancel = venue.cancelOrder('sim-1', 'BTC/USDT');
      clock.advanceTo(10);
      return cancel;
    })();
    expect(canceled.status).toBe('canceled');
    clock.advanceTo(50);
    expect(await placed).toMatchObject({ status: 'canceled', filled: expect.anything() });
    expect((await placed).filled.toString()).toBe('0');
  });
});

/** One scripted session with jittered latencies; returns everything observable, with the clock time it was seen at. */
async function session(seed: number): Promise<string> {
  const clock = new VirtualClock(1_000);
  const { data, venue } = simFixture({
    clock,
    seed,
    latency: { placement: { fixedMs: 20, jitterMs: 30 }, cancel: { fixedMs: 10, jitterMs: 10 }, fillReport: { fixedMs: 2, jitterMs: 8 } },
  });
  const log: unknown[] = [];
  venue.orders$().subscribe((u) => log.push(['order', clock.now(), u]));
  venue.balances$().subscribe((s) => log.push(['balances', clock.now(), s]));
  const results: Promise<unknown>[] = [];
  data.show('BTC/USDT', BIDS, ASKS);
  for (let i = 0; i < 12; i++) {
    results.push(venue.placeOrder(buy('0.5')));
    results.push(venue.placeOrder(btcOrder({ side: 'sell', type: 'limit', amount: '0.3', price: (101 + i / 10).toFixed(2) })));
    clock.advanceBy(7);
    const shift = (i % 4) - 1.5;
    data.show(
      'BTC/USDT',
      BIDS.map(([p, a]) => [p + shift, a]),
      ASKS.map(([p, a]) => [p + shift, a + i / 100]),
    );
    clock.advanceBy(6);
    if (i % 3 === 2) {
      for (const open of await venue.fetchOpenOrders())
        results.push(venue.cancelOrder(open.id, open.symbol).catch((e: unknown) => String(e)));
    }
  }
  clock.advanceBy(1_000);
  log.push(['results', await Promise.all(results)]);
  return JSON.stringify(log);
}

describe('determinism', () => {
  it('the same inputs, clock and seed give identical results; another seed other timings', async () => {
    const first = await session(7);
    const second = await session(7);
    expect(second).toBe(first);
    expect(first).toContain('"filled"');
    const other = await session(8);
    expect(other).not.toBe(first);
  });

  it('jittered placement latency stays within fixed + jitter', async () => {
    const { clock, data, venue } = simFixture({ seed: 3, latency: { placement: { fixedMs: 20, jitterMs: 30 } } });
    data.show('BTC/USDT', BIDS, [[101, 1000]]);
    const placed = Array.from({ length: 20 }, () => venue.placeOrder(buy('0.1')));
    clock.advanceBy(50);
    const delays = (await Promise.all(placed)).map((o) => o.updatedTs - o.ts);
    for (const d of delays) expect(d >= 20 && d <= 50).toBe(true);
    expect(new Set(delays).size).toBeGreaterThan(1);
  });
});
