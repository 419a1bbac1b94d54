import { Decimal } from '@arbot/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BacktestResult, runBacktest } from '../../src/index';
import { linkSpatialOptions } from '../support/link-spatial';

describe('runBacktest: spatial arbitrage on real LINK/USDT books (binance × huobi, 2 h)', () => {
  let result: BacktestResult;
  beforeAll(async () => {
    result = await runBacktest(linkSpatialOptions());
  }, 60_000);

  it('replays both venues through detector, risk gate, executor and simulated venues', () => {
    expect(result.eventsByStream.book).toBe(14_400);
    expect(result.bookIssues).toBe(0);
    expect(result.opportunities).toBeGreaterThan(0);
    expect(result.reports.length).toBeGreaterThan(0);
    expect(result.fills.length).toBeGreaterThan(0);
    // Every fill of every report is recorded and attributed to the detector's strategy.
    const reported = new Set(result.reports.flatMap((r) => [...r.legs, ...r.repairs].flatMap((l) => l.fills.map((f) => f.id))));
    expect(result.fills.filter((f) => reported.has(f.fill.id)).every((f) => f.strategy !== 'unattributed')).toBe(true);
    expect(new Set(result.fills.map((f) => f.fill.venue))).toEqual(new Set(['binance', 'huobi']));
  });

  it('ends with the balances the fills imply, computed independently of the ledger', () => {
    // Start balances plus every fill's flows: a buy adds base (less a base fee) and spends quote; a sell the reverse.
    const expected = new Map<string, Decimal>([
      ['binance LINK', new Decimal(80)],
      ['binance USDT', new Decimal(2000)],
      ['huobi LINK', new Decimal(80)],
      ['huobi USDT', new Decimal(2000)],
    ]);
    const add = (venue: string, asset: string, amount: Decimal) =>
      expected.set(`${venue} ${asset}`, (expected.get(`${venue} ${asset}`) ?? new Decimal(0)).plus(amount));
    for (const { fill } of result.fills) {
      const cost = fill.price.times(fill.amount);
      add(fill.venue, 'LINK', fill.side === 'buy' ? fill.amount : fill.amount.negated());
      add(fill.venue, 'USDT', fill.side === 'buy' ? cost.negated() : cost);
      add(fill.venue, fill.fee.asset, fill.fee.amount.negated());
    }
    const actual = new Map(result.balances.map((b) => [`${b.venue} ${b.asset}`, b.free.plus(b.locked)]));
    for (const [key, amount] of expected)
      expect(`${key} ${(actual.get(key) ?? new Decimal(0)).toString()}`).toBe(`${key} ${amount.toString()}`);
    // And the equity at the end is those balances at the final mark.
    const mark = result.marks.LINK ?? new Decimal(0);
    let equity = new Decimal(0);
    for (const [key, amount] of expected) equity = equity.plus(key.endsWith('LINK') ? amount.times(mark) : amount);
    expect(result.metrics.endEquity.toString()).toBe(equity.toString());
  });

  it('splits PnL by venue and by strategy consistently', () => {
    const sum = (rows: readonly { pnl: Decimal }[]) => rows.reduce((s, r) => s.plus(r.pnl), new Decimal(0));
    expect(sum(result.breakdown.byVenue).toString()).toBe(sum(result.breakdown.byStrategy).toString());
    expect(result.breakdown.byVenue.map((r) => r.key)).toEqual(['binance', 'huobi']);
    const fees = result.breakdown.byVenue.reduce((s, r) => s.plus(r.feesPaid), new Decimal(0));
    expect(fees.toString()).toBe(result.metrics.feesPaid.toString());
  });
});
