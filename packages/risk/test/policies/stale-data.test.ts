import { type Opportunity, type OrderBookView, VirtualClock } from '@arbot/core';
import { merge } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { riskGate, staleData } from '../../src/index';
import { quote } from '../support/books';
import { schedulerClock, testScheduler } from '../support/clock';
import { testCatalog } from '../support/markets';
import { spatial, stamp } from '../support/opportunities';

const markets = testCatalog();

describe('staleData', () => {
  it('approves inputs up to maxAgeMs old and rejects older ones with STALE_DATA', () => {
    const clock = new VirtualClock(1_000);
    const gate = riskGate([staleData({ maxAgeMs: 500 })], { clock, markets });
    const fresh = spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30100', sources: [stamp('binance', 900), stamp('okx', 500)] });
    expect(gate.evaluate(fresh).outcome).toBe('approved'); // ages 100 and 500 (inclusive)
    const stale = spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30100', sources: [stamp('binance', 900), stamp('okx', 499)] });
    expect(gate.evaluate(stale).rejection).toEqual({
      policy: 'staleData',
      code: 'STALE_DATA',
      details: { kind: 'source', venue: 'okx', symbol: 'BTC/USDT', ageMs: 501, maxAgeMs: 500 },
    });
  });

  it('rejects opportunities without sources unless told otherwise', () => {
    const clock = new VirtualClock(1_000);
    const bare = spatial({ id: 'bare', amount: '0.1', buyPrice: '30000', sellPrice: '30100' });
    expect(riskGate([staleData({ maxAgeMs: 500 })], { clock, markets }).evaluate(bare).rejection).toMatchObject({
      code: 'NO_SOURCE_DATA',
      details: { opportunityId: 'bare' },
    });
    expect(riskGate([staleData({ maxAgeMs: 500, requireSources: false })], { clock, markets }).evaluate(bare).outcome).toBe('approved');
  });

  it('never resizes: a resized opportunity is judged by the same sources', () => {
    const clock = new VirtualClock(1_000);
    const gate = riskGate(
      [{ name: 'half', evaluate: () => ({ action: 'resize', scale: 0.5, code: 'HALF', details: {} }) }, staleData({ maxAgeMs: 50 })],
      {
        clock,
        markets,
      },
    );
    const old = spatial({ amount: '0.2', buyPrice: '30000', sellPrice: '30100', sources: [stamp('binance', 900)] });
    expect(gate.evaluate(old).rejection?.code).toBe('STALE_DATA');
  });

  it('checks the latest books in virtual time (marbles): fresh, stale, refreshed', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      const clock = schedulerClock(scheduler);
      const views: Record<string, OrderBookView> = {
        a: quote('binance', 30_000, 0),
        b: quote('okx', 30_100, 0),
        c: quote('binance', 30_000, 10),
        d: quote('okx', 30_100, 10),
      };
      const books$ = merge(hot('a 9ms c', views), hot('b 9ms d', views));
      const ops: Record<string, Opportunity> = {
        x: spatial({ id: 'x', amount: '0.1', buyPrice: '30000', sellPrice: '30100' }),
        y: spatial({ id: 'y', amount: '0.1', buyPrice: '30000', sellPrice: '30100' }),
        z: spatial({ id: 'z', amount: '0.1', buyPrice: '30000', sellPrice: '30100' }),
      };
      const gate = riskGate([staleData({ maxAgeMs: 5, requireSources: false, checkBooks: true })], { clock, markets, books$ });
      const codes: string[] = [];
      gate.decisions$.subscribe((d) => codes.push(`${d.at}:${d.rejection?.code ?? d.outcome}`));
      // x at 3 ms (books 3 ms old), y at 7 ms (7 ms old), z at 12 ms (2 ms after the refresh).
      const out$ = hot('3ms x 3ms y 4ms z', ops).pipe(gate.operator);
      expectObservable(out$).toBe('3ms x 8ms z', ops);
      scheduler.flush();
      expect(codes).toEqual(['3:approved', '7:STALE_DATA', '12:approved']);
    });
  });

  it('rejects a leg without any book with MISSING_BOOK', () => {
    const clock = new VirtualClock(0);
    const gate = riskGate([staleData({ maxAgeMs: 5, requireSources: false, checkBooks: true })], { clock, markets, books$: merge() });
    expect(gate.evaluate(spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30100' })).rejection).toMatchObject({
      code: 'MISSING_BOOK',
      details: { venue: 'binance', symbol: 'BTC/USDT' },
    });
  });
});
