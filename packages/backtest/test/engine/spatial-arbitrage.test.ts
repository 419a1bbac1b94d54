import { Decimal, executeOpportunities, type Opportunity } from '@arbot/core';
import { combineLatest, filter, map, take } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type BacktestContext, runBacktest, toJSON } from '../../src/index';
import { btcUsdt } from '../support/markets';
import { snapshot } from '../support/events';

/** Buys on a and sells on b once b's best bid exceeds a's best ask by more than 1, limits `limitSlack` worse than the touch. */
function spatialPipeline(limitSlack: number) {
  return (ctx: BacktestContext) =>
    combineLatest([ctx.venues.a?.orderBook$('BTC/USDT') ?? [], ctx.venues.b?.orderBook$('BTC/USDT') ?? []]).pipe(
      filter(([a, b]) => (b.bestBid ?? 0) - (a.bestAsk ?? Number.POSITIVE_INFINITY) > 1),
      take(1),
      map(
        ([a, b]): Opportunity => ({
          id: `arb-${ctx.clock.now()}`,
          kind: 'spatial',
          strategy: 'spatial-test',
          legs: [
            { venue: 'a', symbol: 'BTC/USDT', side: 'buy', amount: new Decimal(1), priceLimit: new Decimal((a.bestAsk ?? 0) + limitSlack), expectedPrice: new Decimal(a.bestAsk ?? 0) },
            { venue: 'b', symbol: 'BTC/USDT', side: 'sell', amount: new Decimal(1), priceLimit: new Decimal((b.bestBid ?? 0) - limitSlack), expectedPrice: new Decimal(b.bestBid ?? 0) },
          ],
          expected: { currency: 'USDT', gross: new Decimal(2), fees: new Decimal(0.2), net: new Decimal(1.8), netBps: 180, notional: new Decimal(100) },
          sources: [],
          detectedAt: ctx.clock.now(),
        }),
      ),
      ctx.tapOpportunities(),
      executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
    );
}

const feeds = () => [
  [snapshot('a', 1_000, 99, 100), snapshot('a', 3_000, 99.5, 100.5)],
  [snapshot('b', 1_000, 98, 99.5), snapshot('b', 2_000, 102, 103), snapshot('b', 2_030, 101.5, 103), snapshot('b', 3_000, 99, 101)],
];

const base = {
  markets: [btcUsdt('a'), btcUsdt('b')],
  balances: { a: { USDT: '1000' }, b: { BTC: '1' } },
  startPrices: { BTC: '100' },
  sampleEveryMs: 1_000,
};

describe('runBacktest: a spatial arbitrage through the simulated venues', () => {
  it('fills both legs at once without latency and accounts for every unit (hand-worked)', async () => {
    const result = await runBacktest({ ...base, feeds: feeds(), pipeline: spatialPipeline(0) });
    // Buy 1 @ 100 on a (fee 0.1 % in the BTC received: 0.001 BTC), sell 1 @ 102 on b (fee 0.102 USDT), both at t = 2000.
    expect(result.fills.map((f) => [f.fill.venue, f.fill.side, f.fill.price.toString(), f.fill.fee.amount.toString(), f.fill.fee.asset, f.fill.ts])).toEqual([
      ['a', 'buy', '100', '0.001', 'BTC', 2_000],
      ['b', 'sell', '102', '0.102', 'USDT', 2_000],
    ]);
    expect(result.fills.map((f) => [f.strategy, f.opportunityId])).toEqual([
      ['spatial-test', 'arb-2000'],
      ['spatial-test', 'arb-2000'],
    ]);
    // One closed round trip: 102 − 100 − 0.001 × 100 − 0.102 = 1.798
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({ status: 'closed', strategy: 'spatial-test', venues: ['a', 'b'] });
    expect(result.trades[0]?.pnl.toString()).toBe('1.798');
    // Equity: t=1000 before any data: 1000 USDT + 1 BTC × 100 (start price) = 1100.
    // t=2000 before the arbitrage: marks from the t=1000 books; both updated at 1000, b last: mid 98.75 → 1098.75.
    // End (t=3000): a 900 USDT + 0.999 BTC, b 101.898 USDT; BTC marked at b's mid 100 → 1101.798.
    expect(result.equity.map((p) => [p.ts, p.equity.toString()])).toEqual([
      [1_000, '1100'],
      [2_000, '1098.75'],
      [3_000, '1101.798'],
    ]);
    expect(result.metrics.pnl.toString()).toBe('1.798');
    expect(result.metrics.feesPaid.toString()).toBe('0.202');
    expect(result.balances.map((b) => `${b.venue} ${b.asset} ${b.free.toString()}`)).toEqual(['a BTC 0.999', 'a USDT 900', 'b USDT 101.898']);
    expect(result).toMatchObject({ from: 1_000, to: 3_000, events: 6, opportunities: 1, bookIssues: 0 });
    expect(result.reports.map((r) => r.status)).toEqual(['filled']);
  });

  it('matches each leg against the book current when it arrives after the placement latency', async () => {
    const result = await runBacktest({
      ...base,
      feeds: feeds(),
      venue: { latency: { placement: { fixedMs: 50 } } },
      pipeline: spatialPipeline(1),
    });
    // Placed at 2000, both reach the engines at 2050: a still asks 100; b's bid fell to 101.5 at 2030 (limit 101).
    expect(result.fills.map((f) => [f.fill.venue, f.fill.price.toString(), f.fill.ts])).toEqual([
      ['a', '100', 2_050],
      ['b', '101.5', 2_050],
    ]);
    // 101.5 − 100 − 0.1 − 0.1015 = 1.2985
    expect(result.trades[0]?.pnl.toString()).toBe('1.2985');
    expect(result.reports[0]).toMatchObject({ startedAt: 2_000, finishedAt: 2_050, status: 'filled' });
  });

  it('is deterministic: the same seed gives byte-identical JSON, another seed other latencies', async () => {
    const run = (seed: number) =>
      runBacktest({ ...base, feeds: feeds(), seed, venue: { latency: { placement: { fixedMs: 10, jitterMs: 40 } } }, pipeline: spatialPipeline(2) });
    const [first, again, other] = [await run(7), await run(7), await run(8)];
    expect(toJSON(again)).toBe(toJSON(first));
    expect(other.fills.map((f) => f.fill.ts)).not.toEqual(first.fills.map((f) => f.fill.ts));
  });
});
