import { type Opportunity, type OrderBookView, ValidationError, VirtualClock } from '@arbot/core';
import { merge, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type AnomalyGuardOptions, anomalyGuard, riskGate } from '../../src/index';
import { bookView, quote } from '../support/books';
import { schedulerClock, testScheduler } from '../support/clock';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();
const op = (buyVenue = 'binance', sellVenue = 'okx') =>
  spatial({ amount: '0.1', buyVenue, sellVenue, buyPrice: '30000', sellPrice: '30100' });

function setup(options: AnomalyGuardOptions) {
  const clock = new VirtualClock();
  const books$ = new Subject<OrderBookView>();
  const gate = riskGate([anomalyGuard(options)], { clock, markets, books$ });
  gate.connect();
  return { clock, books$, gate };
}

describe('anomalyGuard', () => {
  it('rejects crossed and locked books', () => {
    const { books$, gate } = setup({});
    books$.next(quote('okx', 30_100, 0));
    // A real core OrderBook view left crossed (the book then asks for a resync).
    books$.next(bookView({ venue: 'binance', bids: [[30_001, 1]], asks: [[30_000, 1]] }));
    expect(gate.evaluate(op()).rejection).toEqual({
      policy: 'anomalyGuard',
      code: 'CROSSED_BOOK',
      details: { venue: 'binance', symbol: 'BTC/USDT', bestBid: 30_001, bestAsk: 30_000 },
    });
    books$.next(bookView({ venue: 'binance', bids: [[30_000, 1]], asks: [[30_000, 1]] }));
    expect(gate.evaluate(op()).rejection?.code).toBe('LOCKED_BOOK');
    books$.next(quote('binance', 30_000, 0));
    expect(gate.evaluate(op()).outcome).toBe('approved');
  });

  it('rejects a flash crash while the move is inside the window, then recovers (marbles)', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      const clock = schedulerClock(scheduler);
      const views: Record<string, OrderBookView> = {
        a: quote('binance', 100, 0, 0.02),
        b: quote('binance', 96, 2, 0.02),
        o: quote('okx', 100, 0, 0.02),
      };
      const books$ = merge(hot('a 1ms b', views), hot('o', views));
      const ops: Record<string, Opportunity> = { x: op(), y: op() };
      const gate = riskGate([anomalyGuard({ flashCrash: { maxMovePct: 3, windowMs: 10 } })], { clock, markets, books$ });
      const details: unknown[] = [];
      gate.decisions$.subscribe((d) => details.push(d.rejection?.details ?? d.outcome));
      // At 5 ms the window [−5, 5] holds mids 100 and 96: range 4 / 100 = 4 % > 3 %.
      // At 11 ms the window [1, 11] holds only 96: no move.
      expectObservable(hot('5ms x 5ms y', ops).pipe(gate.operator)).toBe('11ms y', ops);
      scheduler.flush();
      expect(details).toEqual([
        { venue: 'binance', symbol: 'BTC/USDT', high: 100, low: 96, movePct: 4, maxMovePct: 3, windowMs: 10 },
        'approved',
      ]);
    });
  });

  it('rejects a spread whose z-score against its history exceeds maxZScore', () => {
    // History: 15 spreads of 1 bp and 15 of 3 bp at mid 10 000 → mean 2, sample σ = √(30 / 29) = 1.017095.
    // A spread of 8 bp: z = (8 − 2) / 1.017095 = 5.8992 > 5. A spread of 6 bp: z = 4 / 1.017095 = 3.9328.
    const feed = (last: number) => {
      const { books$, gate } = setup({ abnormalSpread: { maxZScore: 5, window: 30, minSamples: 30 } });
      books$.next(quote('okx', 10_000, 0, 1));
      for (let i = 0; i < 30; i++) books$.next(quote('binance', 10_000, i, i % 2 === 0 ? 1 : 3));
      books$.next(quote('binance', 10_000, 30, last));
      return gate.evaluate(op());
    };
    const wide = feed(8);
    expect(wide.rejection?.code).toBe('ABNORMAL_SPREAD');
    expect(wide.rejection?.details).toMatchObject({ venue: 'binance', spreadBps: 8, meanBps: expect.closeTo(2, 9), maxZScore: 5 });
    expect(wide.rejection?.details.z).toBeCloseTo(6 / Math.sqrt(30 / 29), 9);
    expect(wide.rejection?.details.stdBps).toBeCloseTo(Math.sqrt(30 / 29), 9);
    expect(feed(6).outcome).toBe('approved');
  });

  it('does not judge spreads before minSamples', () => {
    const { books$, gate } = setup({ abnormalSpread: { maxZScore: 1, window: 30, minSamples: 30 } });
    books$.next(quote('okx', 10_000, 0, 1));
    for (let i = 0; i < 29; i++) books$.next(quote('binance', 10_000, i, 1));
    books$.next(quote('binance', 10_000, 29, 50));
    expect(gate.evaluate(op()).outcome).toBe('approved');
  });

  it('rejects a venue whose mid strays from the cross-venue median', () => {
    const { books$, gate } = setup({ priceDeviation: { maxDeviationPct: 1 } });
    books$.next(quote('binance', 30_000, 0));
    books$.next(quote('okx', 30_010, 0));
    expect(gate.evaluate(op('okx', 'binance')).outcome).toBe('approved'); // only 2 venues: not judged
    books$.next(quote('kraken', 30_400, 0));
    // median of 30 000, 30 010, 30 400 = 30 010; kraken: 390 / 30 010 = 1.2996 % > 1 %.
    const d = gate.evaluate(op('okx', 'kraken'));
    expect(d.rejection?.code).toBe('PRICE_DEVIATION');
    expect(d.rejection?.details).toMatchObject({ venue: 'kraken', mid: 30_400, median: 30_010, venues: 3, maxDeviationPct: 1 });
    expect(d.rejection?.details.deviationPct).toBeCloseTo((390 / 30_010) * 100, 9);
    expect(gate.evaluate(op('binance', 'okx')).outcome).toBe('approved'); // 10 / 30 010 = 0.033 %
  });

  it('rejects legs without a book, never resizes, and validates its options', () => {
    const { books$, gate } = setup({ crossedBooks: true });
    books$.next(quote('binance', 30_000, 0));
    expect(gate.evaluate(op()).rejection).toMatchObject({ code: 'MISSING_BOOK', details: { venue: 'okx' } });
    books$.next(quote('okx', 30_100, 0));
    expect(gate.evaluate(op()).outcome).toBe('approved');
    expect(() => anomalyGuard({ crossedBooks: false })).toThrow(ValidationError);
    expect(() => anomalyGuard({ flashCrash: { maxMovePct: -1, windowMs: 10 } })).toThrow(ValidationError);
  });
});
