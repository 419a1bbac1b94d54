import {
  books,
  type Candle,
  Decimal,
  executeOpportunities,
  isMultipleOfStep,
  type Market,
  type Opportunity,
  parseMarket,
} from '@arbot/core';
import { detectTriangularArbitrage } from '@arbot/strategies';
import fc from 'fast-check';
import { ignoreElements, merge, tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { runBacktest } from '../../src/index';
import { HOUR } from '../support/wave-backtest';

const spot = (symbol: string, price: string, amount: string): Market => {
  const [base = '', quote = ''] = symbol.split('/');
  return parseMarket({
    venue: 'sim',
    symbol,
    id: `${base}${quote}`,
    base,
    quote,
    precision: { amount, price },
    limits: {},
    fees: { maker: '0', taker: '0' },
  });
};

const closed = (symbol: string, close: number, volume: number, i = 0): Candle => ({
  venue: 'sim',
  symbol,
  timeframe: '1h',
  ts: i * HOUR,
  recvTs: (i + 1) * HOUR,
  open: close,
  high: close,
  low: close,
  close,
  volume,
  closed: true,
});

/** The top of every book the venue's `orderBook$` shows while `candles` replay with `candleBooks`. */
async function booksSeen(
  market: Market,
  candles: Candle[],
  candleBooks: { spreadBps: number; size?: number },
): Promise<{ bid: number; bidSize: number; ask: number; askSize: number }[]> {
  const seen: { bid: number; bidSize: number; ask: number; askSize: number }[] = [];
  await runBacktest({
    feeds: [candles],
    markets: [market],
    balances: { sim: { [market.quote]: '1' } },
    startPrices: { [market.base]: '1' },
    valuationCurrency: market.quote,
    candleBooks,
    pipeline: (ctx) =>
      (ctx.venues.sim?.orderBook$(market.symbol) ?? merge()).pipe(
        tap((view) => {
          seen.push({ bid: view.bidPrice(0), bidSize: view.bidAmount(0), ask: view.askPrice(0), askSize: view.askAmount(0) });
        }),
        ignoreElements(),
      ),
  });
  return seen;
}

describe('runBacktest candleBooks: one-level books on the market grid', () => {
  it('rounds the bid down and the ask up to the tick, and the depth down to the amount step', async () => {
    const market = spot('ETH/USDT', '0.01', '0.001');
    const seen = await booksSeen(market, [closed('ETH/USDT', 123.456, 2.34567), closed('ETH/USDT', 100, 0.0004, 1)], {
      spreadBps: 10,
    });
    // Half spread 10 / 20000 = 0.0005.
    // 123.456 × 0.9995 = 123.394272 → down to 123.39; 123.456 × 1.0005 = 123.517728 → up to 123.52; 2.34567 → 2.345.
    // 100 × 0.9995 = 99.95, 100 × 1.0005 = 100.05 (already ticks); volume 0.0004 < one step → one step, 0.001.
    expect(seen).toEqual([
      { bid: 123.39, bidSize: 2.345, ask: 123.52, askSize: 2.345 },
      { bid: 99.95, bidSize: 0.001, ask: 100.05, askSize: 0.001 },
    ]);
  });

  it('keeps the ask at least one tick above the bid when the spread is below float precision', async () => {
    // 100 × (1 ∓ 5e-17) is exactly 100 in float64: bid 100 (on the grid), ask one tick up.
    const seen = await booksSeen(spot('ETH/USDT', '0.01', '0.001'), [closed('ETH/USDT', 100, 5)], { spreadBps: 1e-12, size: 3.0009 });
    expect(seen).toEqual([{ bid: 100, bidSize: 3, ask: 100.01, askSize: 3 }]);
  });

  it('holds for any close, spread, volume and steps: on the grid, ask > bid, at most one tick outside the raw quotes', async () => {
    const steps = fc.constantFrom('1', '0.5', '0.01', '0.0025', '0.0000001');
    await fc.assert(
      fc.asyncProperty(
        fc.double({ min: 0.001, max: 1e6, noNaN: true }),
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        steps,
        steps,
        async (close, spreadBps, volume, tick, lot) => {
          const market = spot('X/USDT', tick, lot);
          const [book] = await booksSeen(market, [closed('X/USDT', close, volume)], { spreadBps });
          if (book === undefined) throw new Error('no book');
          const half = spreadBps / 20_000;
          const [rawBid, rawAsk] = [new Decimal(close * (1 - half)), new Decimal(close * (1 + half))];
          expect(isMultipleOfStep(book.ask, tick)).toBe(true);
          expect(new Decimal(book.ask).gte(rawAsk) && new Decimal(book.ask).minus(rawAsk).lt(tick)).toBe(true);
          // A bid that would round to 0 leaves the bid side empty (NaN at level 0) rather than quoting 0.
          if (rawBid.gte(tick)) {
            expect(isMultipleOfStep(book.bid, tick)).toBe(true);
            expect(book.ask).toBeGreaterThan(book.bid);
            expect(new Decimal(book.bid).lte(rawBid) && rawBid.minus(book.bid).lt(tick)).toBe(true);
          } else expect(Number.isNaN(book.bid)).toBe(true);
          expect(isMultipleOfStep(book.askSize, lot)).toBe(true);
          expect(book.askSize).toBe(Math.max(new Decimal(volume).div(lot).floor().times(lot).toNumber(), Number(lot)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lets detectTriangularArbitrage trade a triangle on candle-only data', async () => {
    const btcUsdt = spot('BTC/USDT', '0.01', '0.00001');
    const solBtc = spot('SOL/BTC', '0.0000001', '0.001');
    const solUsdt = spot('SOL/USDT', '0.01', '0.001');
    const found: Opportunity[] = [];
    const result = await runBacktest({
      // Two hours of the same closes: the second hour must not be what lets the first hour's orders go out.
      feeds: [
        [closed('BTC/USDT', 100_000, 1_000), closed('BTC/USDT', 100_000, 1_000, 1)],
        [closed('SOL/BTC', 0.0015, 1_000), closed('SOL/BTC', 0.0015, 1_000, 1)],
        [closed('SOL/USDT', 160, 1_000), closed('SOL/USDT', 160, 1_000, 1)],
      ],
      markets: [btcUsdt, solBtc, solUsdt],
      balances: { sim: { USDT: '1000', BTC: '0.01', SOL: '10' } },
      startPrices: { BTC: '100000', SOL: '160' },
      candleBooks: { spreadBps: 2 },
      pipeline: (ctx) => {
        const sim = ctx.venues.sim;
        if (sim === undefined) throw new Error('no venue sim');
        return merge(sim.orderBook$('BTC/USDT'), sim.orderBook$('SOL/BTC'), sim.orderBook$('SOL/USDT')).pipe(
          books(),
          detectTriangularArbitrage({ markets: ctx.catalog, clock: ctx.clock, start: 'USDT', maxNotional: '100' }),
          tap((opportunity) => found.push(opportunity)),
          executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
        );
      },
    });
    // Half spread 1 bp. BTC/USDT ask 100000 × 1.0001 = 100010 (a tick already); SOL/BTC ask
    // 0.0015 × 1.0001 = 0.00150015 → up to 0.0015002; SOL/USDT bid 160 × 0.9999 = 159.984 → down to 159.98.
    // USDT → BTC → SOL → USDT: a SOL costs 0.0015002 × 100010 ≈ 150.04 USDT and sells for 159.98, ≈ +6.6 %.
    expect(found.length).toBeGreaterThan(0);
    const first = found[0];
    expect(first?.legs.map((l) => [l.symbol, l.side, l.priceLimit.toString()])).toEqual([
      ['BTC/USDT', 'buy', '100010'],
      ['SOL/BTC', 'buy', '0.0015002'],
      ['SOL/USDT', 'sell', '159.98'],
    ]);
    expect(result.reports.map((r) => r.status)).toEqual(found.map(() => 'filled'));
    const firstReport = result.reports[0];
    expect(firstReport?.realizedPnl.gt(0)).toBe(true);
    // Detected when the first hour's candles closed (recvTs = 1 h), and traded at once (no latency is set).
    expect(firstReport?.startedAt).toBe(HOUR);
    expect(firstReport?.legs.flatMap((l) => l.fills.map((f) => f.ts))).toEqual([HOUR, HOUR, HOUR]);
  });
});
