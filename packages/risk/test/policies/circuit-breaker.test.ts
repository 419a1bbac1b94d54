import { type ExecutionReport, type Opportunity, parseExecutionReport, ValidationError, VirtualClock } from '@arbot/core';
import { map, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { circuitBreaker, PolicyNotConnectedError, riskGate } from '../../src/index';
import { schedulerClock, testScheduler } from '../support/clock';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();
const op = (id: string) => spatial({ id, amount: '0.1', buyPrice: '30000', sellPrice: '30100' });
const report = (pnl: string, currency = 'USDT'): ExecutionReport =>
  parseExecutionReport({
    opportunityId: 'r',
    status: 'filled',
    legs: [],
    currency,
    realizedPnl: pnl,
    fees: '0',
    startedAt: 0,
    finishedAt: 0,
  });

function setup(options: Parameters<typeof circuitBreaker>[0]) {
  const clock = new VirtualClock();
  const reports$ = new Subject<ExecutionReport>();
  const breaker = circuitBreaker(options);
  const gate = riskGate([breaker], { clock, markets, reports$ });
  gate.connect();
  return { clock, reports$, breaker, gate };
}

describe('circuitBreaker', () => {
  it('reports each opening with its own trigger, time and cooldown end', () => {
    const { clock, reports$, breaker, gate } = setup({ maxConsecutiveLosses: 2, cooldownMs: 100 });
    reports$.next(report('-1'));
    reports$.next(report('-1')); // opens at 0 until 100
    const first = {
      policy: 'circuitBreaker',
      code: 'CIRCUIT_OPEN',
      details: { consecutiveLosses: 2, maxConsecutiveLosses: 2, trigger: 'CONSECUTIVE_LOSSES', since: 0, until: 100 },
    };
    expect(gate.evaluate(op('a')).rejection).toEqual(first);
    expect(gate.evaluate(op('b')).rejection).toEqual(first);
    clock.advanceTo(150); // closed by the cooldown at 100
    expect(gate.evaluate(op('c')).outcome).toBe('approved');
    breaker.trip('operator');
    expect(gate.evaluate(op('d')).rejection?.details).toEqual({ reason: 'operator', trigger: 'MANUAL', since: 150, until: 250 });
  });

  it('opens after N consecutive losses and closes after the cooldown (marbles)', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      const clock = schedulerClock(scheduler);
      const reports$ = hot('l 1ms l 1ms l', { l: report('-5') }); // losses at 0, 2, 4 ms
      const breaker = circuitBreaker({ maxConsecutiveLosses: 3, cooldownMs: 10 });
      const gate = riskGate([breaker], { clock, markets, reports$ });
      const ops: Record<string, Opportunity> = { a: op('a'), b: op('b'), c: op('c'), d: op('d') };
      const codes: string[] = [];
      gate.decisions$.subscribe((d) => codes.push(`${d.at}:${d.rejection?.code ?? d.outcome}`));
      // Open from 4 until 4 + 10 = 14.
      expectObservable(hot('3ms a 1ms b 7ms c d', ops).pipe(gate.operator)).toBe('3ms a 10ms d', ops);
      expectObservable(breaker.state$.pipe(map((s) => s.status))).toBe('c 3ms o 9ms c', { c: 'closed', o: 'open' });
      scheduler.flush();
      expect(codes).toEqual(['3:approved', '5:CIRCUIT_OPEN', '13:CIRCUIT_OPEN', '14:approved']);
    });
  });

  it('reports why it opened and until when', () => {
    const { reports$, gate, clock } = setup({ maxConsecutiveLosses: 2, cooldownMs: 1_000 });
    clock.advanceTo(100);
    reports$.next(report('-1'));
    reports$.next(report('-2'));
    expect(gate.evaluate(op('x')).rejection).toEqual({
      policy: 'circuitBreaker',
      code: 'CIRCUIT_OPEN',
      details: { trigger: 'CONSECUTIVE_LOSSES', consecutiveLosses: 2, maxConsecutiveLosses: 2, since: 100, until: 1_100 },
    });
  });

  it('closes by its own timer on the clock, without any evaluation', () => {
    const { reports$, breaker, clock } = setup({ maxConsecutiveLosses: 1, cooldownMs: 500 });
    reports$.next(report('-1'));
    expect(breaker.state().status).toBe('open');
    clock.advanceTo(499);
    expect(breaker.state().status).toBe('open');
    clock.advanceTo(500);
    expect(breaker.state()).toEqual({ status: 'closed', at: 500 });
  });

  it('resets the run on a win and ignores zero-PnL executions', () => {
    const { reports$, breaker } = setup({ maxConsecutiveLosses: 3 });
    for (const pnl of ['-1', '-1', '2', '-1', '-1']) reports$.next(report(pnl));
    expect(breaker.state().status).toBe('closed');
    reports$.next(report('0'));
    reports$.next(report('-1')); // third loss in a row: the zero did not reset it
    expect(breaker.state()).toMatchObject({ status: 'open', trigger: 'CONSECUTIVE_LOSSES', until: undefined });
  });

  it('opens when the net loss within the window exceeds maxLoss', () => {
    const a = setup({ maxLoss: 100, windowMs: 20 });
    a.reports$.next(report('-60'));
    a.clock.advanceTo(15);
    a.reports$.next(report('-50')); // −110 within [−5, 15]
    expect(a.breaker.state()).toMatchObject({
      status: 'open',
      trigger: 'WINDOW_LOSS',
      details: { loss: '110', maxLoss: '100', windowMs: 20 },
    });

    const b = setup({ maxLoss: 100, windowMs: 20 });
    b.reports$.next(report('-60'));
    b.clock.advanceTo(25);
    b.reports$.next(report('-50')); // the −60 at 0 left the window (0 ≤ 25 − 20)
    expect(b.breaker.state().status).toBe('closed');

    const c = setup({ maxLoss: 100, windowMs: 20 });
    for (const pnl of ['-60', '30', '-50']) c.reports$.next(report(pnl)); // net −80
    expect(c.breaker.state().status).toBe('closed');
  });

  it('opens on a report in another currency (fail closed)', () => {
    const { reports$, breaker } = setup({ maxConsecutiveLosses: 3, currency: 'USDT' });
    reports$.next(report('5', 'EUR'));
    expect(breaker.state()).toMatchObject({ status: 'open', trigger: 'CURRENCY_MISMATCH', details: { currency: 'EUR', expected: 'USDT' } });
  });

  it('trips and resumes by hand', () => {
    expect(() => circuitBreaker({ maxConsecutiveLosses: 3 }).trip('x')).toThrow(PolicyNotConnectedError);
    const { breaker, gate } = setup({ maxConsecutiveLosses: 3 });
    breaker.trip('maintenance');
    expect(gate.evaluate(op('m')).rejection).toMatchObject({ code: 'CIRCUIT_OPEN', details: { trigger: 'MANUAL', reason: 'maintenance' } });
    expect(gate.halts()).toHaveLength(1);
    breaker.resume();
    expect(gate.evaluate(op('n')).outcome).toBe('approved');
  });

  it('validates its options', () => {
    expect(() => circuitBreaker({})).toThrow(ValidationError);
    expect(() => circuitBreaker({ maxLoss: 10 })).toThrow(/windowMs/);
  });
});
