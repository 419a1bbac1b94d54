import type { Candle, OrderBookView, Ticker, Trade } from '@arbot/core';
import { asyncScheduler } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, until, type VenueHarness } from './venue-harness';

let harness: VenueHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('ccxtVenue market data (real ccxt classes against the fake exchange)', () => {
  it('markets() converts ccxt markets with core marketFromCcxt (steps, limits, fees as Decimals)', async () => {
    harness = await startHarness(
      'binance',
      {},
      { markets: [{ symbol: 'BTC/USDT', tickSize: '0.1', stepSize: '0.0001', minNotional: 10 }] },
    );
    const [btc, ...rest] = await harness.venue.markets();
    expect(rest).toEqual([]);
    expect(btc?.venue).toBe('binance');
    expect(btc?.id).toBe('BTCUSDT');
    expect(btc?.precision.price.toString()).toBe('0.1');
    expect(btc?.precision.amount.toString()).toBe('0.0001');
    expect(btc?.limits.cost.min?.toString()).toBe('10');
    expect(btc?.fees.taker.toString()).toBe('0.001');
    expect(harness.venue.stats().skippedMarkets).toEqual([]);
  });

  it('orderBook$ emits core OrderBookViews of the exchange book, cut to depth, with exchange ts and local recvTs', async () => {
    harness = await startHarness('binance', { staleAfterMs: 0 }, { now: () => 1_700_000_000_000 });
    const { fake, venue } = harness;
    const views: OrderBookView[] = [];
    const sub = venue.orderBook$('BTC/USDT', { depth: 1 }).subscribe((v) => views.push(v));
    await until(() => views.length === 1);
    fake.updateBook('BTC/USDT', { bids: [[100.5, 3]], asks: [[101, 0]] });
    await until(() => views.length === 2);
    sub.unsubscribe();
    const [first, second] = views as [OrderBookView, OrderBookView];
    expect([first.venue, first.symbol, first.seq, first.bids(), first.asks()]).toEqual([
      'binance',
      'BTC/USDT',
      1001,
      [[100, 1]],
      [[101, 1.5]],
    ]);
    expect([second.seq, second.bestBid, second.bestAsk, second.bidCount, second.askCount]).toEqual([1002, 100.5, 102, 1, 1]);
    // The diff's event time comes from the fake's clock; recvTs from the venue's (system) clock.
    expect(second.ts).toBe(1_700_000_000_000);
    expect(second.recvTs).toBeGreaterThan(1_700_000_000_000);
    // (100.5 + 102) / 2
    expect(second.mid).toBe(101.25);
  });

  it('subscribers of the same book share one exchange subscription', async () => {
    harness = await startHarness('binance', { staleAfterMs: 0 });
    const { fake, venue } = harness;
    const a: number[] = [];
    const b: number[] = [];
    const subA = venue.orderBook$('BTC/USDT').subscribe((v) => a.push(v.seq ?? 0));
    const subB = venue.orderBook$('BTC/USDT').subscribe((v) => b.push(v.seq ?? 0));
    await until(() => a.length === 1 && b.length === 1);
    fake.updateBook('BTC/USDT', { bids: [[100.5, 3]] });
    await until(() => a.length === 2 && b.length === 2);
    subA.unsubscribe();
    subB.unsubscribe();
    expect(a).toEqual([1001, 1002]);
    expect(b).toEqual(a);
    expect(fake.requests().filter((r) => r.path === '/api/v3/depth')).toHaveLength(1);
  });

  it('trades$, ticker$ and candles$ normalize to core events (closed candles when the next one starts)', async () => {
    let exchangeTime = 1_699_999_980_000; // a whole minute: 28 333 333 × 60 000
    harness = await startHarness('okx', { staleAfterMs: 0 }, { now: () => exchangeTime });
    const { fake, venue } = harness;
    const trades: Trade[] = [];
    const tickers: Ticker[] = [];
    const candles: Candle[] = [];
    const subs = [
      venue.trades$('BTC/USDT').subscribe((t) => trades.push(t)),
      venue.ticker$('BTC/USDT').subscribe((t) => tickers.push(t)),
      venue.candles$('BTC/USDT', '1m').subscribe((c) => candles.push(c)),
    ];
    await fake.waitForSubscription('trades:BTC-USDT');
    await fake.waitForSubscription('candle1m:BTC-USDT');
    await until(() => tickers.length >= 1);
    fake.publishTrade('BTC/USDT', { price: 100.5, amount: 0.5, side: 'buy', ts: exchangeTime + 1_000 });
    await until(() => trades.length === 1 && candles.length === 1);
    exchangeTime += 60_000;
    fake.publishTrade('BTC/USDT', { price: 100.75, amount: 0.25, side: 'sell', ts: exchangeTime + 2_000 });
    await until(() => trades.length === 2 && candles.length === 3);
    for (const s of subs) s.unsubscribe();
    expect(trades.map((t) => [t.venue, t.symbol, t.id, t.price, t.amount, t.side, t.ts])).toEqual([
      ['okx', 'BTC/USDT', '1', 100.5, 0.5, 'buy', 1_699_999_981_000],
      ['okx', 'BTC/USDT', '2', 100.75, 0.25, 'sell', 1_700_000_042_000],
    ]);
    expect(tickers[0]).toMatchObject({ venue: 'okx', symbol: 'BTC/USDT', bid: 100, ask: 101, bidSize: 1, askSize: 1.5 });
    expect(candles.map((c) => [c.ts, c.open, c.high, c.low, c.close, c.volume, c.closed])).toEqual([
      [1_699_999_980_000, 100.5, 100.5, 100.5, 100.5, 0.5, false],
      [1_699_999_980_000, 100.5, 100.5, 100.5, 100.5, 0.5, true],
      [1_700_000_040_000, 100.75, 100.75, 100.75, 100.75, 0.25, false],
    ]);
  });

  it('measures the exchange clock offset with fetchTime and corrects latency with it (p50/p99)', async () => {
    // Frozen clocks make the arithmetic exact: local 1 000 000, exchange 1 005 000 → offset = 1 005 000 − (t0 + t1)/2 = 5000.
    const local = 1_000_000;
    harness = await startHarness(
      'binance',
      { staleAfterMs: 0, clock: { now: () => local, scheduler: asyncScheduler } },
      { now: () => 1_005_000 },
    );
    const { fake, venue } = harness;
    expect(await venue.syncClock()).toEqual({ offsetMs: 5_000, rttMs: 0 });
    const trades: Trade[] = [];
    const sub = venue.trades$('BTC/USDT').subscribe((t) => trades.push(t));
    await fake.waitForSubscription('btcusdt@trade');
    // Printed 20 and 40 ms before the exchange's "now": latency = recvTs − (ts − offset) = 20 and 40.
    fake.publishTrade('BTC/USDT', { price: 100, amount: 1, side: 'buy', ts: 1_004_980 });
    fake.publishTrade('BTC/USDT', { price: 100, amount: 1, side: 'buy', ts: 1_004_960 });
    await until(() => trades.length === 2);
    sub.unsubscribe();
    const stats = venue.stats();
    // Nearest rank over [20, 40]: p50 → 1st value, p99 → 2nd.
    expect(stats.latency).toEqual({ samples: 2, p50: 20, p99: 40, max: 40 });
    expect(stats.clockOffsetMs).toBe(5_000);
    expect(stats.messages).toBeGreaterThanOrEqual(3); // subscription reply + 2 trades
    expect(stats.events).toBe(2);
  });
});
