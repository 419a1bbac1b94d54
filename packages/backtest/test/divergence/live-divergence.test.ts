import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Journal, parseFill, VirtualClock } from '@arbot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BacktestResult, divergenceSummary, liveDivergence, readLiveFills, runBacktest } from '../../src/index';
import { base, feeds, spatialPipeline } from '../support/spatial';

const dir = mkdtempSync(join(tmpdir(), 'arbot-divergence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const liveFill = (id: string, venue: string, side: 'buy' | 'sell', price: string, amount: string, fee: [string, string], ts: number) =>
  parseFill({
    id,
    orderId: `o-${id}`,
    venue,
    symbol: 'BTC/USDT',
    side,
    price,
    amount,
    fee: { asset: fee[0], amount: fee[1] },
    liquidity: 'taker',
    ts,
  });

/** What "live" did in the same period, as its executor journaled it. */
async function writeLiveJournal(path: string): Promise<void> {
  const journal = await Journal.open(path, { clock: new VirtualClock(2_000), durability: 'os-buffer' });
  await journal.append({ type: 'halt', data: { reason: 'unrelated record', source: 'test' } });
  // L1: the buy, 30 ms later than the backtest and 0.1 dearer.
  await journal.append({
    type: 'fill',
    data: { opportunityId: 'arb-2000', fill: liveFill('L1', 'a', 'buy', '100.1', '1', ['BTC', '0.001'], 2_030) },
  });
  // L2: only half of the sell at 102; L3: the other half much later at 101.
  await journal.append({
    type: 'fill',
    data: { opportunityId: 'arb-2000', fill: liveFill('L2', 'b', 'sell', '102', '0.5', ['USDT', '0.051'], 2_040) },
  });
  await journal.append({ type: 'fill', data: { fill: liveFill('L3', 'b', 'sell', '101', '0.5', ['USDT', '0.0505'], 9_000) } });
  await journal.close();
}

describe('liveDivergence', () => {
  let backtest: BacktestResult;
  beforeAll(async () => {
    // The backtest of the same period: buy 1 @ 100 on a and sell 1 @ 102 on b, both at t = 2000.
    backtest = await runBacktest({ ...base, feeds: feeds(), pipeline: spatialPipeline(0) });
    await writeLiveJournal(join(dir, 'journal.ndjson'));
  }, 30_000);

  it('pairs fills, measures their differences and finds the fills only one side has', async () => {
    const live = await readLiveFills(join(dir, 'journal.ndjson'));
    expect(live.map((l) => [l.fill.id, l.opportunityId])).toEqual([
      ['L1', 'arb-2000'],
      ['L2', 'arb-2000'],
      ['L3', undefined],
    ]);
    const report = liveDivergence({ live, backtest });
    expect(report.matched.map((m) => [m.live.id, m.backtest.venue, m.lagMs, m.amountDiff.toString(), m.divergent])).toEqual([
      ['L1', 'a', -30, '0', true],
      ['L2', 'b', -40, '0.5', true],
    ]);
    // (100 − 100.1) / 100.1 × 10,000 = −9.99001 bps; (102 − 102) / 102 = 0
    expect(report.matched[0]?.priceDiffBps).toBeCloseTo(-9.99001, 5);
    expect(report.matched[1]?.priceDiffBps).toBe(0);
    expect(report.liveOnly.map((f) => f.id)).toEqual(['L3']); // the backtest's sell on b is already paired with L2
    expect(report.backtestOnly).toEqual([]);
    // Both pairs diverge at the backtest's t = 2000, the price one (a) first.
    expect(report.firstDivergence).toMatchObject({ ts: 2_000, reason: 'price' });
  });

  it('follows both PnL paths at a common reference price (hand-worked)', async () => {
    const report = liveDivergence({ live: await readLiveFills(join(dir, 'journal.ndjson')), backtest });
    // Backtest at 2000: −100 − 0.1 (0.001 BTC fee at 100) + 102 − 0.102, flat → 1.798.
    // Live at 2030: −100.1 − 0.1001 + 1 BTC × 100.1 (latest BTC/USDT fill price) = −0.1001.
    // Live at 2040: + 51 − 0.051, position 0.5 × 102 → −100.1 − 0.1001 + 51 − 0.051 + 51 = 1.7489.
    // Live at 9000: + 50.5 − 0.0505, flat → 1.1984.
    expect(report.pnl.map((p) => [p.ts, p.live.toString(), p.backtest.toString(), p.diff.toString()])).toEqual([
      [2_000, '0', '1.798', '-1.798'],
      [2_030, '-0.1001', '1.798', '-1.8981'],
      [2_040, '1.7489', '1.798', '-0.0491'],
      [9_000, '1.1984', '1.798', '-0.5996'],
    ]);
    expect(report.summary).toMatchObject({
      liveFills: 3,
      backtestFills: 2,
      matched: 2,
      divergentMatches: 2,
      liveOnly: 1,
      backtestOnly: 0,
      meanLagMs: -35,
    });
    expect(report.summary.pnlDiff.toString()).toBe('-0.5996');
    expect(divergenceSummary(report)).toContain('first divergence at 1970-01-01T00:00:02.000Z: price');
  });

  it('reports nothing when live did exactly what the backtest did', () => {
    const same = backtest.fills.map((f) => ({ fill: f.fill, opportunityId: f.opportunityId }));
    const report = liveDivergence({ live: same, backtest });
    expect(report.firstDivergence).toBeUndefined();
    expect(report.summary).toMatchObject({ matched: 2, divergentMatches: 0, liveOnly: 0, backtestOnly: 0, meanLagMs: 0 });
    expect(report.summary.pnlDiff.toString()).toBe('0');
    expect(divergenceSummary(report)).toContain('no divergence');
  });

  it('finds backtest-only fills beyond the time tolerance', () => {
    const late = backtest.fills.map((f) => ({ fill: { ...f.fill, ts: f.fill.ts + 10_000 } }));
    const report = liveDivergence({ live: late, backtest, options: { toleranceMs: 1_000 } });
    expect(report.summary).toMatchObject({ matched: 0, liveOnly: 2, backtestOnly: 2 });
    expect(report.firstDivergence).toMatchObject({ ts: 2_000, reason: 'backtest-only' });
  });
});
