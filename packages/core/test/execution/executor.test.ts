import { EventEmitter } from 'node:events';
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type BooksProvider,
  Decimal,
  type ExecutionReport,
  Executor,
  type ExecutorCommand,
  Journal,
  parseJournalRecord,
  readJournal,
  shutdownOnSignals,
  VirtualClock,
  verifyJournal,
} from '../../src/index';
import { bookView, btcUsdt, catalogOf, drive, spatial, tempJournalPath } from './helpers';
import { type Script, ScriptedVenue } from './scripted-venue';

interface Setup {
  clock: VirtualClock;
  alpha: ScriptedVenue;
  beta: ScriptedVenue;
  journal: Journal;
  executor: Executor;
}

async function setup(
  scripts: { alpha?: (cid: string) => Script; beta?: (cid: string) => Script } = {},
  extra: { books?: BooksProvider; commands$?: Subject<ExecutorCommand> } = {},
): Promise<Setup> {
  const clock = new VirtualClock(1_000);
  const alpha = new ScriptedVenue('alpha', clock, [btcUsdt('alpha')], { USDT: '10000', BTC: '0' }, scripts.alpha);
  const beta = new ScriptedVenue('beta', clock, [btcUsdt('beta')], { USDT: '0', BTC: '5' }, scripts.beta);
  // alpha sells at 100 (1 BTC) then 100.5; beta buys at 101 (1 BTC) then 100.8.
  alpha.setBook(
    'BTC/USDT',
    [['99.9', '5']],
    [
      ['100', '1'],
      ['100.5', '5'],
    ],
  );
  beta.setBook(
    'BTC/USDT',
    [
      ['101', '1'],
      ['100.8', '5'],
    ],
    [['101.2', '5']],
  );
  const journal = await Journal.open(await tempJournalPath(), { clock });
  opened.push(journal);
  const executor = new Executor([alpha, beta], {
    clock,
    catalog: catalogOf('alpha', 'beta'),
    journal,
    placementTimeoutMs: 500,
    pollIntervalMs: 200,
    orderTimeoutMs: 2_000,
    resolveAttempts: 3,
    ...(extra.books === undefined ? {} : { books: extra.books }),
    ...(extra.commands$ === undefined ? {} : { commands$: extra.commands$ }),
  });
  return { clock, alpha, beta, journal, executor };
}

const opened: Journal[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((j) => j.close().catch(() => undefined)));
});

const sum = (xs: readonly Decimal[]): Decimal => xs.reduce((s, x) => s.plus(x), new Decimal(0));

/** Every order the venues hold is in the report and the journal, in a terminal state. */
async function expectNothingForgotten(s: Setup, report: ExecutionReport): Promise<void> {
  await s.journal.flush();
  const records = (await readJournal(s.journal.path)).map(parseJournalRecord);
  const journaledCids = new Set(records.flatMap((r) => (r.type === 'order-sent' ? [r.data.clientOrderId] : [])));
  const reported = new Set([...report.legs, ...report.repairs].flatMap((l) => l.orders.map((o) => o.clientOrderId)));
  for (const venue of [s.alpha, s.beta]) {
    for (const order of venue.allOrders()) {
      expect(journaledCids.has(order.clientOrderId ?? '')).toBe(true);
      expect(reported.has(order.clientOrderId)).toBe(true);
      expect(['filled', 'canceled', 'expired', 'rejected']).toContain(order.status);
    }
  }
  expect((await verifyJournal(s.journal.path)).ok).toBe(true);
}

describe('Executor against a scripted venue', () => {
  it('both legs fill: status filled, PnL = proceeds − cost − fees', async () => {
    const s = await setup();
    const report = await drive(s.clock, s.executor.execute(spatial('op-1')), s.journal);
    expect(report.status).toBe('filled');
    expect(report.legs.map((l) => l.filled.toString())).toEqual(['1', '1']);
    // buy 1 @ 100 (fee 0.1), sell 1 @ 101 (fee 0.101): 101 − 100 − 0.201 = 0.799
    expect(report.fees.toString()).toBe('0.201');
    expect(report.realizedPnl.toString()).toBe('0.799');
    expect(report.residual).toEqual({});
    // Balances: alpha 10000 − 100 − 0.1 USDT, +1 BTC; beta +101 − 0.101 USDT, −1 BTC.
    expect(s.alpha.total('USDT').toString()).toBe('9899.9');
    expect(s.beta.total('USDT').toString()).toBe('100.899');
    expect(s.beta.total('BTC').toString()).toBe('4');
    // Legs are IOC limits at the price limits with deterministic client order ids.
    expect(s.alpha.requests[0]?.timeInForce).toBe('IOC');
    expect(s.alpha.requests[0]?.price?.toString()).toBe('100');
    expect(s.alpha.requests[0]?.clientOrderId).toMatch(/^arb-[0-9a-f]{16}-L0-0$/);
    await expectNothingForgotten(s, report);
  });

  it('one leg rejected: a repair completes the missing leg', async () => {
    const s = await setup({ beta: (cid) => (cid.includes('-L1-') ? { kind: 'reject' } : { kind: 'fill' }) });
    const report = await drive(s.clock, s.executor.execute(spatial('op-2')), s.journal);
    // Buy leg filled 1 @ 100; sell leg refused. Completing would sell on beta at ≥ 101 × 0.995 = 100.495 (the
    // scripted beta bids 101 × 1 then fill), unwinding sells on alpha at ≥ 100 × 0.995 = 99.5 (bid 99.9). Without
    // books the executor completes the planned trade: the repair sells 1 BTC on beta.
    expect(report.legs[1]?.orders[0]?.status).toBe('rejected');
    expect(report.repairs).toHaveLength(1);
    expect(report.repairs[0]?.venue).toBe('beta');
    expect(report.repairs[0]?.side).toBe('sell');
    expect(report.status).toBe('repaired');
    // repair sells 1 @ 101: same PnL as a clean execution
    expect(report.realizedPnl.toString()).toBe('0.799');
    await expectNothingForgotten(s, report);
  });

  it('one leg fills partially: the cheaper of completing and unwinding is chosen from the books', async () => {
    const books: BooksProvider = (venue) =>
      venue === 'alpha' ? bookView('alpha', [[99.9, 5]], [[100, 5]]) : bookView('beta', [[100.6, 5]], [[101.2, 5]]);
    const s = await setup({ beta: (cid) => (cid.includes('-L1-') ? { kind: 'partial', ratio: '0.4' } : { kind: 'fill' }) }, { books });
    // beta's scripted book after the partial: bids 101 × 0.6 left, 100.8 × 5.
    const report = await drive(s.clock, s.executor.execute(spatial('op-3')), s.journal);
    // Excess long 0.6 BTC. Books: completing sells 0.6 on beta at 100.6 = 60.36 (≥ its limit 101 × 0.995 =
    // 100.495), unwinding sells on alpha at 99.9 = 59.94; completing scores higher, so it sells 0.6 on beta
    // (the scripted book fills it at 101).
    expect(report.repairs.map((r) => [r.venue, r.side, r.requested.toString()])).toEqual([['beta', 'sell', '0.6']]);
    expect(report.status).toBe('repaired');
    expect(report.residual).toEqual({});
    // PnL: −100 − 0.1 + 0.4·101 − 0.0404 + 0.6·101 − 0.0606 = 0.799
    expect(report.realizedPnl.toString()).toBe('0.799');
    await expectNothingForgotten(s, report);
  });

  it('unwinds when the books make completing the more expensive repair', async () => {
    const books: BooksProvider = (venue) =>
      venue === 'alpha' ? bookView('alpha', [[99.9, 5]], [[100, 5]]) : bookView('beta', [[99.0, 5]], [[101.2, 5]]);
    const s = await setup({ beta: (cid) => (cid.includes('-L1-') ? { kind: 'partial', ratio: '0.4' } : { kind: 'fill' }) }, { books });
    const report = await drive(s.clock, s.executor.execute(spatial('op-3b')), s.journal);
    // Completing: beta's book bids 99.0 < limit 100.495 → infeasible; unwinding sells 0.6 on alpha at 99.9 ≥ 99.5.
    expect(report.repairs.map((r) => [r.venue, r.side, r.requested.toString()])).toEqual([['alpha', 'sell', '0.6']]);
    expect(report.repairs[0]?.filled.toString()).toBe('0.6');
    expect(report.status).toBe('repaired');
    // −100 − 0.1 + 0.4·101 − 0.0404 + 0.6·99.9 − 0.05994 = 0.13966
    expect(report.realizedPnl.toString()).toBe('0.13966');
    await expectNothingForgotten(s, report);
  });

  it('placement times out but the order exists: unknown, then resolved by client order id', async () => {
    const s = await setup({ alpha: () => ({ kind: 'slow-ack', ackDelayMs: 60_000 }) });
    s.alpha.silent = true; // no stream either: only the query by client order id can resolve it
    const report = await drive(s.clock, s.executor.execute(spatial('op-4')), s.journal);
    expect(report.status).toBe('filled');
    expect(report.legs[0]?.orders[0]?.id).toBe('alpha-1');
    const records = (await readJournal(s.journal.path)).map(parseJournalRecord);
    expect(records.some((r) => r.type === 'decision' && r.data.action === 'order-unknown')).toBe(true);
    // Fills were never seen on the stream: the remainder fill stands for them, fee from the order's fees.
    expect(report.legs[0]?.fills.map((f) => [f.id, f.amount.toString(), f.price.toString(), f.fee.amount.toString()])).toEqual([
      ['alpha-1:rest', '1', '100', '0.1'],
    ]);
    expect(report.realizedPnl.toString()).toBe('0.799');
    await expectNothingForgotten(s, report);
  });

  it('a placement that never reached the venue is declared absent after resolveAttempts queries', async () => {
    const s = await setup({ alpha: () => ({ kind: 'lost' }) });
    const report = await drive(s.clock, s.executor.execute(spatial('op-5')), s.journal);
    expect(report.legs[0]?.orders[0]?.status).toBe('rejected');
    expect(report.legs[0]?.orders[0]?.reason).toMatch(/not on the venue after 3 queries/);
    // The sell leg filled 1 @ 101; the buy never existed. Completing buys on alpha again with a fresh id — the
    // scripted alpha loses every order, so that repair is declared absent too; the next round does not retry a
    // refused plan and unwinds instead: buy 1 back on beta at 101.2 (≤ 101 × 1.005).
    expect(report.repairs.map((r) => [r.venue, r.side, r.orders[0]?.status, r.filled.toString()])).toEqual([
      ['alpha', 'buy', 'rejected', '0'],
      ['beta', 'buy', 'filled', '1'],
    ]);
    expect(report.status).toBe('repaired');
    expect(report.residual).toEqual({});
    // 101 − 101.2 − 0.101 − 0.1012 = −0.4022
    expect(report.realizedPnl.toString()).toBe('-0.4022');
  });

  it('refuses a second execution on a busy market, duplicates, unknown venues and bad legs', async () => {
    const s = await setup();
    const first = s.executor.execute(spatial('op-6'));
    const busy = await s.executor.execute(spatial('op-7'));
    expect(busy.status).toBe('rejected');
    expect(busy.reason).toMatch(/market busy/);
    await drive(s.clock, first, s.journal);
    expect((await s.executor.execute(spatial('op-6'))).reason).toBe('duplicate opportunity id');
    expect((await s.executor.execute(spatial('op-8', { sellVenue: 'gamma' }))).reason).toMatch(/unknown venue gamma/);
    // 0.005 BTC × 100 = 0.5 USDT < min notional 1
    expect((await s.executor.execute(spatial('op-9', { amount: '0.005' }))).reason).toMatch(/MIN_NOTIONAL/);
  });

  it('emergency stop cancels open orders and refuses new work; the kill switch command is obeyed once', async () => {
    const commands$ = new Subject<ExecutorCommand>();
    const s = await setup({ alpha: () => ({ kind: 'rest' }) }, { commands$ });
    const running = s.executor.execute(spatial('op-10'));
    await drive(s.clock, new Promise<void>((r) => s.clock.scheduler.schedule(() => r(), 50)), s.journal);
    commands$.next({ type: 'cancel-all', id: 'k-1', reason: 'drawdown', venues: 'all' });
    commands$.next({ type: 'cancel-all', id: 'k-1', reason: 'drawdown', venues: 'all' });
    const report = await drive(s.clock, running, s.journal);
    expect(s.executor.halted).toBe('drawdown');
    expect(s.alpha.allOrders().map((o) => o.status)).toEqual(['canceled']);
    expect(report.reason).toMatch(/repair skipped: halted/);
    expect((await s.executor.execute(spatial('op-11'))).reason).toBe('halted: drawdown');
    const halts = (await readJournal(s.journal.path)).map(parseJournalRecord).filter((r) => r.type === 'halt');
    expect(halts).toHaveLength(1);
  });

  it('flatten closes the residual left by a partial execution', async () => {
    const s = await setup({ beta: (cid) => (cid.includes('-L1-') ? { kind: 'partial', ratio: '0.4' } : { kind: 'fill' }) });
    const ex = new Executor([s.alpha, s.beta], {
      clock: s.clock,
      catalog: catalogOf('alpha', 'beta'),
      journal: s.journal,
      pollIntervalMs: 200,
      repair: { enabled: false },
    });
    const report = await drive(s.clock, ex.execute(spatial('op-12')), s.journal);
    expect(report.status).toBe('partial');
    expect(report.residual.BTC?.toString()).toBe('0.6');
    const stop = await drive(s.clock, ex.emergencyStop({ reason: 'operator', flatten: true }), s.journal);
    // Unwind: sell 0.6 on alpha at ≥ 100 × (1 − 0.02) = 98 → bids 99.9.
    expect(stop.flattened.map((o) => [o.venue, o.side, o.filled.toString(), o.status])).toEqual([['alpha', 'sell', '0.6', 'filled']]);
    expect(s.alpha.total('BTC').toString()).toBe('0.4');
  });

  it('graceful shutdown on an injected SIGTERM lets the execution finish and flushes the journal', async () => {
    const s = await setup();
    const target = new EventEmitter();
    const handle = shutdownOnSignals(s.executor, { timeoutMs: 10_000, target });
    const running = s.executor.execute(spatial('op-13'));
    target.emit('SIGTERM');
    expect(target.listenerCount('SIGTERM')).toBe(0);
    expect(target.listenerCount('SIGINT')).toBe(0);
    const { signal, summary } = await drive(s.clock, handle.done, s.journal);
    expect(signal).toBe('SIGTERM');
    expect(summary).toEqual({ completed: 1, timedOut: false, openOrders: 0 });
    expect((await running).status).toBe('filled');
    expect((await s.executor.execute(spatial('op-14'))).reason).toBe('halted: shutting down');
    const records = (await readJournal(s.journal.path)).map(parseJournalRecord);
    expect(records.filter((r) => r.type === 'halt').map((r) => r.data)).toEqual([{ reason: 'received SIGTERM', source: 'shutdown' }]);
  });

  it('polls fetchOrder when the order stream is silent', async () => {
    const s = await setup();
    s.alpha.silent = true;
    s.beta.silent = true;
    const report = await drive(s.clock, s.executor.execute(spatial('op-15')), s.journal);
    expect(report.status).toBe('filled');
    expect(sum(report.legs.map((l) => l.filled)).toString()).toBe('2');
  });
});
