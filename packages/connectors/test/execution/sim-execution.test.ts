import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BooksProvider,
  Executor,
  type ExecutorOptions,
  Journal,
  type Market,
  MarketCatalog,
  type Opportunity,
  type OrderBookView,
  parseMarket,
  parseOpportunity,
  readJournal,
  reconcile,
  recordBalances,
  VirtualClock,
} from '@arbot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type SimLatency, type SimVenue, simVenue } from '../../src/sim/index';
import { HandFedMarketData } from '../sim/hand-fed-market-data';

function market(venue: string): Market {
  return parseMarket({
    venue,
    symbol: 'BTC/USDT',
    id: 'BTCUSDT',
    base: 'BTC',
    quote: 'USDT',
    precision: { amount: '0.001', price: '0.01' },
    limits: { amount: { min: '0.001' }, cost: { min: '1' } },
    fees: { maker: '0.001', taker: '0.001' },
  });
}

function opportunity(id: string): Opportunity {
  return parseOpportunity({
    id,
    kind: 'spatial',
    detectedAt: 0,
    sources: [],
    legs: [
      { venue: 'alpha', symbol: 'BTC/USDT', side: 'buy', amount: '1', priceLimit: '100', expectedPrice: '100' },
      { venue: 'beta', symbol: 'BTC/USDT', side: 'sell', amount: '1', priceLimit: '101', expectedPrice: '101' },
    ],
    expected: { currency: 'USDT', gross: '1', fees: '0.2', net: '0.8', netBps: 80, notional: '100' },
  });
}

interface World {
  clock: VirtualClock;
  alpha: SimVenue;
  beta: SimVenue;
  catalog: MarketCatalog;
  journal: Journal;
  books: BooksProvider;
}

const opened: Journal[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((j) => j.close().catch(() => undefined)));
});

/**
 * Two simulated venues over hand-fed books. alpha: asks 100 × 1, 100.5 × 5, bids 99.9 × 5.
 * beta: bids 101 × `betaTop`, 100.8 × 5, asks 101.2 × 5. alpha holds 10,000 USDT; beta `betaBtc` BTC.
 */
async function world(o: { latency?: SimLatency; betaTop?: number; betaBtc?: string } = {}): Promise<World> {
  const clock = new VirtualClock(0);
  const dataA = new HandFedMarketData('alpha', [market('alpha')]);
  const dataB = new HandFedMarketData('beta', [market('beta')]);
  const latency = o.latency ?? { placement: { fixedMs: 20 }, fillReport: { fixedMs: 5 }, cancel: { fixedMs: 20 } };
  const common = { clock, symbols: ['BTC/USDT'], latency, valuationCurrency: 'USDT', startPrices: { BTC: '100' } };
  const alpha = simVenue(dataA, { ...common, markets: [market('alpha')], balances: { USDT: '10000' } });
  const beta = simVenue(dataB, { ...common, markets: [market('beta')], balances: { USDT: '0', BTC: o.betaBtc ?? '5' } });
  const views = new Map<string, OrderBookView>();
  // Subscribe through the venues first so their books are tracked, then show the levels.
  alpha.orderBook$('BTC/USDT').subscribe((v) => views.set('alpha', v));
  beta.orderBook$('BTC/USDT').subscribe((v) => views.set('beta', v));
  dataA.show(
    'BTC/USDT',
    [[99.9, 5]],
    [
      [100, 1],
      [100.5, 5],
    ],
  );
  dataB.show(
    'BTC/USDT',
    [
      [101, o.betaTop ?? 1],
      [100.8, 5],
    ],
    [[101.2, 5]],
  );
  const dir = await mkdtemp(join(tmpdir(), 'arbot-sim-exec-'));
  const journal = await Journal.open(join(dir, 'journal.ndjson'), { clock });
  opened.push(journal);
  await drive(clock, recordBalances(journal, [alpha, beta], { clock }), journal);
  return { clock, alpha, beta, catalog: new MarketCatalog([market('alpha'), market('beta')]), journal, books: (v) => views.get(v) };
}

function executor(w: World, extra: Partial<ExecutorOptions> = {}): Executor {
  return new Executor([w.alpha, w.beta], {
    clock: w.clock,
    catalog: w.catalog,
    journal: w.journal,
    books: w.books,
    placementTimeoutMs: 500,
    pollIntervalMs: 100,
    orderTimeoutMs: 2_000,
    resolveAttempts: 20,
    ...extra,
  });
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Runs virtual time until the promise settles, flushing the journal before each step. */
async function drive<T>(clock: VirtualClock, promise: Promise<T>, journal: Journal): Promise<T> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (let step = 0; step < 20_000 && !settled; step++) {
    for (let i = 0; i < 3; i++) {
      await journal.flush().catch(() => undefined);
      await tick();
    }
    if (settled) break;
    const next = clock.nextTimerAt();
    if (next === undefined) {
      // Only real I/O can still move things: wait for it (or for it to arm a timer).
      for (let i = 0; i < 400 && !settled && clock.nextTimerAt() === undefined; i++) await new Promise((r) => setTimeout(r, 5));
      if (!settled && clock.nextTimerAt() === undefined) throw new Error('drive: the promise is pending and no timer is left');
      continue;
    }
    clock.advanceTo(next);
  }
  return promise;
}

/** The venues' balances equal the journal's expectation, and no order of either venue is open. */
async function expectBooksBalance(w: World, journal: Journal = w.journal): Promise<void> {
  const check = await drive(
    w.clock,
    reconcile([w.alpha, w.beta], { journal, clock: w.clock, catalog: w.catalog, rebaseline: false }),
    journal,
  );
  expect(check.drift).toEqual([]);
  expect(check.unresolved).toEqual([]);
  expect(check.strays).toEqual([]);
  expect(check.unchecked).toEqual([]);
  expect(await w.alpha.fetchOpenOrders()).toEqual([]);
  expect(await w.beta.fetchOpenOrders()).toEqual([]);
}

describe('executor on the simulated venue', () => {
  it('both legs fill', async () => {
    const w = await world();
    const report = await drive(w.clock, executor(w).execute(opportunity('s-1')), w.journal);
    expect(report.status).toBe('filled');
    // The sim charges a buy's fee in the base: 0.001 BTC, valued at its fill price 100 = 0.1; the sell's 0.101 USDT.
    // PnL = 101 − 100 − 0.1 − 0.101 = 0.799.
    expect(report.fees.toString()).toBe('0.201');
    expect(report.realizedPnl.toString()).toBe('0.799');
    expect(w.alpha.ledger.balance('alpha', 'BTC').total.toString()).toBe('0.999');
    expect(w.beta.ledger.balance('beta', 'USDT').total.toString()).toBe('100.899');
    await expectBooksBalance(w);
  });

  it('one leg rejects (no BTC to sell on beta): completing is refused too, so the bought leg is unwound', async () => {
    const w = await world({ betaBtc: '0.5' });
    const report = await drive(w.clock, executor(w).execute(opportunity('s-2')), w.journal);
    expect(report.legs[1]?.orders[0]?.status).toBe('rejected');
    // Round 1 completes on beta (refused again: 0.5 BTC), round 2 unwinds: sell 0.999 BTC on alpha (what the buy
    // left after its 0.001 BTC fee, rounded down to the 0.001 step) at ≥ 100 × 0.995 = 99.5 → bid 99.9.
    expect(report.repairs.map((r) => [r.venue, r.side, r.orders[0]?.status])).toEqual([
      ['beta', 'sell', 'rejected'],
      ['alpha', 'sell', 'filled'],
    ]);
    expect(report.repairs[1]?.filled.toString()).toBe('0.999');
    expect(report.status).toBe('repaired');
    expect(report.residual).toEqual({});
    // Trades: −100 + 0.999 × 99.9 = −0.1999 USDT, +0.001 BTC valued at its cost 100 = +0.1; fees 0.1 + 0.0998001.
    // PnL = −0.0999 − 0.1998001 = −0.2997001
    expect(report.realizedPnl.toString()).toBe('-0.2997001');
    await expectBooksBalance(w);
  });

  it('one leg partially fills and the repair completes it from the book', async () => {
    const w = await world({ betaTop: 0.4 });
    const report = await drive(w.clock, executor(w).execute(opportunity('s-3')), w.journal);
    // Sell leg: IOC at ≥ 101 takes the 0.4 at 101 and expires. Completing sells 0.6 at ≥ 100.5 (101 × 0.995 rounded
    // up to the tick): the book's 100.8 bid fills it. Unwinding would sell on alpha at 99.9: completing wins.
    expect(report.legs[1]?.filled.toString()).toBe('0.4');
    expect(report.repairs.map((r) => [r.venue, r.side, r.filled.toString(), r.average?.toString()])).toEqual([
      ['beta', 'sell', '0.6', '100.8'],
    ]);
    expect(report.status).toBe('repaired');
    // 0.4 × 101 + 0.6 × 100.8 − 100 − fees (0.1 + 0.0404 + 0.06048) = 100.88 − 100 − 0.20088 = 0.67912
    expect(report.realizedPnl.toString()).toBe('0.67912');
    await expectBooksBalance(w);
  });

  it('a placement that times out is unknown until found by client order id', async () => {
    const w = await world({ latency: { placement: { fixedMs: 1_500 }, fillReport: { fixedMs: 5 } } });
    const report = await drive(w.clock, executor(w).execute(opportunity('s-4')), w.journal);
    expect(report.status).toBe('filled');
    await w.journal.flush();
    const entries = await readJournal(w.journal.path);
    expect(entries.filter((e) => e.type === 'decision' && (e.data as { action: string }).action === 'order-unknown')).toHaveLength(2);
    await expectBooksBalance(w);
  });

  it('a process killed mid-execution reconciles to the right balances on restart', async () => {
    const w = await world({ latency: { placement: { fixedMs: 50 }, fillReport: { fixedMs: 5 } } });
    const first = executor(w);
    void first.execute(opportunity('s-5'));
    // The orders are on their way (placement takes 50 ms): kill the process now, dropping all in-memory state.
    await drive(w.clock, new Promise<void>((resolve) => w.clock.scheduler.schedule(() => resolve(), 10)), w.journal);
    first.dispose();
    await w.journal.close();
    // The venues carry on without us: both orders arrive and fill.
    w.clock.advanceBy(1_000);
    const restarted = await Journal.open(w.journal.path, { clock: w.clock });
    opened.push(restarted);
    const result = await drive(
      w.clock,
      reconcile([w.alpha, w.beta], { journal: restarted, clock: w.clock, catalog: w.catalog }),
      restarted,
    );
    expect(result.interrupted).toEqual(['s-5']);
    expect(result.resolved.map((o) => [o.venue, o.status, o.filled.toString()])).toEqual([
      ['alpha', 'filled', '1'],
      ['beta', 'filled', '1'],
    ]);
    expect(result.drift).toEqual([]);
    expect(result.ok).toBe(true);
    // Expected from the journal: alpha 10000 − 100 USDT, +1 − 0.001 BTC; beta −1 BTC, +101 − 0.101 USDT.
    expect(result.expected.get('alpha')?.get('BTC')?.toString()).toBe('0.999');
    expect(result.expected.get('beta')?.get('USDT')?.toString()).toBe('100.899');
    const next = executor({ ...w, journal: restarted });
    next.rememberExecuted(result.executedOpportunityIds);
    expect((await next.execute(opportunity('s-5'))).reason).toBe('duplicate opportunity id');
    await expectBooksBalance(w, restarted);
  });
});
