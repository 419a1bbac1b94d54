import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Executor,
  type ExecutorOptions,
  Journal,
  MarketCatalog,
  type Opportunity,
  parseJournalRecord,
  parseOpportunity,
  readJournal,
  reconcile,
  recordBalances,
  systemClock,
  type TradingVenue,
} from '@arbot/core';
import type { Exchange } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { type CcxtVenue, ccxtVenue } from '../../src/ccxt/index';
import { createCcxtExchangeForFake, type FakeExchange, startFakeExchange } from '../../src/testing/index';
import { HoldingProxy } from './holding-proxy';

interface Side {
  fake: FakeExchange;
  proxy: HoldingProxy;
  exchange: Exchange;
  ccxt: CcxtVenue;
  venue: TradingVenue;
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => undefined);
});

async function side(id: string, balances: Record<string, string>, bids: [number, number][], asks: [number, number][]): Promise<Side> {
  const fake = await startFakeExchange({ balances });
  cleanup.push(() => fake.close());
  fake.setBook('BTC/USDT', { bids, asks });
  const proxy = await HoldingProxy.start(fake.port);
  cleanup.push(() => proxy.close());
  const exchange = await createCcxtExchangeForFake('binance', proxy, { enableRateLimit: false, timeout: 3_000 });
  const ccxt = ccxtVenue(exchange, { id });
  cleanup.push(() => ccxt.close());
  return { fake, proxy, exchange, ccxt, venue: ccxt };
}

interface World {
  alpha: Side;
  beta: Side;
  catalog: MarketCatalog;
  journal: Journal;
}

async function world(o: { betaTop?: number; betaBtc?: string } = {}): Promise<World> {
  const alpha = await side(
    'alpha',
    { USDT: '10000' },
    [[99.9, 5]],
    [
      [100, 1],
      [100.5, 5],
    ],
  );
  const beta = await side(
    'beta',
    { BTC: o.betaBtc ?? '5' },
    [
      [101, o.betaTop ?? 1],
      [100.8, 5],
    ],
    [[101.2, 5]],
  );
  const catalog = new MarketCatalog([...(await alpha.ccxt.markets()), ...(await beta.ccxt.markets())]);
  const journal = await Journal.open(join(await mkdtemp(join(tmpdir(), 'arbot-ccxt-exec-')), 'journal.ndjson'));
  cleanup.push(() => journal.close());
  await recordBalances(journal, [alpha.venue, beta.venue], { clock: systemClock });
  return { alpha, beta, catalog, journal };
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

function executor(w: World, extra: Partial<ExecutorOptions> = {}): Executor {
  const executor = new Executor([w.alpha.venue, w.beta.venue], {
    clock: systemClock,
    catalog: w.catalog,
    journal: w.journal,
    placementTimeoutMs: 1_000,
    pollIntervalMs: 100,
    orderTimeoutMs: 3_000,
    resolveAttempts: 5,
    ...extra,
  });
  cleanup.push(async () => executor.dispose());
  return executor;
}

/** The venues' balances equal the journal's expectation and no order is left open. */
async function expectBooksBalance(w: World, journal: Journal = w.journal): Promise<void> {
  const check = await reconcile([w.alpha.venue, w.beta.venue], { journal, clock: systemClock, catalog: w.catalog, rebaseline: false });
  expect(check.drift.map((d) => `${d.venue} ${d.asset} ${d.diff.toString()}`)).toEqual([]);
  expect(check.unresolved).toEqual([]);
  expect(check.strays).toEqual([]);
  expect(check.unchecked).toEqual([]);
  expect(w.alpha.fake.orders().filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED')).toEqual([]);
  expect(w.beta.fake.orders().filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED')).toEqual([]);
}

describe('executor on real ccxt over the fake exchange', { timeout: 20_000 }, () => {
  it('both legs fill', async () => {
    const w = await world();
    const report = await executor(w).execute(opportunity('c-1'));
    expect(report.status).toBe('filled');
    expect(report.legs.map((l) => [l.filled.toString(), l.average?.toString()])).toEqual([
      ['1', '100'],
      ['1', '101'],
    ]);
    // 101 − 100 − fees of 0.1 % on each side (0.1 + 0.101) = 0.799
    expect(report.fees.toString()).toBe('0.201');
    expect(report.realizedPnl.toString()).toBe('0.799');
    await expectBooksBalance(w);
  });

  it('one leg rejects: completing is refused again, so the bought leg is unwound', async () => {
    const w = await world({ betaBtc: '0.5' });
    const report = await executor(w).execute(opportunity('c-2'));
    expect(report.legs[1]?.orders[0]?.status).toBe('rejected');
    expect(report.repairs.map((r) => [r.venue, r.side, r.orders[0]?.status])).toEqual([
      ['beta', 'sell', 'rejected'],
      ['alpha', 'sell', 'filled'],
    ]);
    expect(report.status).toBe('repaired');
    expect(report.residual).toEqual({});
    await expectBooksBalance(w);
  });

  it('one leg partially fills and the repair completes it', async () => {
    const w = await world({ betaTop: 0.4 });
    const report = await executor(w).execute(opportunity('c-3'));
    expect(report.legs[1]?.filled.toString()).toBe('0.4');
    expect(report.repairs.map((r) => [r.venue, r.side, r.filled.toString(), r.average?.toString()])).toEqual([
      ['beta', 'sell', '0.6', '100.8'],
    ]);
    expect(report.status).toBe('repaired');
    // 0.4 × 101 + 0.6 × 100.8 − 100 − 0.1 % fees (0.1 + 0.0404 + 0.06048) = 0.67912
    expect(report.realizedPnl.toString()).toBe('0.67912');
    await expectBooksBalance(w);
  });

  it('placement times out but the order exists: unknown, then resolved by client order id', async () => {
    const w = await world();
    w.alpha.proxy.holdOrders = true;
    const report = await executor(w, { placementTimeoutMs: 300 }).execute(opportunity('c-4'));
    expect(w.alpha.proxy.held).toBeGreaterThan(0);
    expect(report.status).toBe('filled');
    const records = (await readJournal(w.journal.path)).map(parseJournalRecord);
    expect(records.some((r) => r.type === 'decision' && r.data.action === 'order-unknown')).toBe(true);
    await expectBooksBalance(w);
  });

  it('a process killed mid-execution reconciles to the right balances on restart', async () => {
    const w = await world();
    // The answers to both orders never arrive: the process dies with both orders placed and unknown.
    w.alpha.proxy.holdOrders = true;
    w.beta.proxy.holdOrders = true;
    const first = executor(w, { placementTimeoutMs: 60_000 });
    void first.execute(opportunity('c-5'));
    while (w.alpha.proxy.held + w.beta.proxy.held < 2) await new Promise((r) => setTimeout(r, 10));
    first.dispose();
    await w.journal.close();
    w.alpha.proxy.holdOrders = false;
    w.beta.proxy.holdOrders = false;

    const restarted = await Journal.open(w.journal.path);
    cleanup.push(() => restarted.close());
    const result = await reconcile([w.alpha.venue, w.beta.venue], { journal: restarted, clock: systemClock, catalog: w.catalog });
    expect(result.interrupted).toEqual(['c-5']);
    expect(result.resolved.map((o) => [o.venue, o.status, o.filled.toString()])).toEqual([
      ['alpha', 'filled', '1'],
      ['beta', 'filled', '1'],
    ]);
    expect(result.drift).toEqual([]);
    expect(result.ok).toBe(true);
    await expectBooksBalance(w, restarted);
  });
});
