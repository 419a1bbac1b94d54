import { type Candle, type OrderBookView, parseMarket, type Ticker, type Trade, ValidationError, VirtualClock } from '@arbot/core';
import { combineLatest, from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { readL2SnapshotCsv } from '../../src/formats/index';
import { type MarketDataEvent, record } from '../../src/record/index';
import { replayFeed, replayVenue } from '../../src/replay/index';
import { fixture, tempDir } from '../formats/temp-dir';

const tmp = tempDir('replay-venue');

const market = (venue: string, symbol: string) =>
  parseMarket({
    venue,
    symbol,
    id: symbol.replace('/', ''),
    base: symbol.split('/')[0],
    quote: symbol.split('/')[1],
    precision: { amount: '0.001', price: '0.01' },
    limits: {},
    fees: { maker: '0.001', taker: '0.002' },
  });

const trade = (venue: string, symbol: string, recvTs: number, price: number): Trade => ({
  venue,
  symbol,
  ts: recvTs,
  recvTs,
  price,
  amount: 1,
  side: 'sell',
});
const ticker = (venue: string, symbol: string, recvTs: number): Ticker => ({ venue, symbol, ts: recvTs, recvTs, bid: 10, ask: 11 });
const candle = (venue: string, symbol: string, recvTs: number, timeframe: '1m' | '1h'): Candle => ({
  venue,
  symbol,
  timeframe,
  ts: recvTs - 60_000,
  recvTs,
  open: 1,
  high: 2,
  low: 1,
  close: 2,
  volume: 5,
  closed: true,
});

async function write(name: string, events: readonly MarketDataEvent[], markets = [market('binance', 'BTC/USDT')]): Promise<string> {
  const path = tmp.path(name);
  await lastValueFrom(from(events).pipe(record(path, { markets })), { defaultValue: undefined });
  return path;
}

describe('replayVenue', () => {
  it('serves each stream filtered by venue and symbol, and markets from the recording head', async () => {
    const path = await write('mixed.ndjson.gz', [
      trade('binance', 'BTC/USDT', 100_000, 1),
      trade('binance', 'ETH/USDT', 100_001, 2),
      trade('okx', 'BTC/USDT', 100_002, 3),
      ticker('binance', 'BTC/USDT', 100_003),
      candle('binance', 'BTC/USDT', 100_004, '1m'),
      candle('binance', 'BTC/USDT', 100_005, '1h'),
      trade('binance', 'BTC/USDT', 100_006, 4),
    ]);
    const venue = replayVenue(path, { venue: 'binance', pacing: 'asap' });
    expect(venue.id).toBe('binance');
    const [trades, tickers, candles] = await Promise.all([
      lastValueFrom(venue.trades$('BTC/USDT').pipe(toArray())),
      lastValueFrom(venue.ticker$('BTC/USDT').pipe(toArray())),
      lastValueFrom(venue.candles$('BTC/USDT', '1h').pipe(toArray())),
    ]);
    expect(trades.map((t) => t.price)).toEqual([1, 4]);
    expect(tickers.map((t) => t.recvTs)).toEqual([100_003]);
    expect(candles.map((c) => c.timeframe)).toEqual(['1h']);
    const markets = await venue.markets();
    expect(markets.map((m) => m.symbol)).toEqual(['BTC/USDT']);
    expect(markets[0]?.fees.taker.toString()).toBe('0.002');
    expect(await replayVenue(path, { venue: 'okx', pacing: 'asap' }).markets()).toEqual([]);
  });

  it('serves supplied markets instead of recorded ones', async () => {
    const path = await write('supplied.ndjson', [trade('binance', 'BTC/USDT', 1, 1)], []);
    const venue = replayVenue(path, {
      venue: 'binance',
      pacing: 'asap',
      markets: [market('binance', 'SOL/USDT'), market('okx', 'SOL/USDT')],
    });
    expect((await venue.markets()).map((m) => `${m.venue} ${m.symbol}`)).toEqual(['binance SOL/USDT']);
  });

  it('builds books with the requested depth from the bundled real L2 data of two venues on one clock', async () => {
    const binance = tmp.path('binance-link.ndjson.gz');
    const huobi = tmp.path('huobi-link.ndjson.gz');
    await lastValueFrom(readL2SnapshotCsv(fixture('linkusdt_l2_10lvl_binance_2021-08-20_head200.csv.gz')).pipe(record(binance)));
    await lastValueFrom(readL2SnapshotCsv(fixture('linkusdt_l2_10lvl_huobi_2021-08-20_head200.csv.gz')).pipe(record(huobi)));
    const start = Date.UTC(2021, 7, 20);
    const clock = new VirtualClock(start);
    const feed = replayFeed([binance, huobi], { clock });
    const pairs: [OrderBookView, OrderBookView, number][] = [];
    await new Promise<void>((resolve, reject) =>
      combineLatest([
        feed.venue('binance').orderBook$('LINK/USDT', { depth: 3 }),
        feed.venue('huobi').orderBook$('LINK/USDT', { depth: 3 }),
      ]).subscribe({
        next: ([a, b]) => pairs.push([a, b, clock.now()]),
        error: reject,
        complete: resolve,
      }),
    );
    // 200 seconds on each venue, played once in time order: the first pair forms when Huobi's first book arrives
    // (second 0), then every later book of either venue emits one pair: 1 + 2 × 199 = 399.
    expect(pairs).toHaveLength(399);
    const [a0, b0, t0] = pairs[0] ?? [];
    expect(t0).toBe(start);
    expect(a0?.bids()).toEqual([
      [27.095, 988.45],
      [27.088, 215.284],
      [27.085, 195],
    ]);
    expect(b0?.asks()).toEqual([
      [27.1, 83.08],
      [27.1001, 32.18],
      [27.107, 6.01],
    ]);
    // Both books are at the clock's time whenever a pair is seen: the venues advance together.
    for (const [a, b, now] of pairs) expect(Math.max(a.recvTs, b.recvTs)).toBe(now);
    expect(clock.now()).toBe(start + 199_000);
  });

  it('rejects bad arguments with ValidationError', () => {
    const venue = replayVenue(tmp.path('any.ndjson'), { venue: 'binance', pacing: 'asap' });
    expect(() => venue.trades$('')).toThrow(ValidationError);
    expect(() => venue.candles$('BTC/USDT', '7m' as '1m')).toThrow(/timeframe/);
    expect(() => replayFeed(tmp.path('any.ndjson'), { pacing: 'asap' }).venue('')).toThrow(ValidationError);
  });
});
