import {
  type BalanceSnapshot,
  BalanceSnapshotSchema,
  type ExecutionReport,
  parseExecutionReport,
  parseWith,
  ValidationError,
  VirtualClock,
} from '@arbot/core';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { inventoryLimits, riskGate } from '../../src/index';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();

function snapshot(venue: string, balances: Record<string, [free: string, locked: string]>): BalanceSnapshot {
  const rows = Object.entries(balances).map(([asset, [free, locked]]) => ({ venue, asset, free, locked }));
  return parseWith(BalanceSnapshotSchema, { venue, ts: 0, balances: rows }, 'balance snapshot');
}

function report(opportunityId: string): ExecutionReport {
  return parseExecutionReport({
    opportunityId,
    status: 'filled',
    legs: [],
    currency: 'USDT',
    realizedPnl: '0',
    fees: '0',
    startedAt: 0,
    finishedAt: 1,
  });
}

// Buy 0.5 BTC on binance at a 30 000 limit: 0.5 × 30 000 × (1 + 0.001 taker) = 15 015 USDT; sell 0.5 BTC on okx.
const op = (id: string) => spatial({ id, amount: '0.5', buyPrice: '30000', sellPrice: '30100' });

function setup(options: Parameters<typeof inventoryLimits>[0], usdt: [string, string] = ['20000', '0']) {
  const clock = new VirtualClock();
  const balances$ = new Subject<BalanceSnapshot>();
  const reports$ = new Subject<ExecutionReport>();
  const policy = inventoryLimits(options);
  const gate = riskGate([policy], { clock, markets, balances$, reports$ });
  gate.connect();
  balances$.next(snapshot('binance', { USDT: usdt }));
  balances$.next(snapshot('okx', { BTC: ['1', '0'] }));
  return { gate, policy, balances$, reports$ };
}

describe('inventoryLimits', () => {
  it('approves when every venue can pay its legs', () => {
    const { gate } = setup({});
    expect(gate.evaluate(op('a')).outcome).toBe('approved');
  });

  it('resizes to what is spendable after the reserve, with INSUFFICIENT_BALANCE', () => {
    const { gate } = setup({ reserve: { USDT: 10_000 } });
    // spendable 20 000 − 10 000 = 10 000 of 15 015 → scale 0.66600… → 0.5 × 0.666 = 0.333 on the 0.001 grid.
    const d = gate.evaluate(op('a'));
    expect(d.opportunity?.legs.map((l) => l.amount.toString())).toEqual(['0.333', '0.333']);
    expect(d.resizes[0]).toEqual({
      policy: 'inventoryLimits',
      code: 'INSUFFICIENT_BALANCE',
      scale: expect.closeTo(10_000 / 15_015, 12),
      details: { venue: 'binance', asset: 'USDT', needed: expect.closeTo(15_015, 9), available: 10_000, free: 20_000 },
    });
  });

  it('holds what approvals need until their report arrives', () => {
    const { gate, reports$, policy } = setup({});
    expect(gate.evaluate(op('a')).outcome).toBe('approved');
    expect(policy.inventory('binance')?.available.USDT).toBeCloseTo(4_985, 9);
    // 4 985 / 15 015 = 0.33200… → 0.5 × 0.332 = 0.166.
    expect(gate.evaluate(op('b')).opportunity?.legs[0]?.amount.toString()).toBe('0.166');
    reports$.next(report('a'));
    reports$.next(report('b'));
    expect(gate.evaluate(op('c')).outcome).toBe('approved');
  });

  it('keeps a fraction of the total (free + locked) as reserve', () => {
    // total 30 000 → reserve 15 000 → spendable 20 000 − 15 000 = 5 000 of 15 015.
    const { gate } = setup({ reserveRatio: 0.5 }, ['20000', '10000']);
    expect(gate.evaluate(op('a')).resizes[0]?.details).toMatchObject({ available: 5_000 });
  });

  it('rejects when nothing is spendable, and before a venue reports balances', () => {
    const { gate } = setup({ reserve: { USDT: 20_000 } });
    expect(gate.evaluate(op('a')).rejection).toMatchObject({ code: 'INSUFFICIENT_BALANCE', details: { asset: 'USDT', available: 0 } });
    const clock = new VirtualClock();
    const balances$ = new Subject<BalanceSnapshot>();
    const lonely = riskGate([inventoryLimits()], { clock, markets, balances$ });
    lonely.connect();
    balances$.next(snapshot('binance', { USDT: ['20000', '0'] }));
    expect(lonely.evaluate(op('x')).rejection).toEqual({
      policy: 'inventoryLimits',
      code: 'NO_BALANCE_DATA',
      details: { venue: 'okx', asset: 'BTC' },
    });
  });

  it('counts fees only when asked', () => {
    const { gate } = setup({ includeFees: false }, ['15000', '0']);
    expect(gate.evaluate(op('a')).outcome).toBe('approved'); // needs exactly 15 000
    const withFees = setup({}, ['15000', '0']).gate;
    expect(withFees.evaluate(op('a')).outcome).toBe('resized');
  });

  it('needs balances$ and validates its options', () => {
    expect(() => riskGate([inventoryLimits()], { clock: new VirtualClock(), markets })).toThrow(/balances\$/);
    expect(() => inventoryLimits({ reserveRatio: 2 })).toThrow(ValidationError);
  });
});
