import { describe, expect, it } from 'vitest';
import { runBacktest, toJSON } from '../../src/index';
import { base, feeds, spatialPipeline } from '../support/spatial';

describe('runBacktest: a spatial arbitrage through the simulated venues', () => {
  it('fills both legs at once without latency and accounts for every unit (hand-worked)', async () => {
    const result = await runBacktest({ ...base, feeds: feeds(), pipeline: spatialPipeline(0) });
    // Buy 1 @ 100 on a (fee 0.1 % in the BTC received: 0.001 BTC), sell 1 @ 102 on b (fee 0.102 USDT), both at t = 2000.
    expect(
      result.fills.map((f) => [
        f.fill.venue,
        f.fill.side,
        f.fill.price.toString(),
        f.fill.fee.amount.toString(),
        f.fill.fee.asset,
        f.fill.ts,
      ]),
    ).toEqual([
      ['a', 'buy', '100', '0.001', 'BTC', 2_000],
      ['b', 'sell', '102', '0.102', 'USDT', 2_000],
    ]);
    expect(result.fills.map((f) => [f.strategy, f.opportunityId])).toEqual([
      ['spatial-test', 'arb-2000'],
      ['spatial-test', 'arb-2000'],
    ]);
    // One closed round trip: 102 − 100 − 0.102 (USDT fee) − the 0.001 BTC fee bought back at the closing 102 = 1.796
    expect(result.trades).toHaveLength(1);
    expect(result.trades[0]).toMatchObject({ status: 'closed', strategy: 'spatial-test', venues: ['a', 'b'] });
    expect(result.trades[0]?.pnl.toString()).toBe('1.796');
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
    expect(result.balances.map((b) => `${b.venue} ${b.asset} ${b.free.toString()}`)).toEqual([
      'a BTC 0.999',
      'a USDT 900',
      'b USDT 101.898',
    ]);
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
    // 101.5 − 100 − 0.1015 (USDT fee) − 0.001 BTC fee bought back at the closing 101.5 (0.1015) = 1.297
    expect(result.trades[0]?.pnl.toString()).toBe('1.297');
    expect(result.reports[0]).toMatchObject({ startedAt: 2_000, finishedAt: 2_050, status: 'filled' });
  });

  it('is deterministic: the same seed gives byte-identical JSON, another seed other latencies', async () => {
    const run = (seed: number) =>
      runBacktest({
        ...base,
        feeds: feeds(),
        seed,
        venue: { latency: { placement: { fixedMs: 10, jitterMs: 40 } } },
        pipeline: spatialPipeline(2),
      });
    const [first, again, other] = [await run(7), await run(7), await run(8)];
    expect(toJSON(again)).toBe(toJSON(first));
    expect(other.fills.map((f) => f.fill.ts)).not.toEqual(first.fills.map((f) => f.fill.ts));
  });
});
