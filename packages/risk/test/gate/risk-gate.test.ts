import { Decimal, type Opportunity, parseExecutionReport, ValidationError, VirtualClock } from '@arbot/core';
import { from, map, merge, mergeMap, Subject, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  approve,
  circuitBreaker,
  killSwitch,
  minNetBps,
  type RiskCandidate,
  RiskConfigError,
  type RiskDecision,
  type RiskPolicy,
  reject,
  resizeBy,
  riskGate,
  staleData,
} from '../../src/index';
import { schedulerClock, testScheduler } from '../support/clock';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();

/** A policy that records the amount of leg 0 it saw and answers with a fixed verdict. */
function recorder(name: string, verdict: ReturnType<RiskPolicy['evaluate']>, seen: string[] = []): RiskPolicy & { seen: string[] } {
  return {
    name,
    seen,
    evaluate(candidate: RiskCandidate) {
      seen.push(candidate.opportunity.legs[0]?.amount.toString() ?? '');
      return verdict;
    },
  };
}

function collect(gate: ReturnType<typeof riskGate>, inputs: readonly Opportunity[]) {
  const events: string[] = [];
  const decisions: RiskDecision[] = [];
  const approved: Opportunity[] = [];
  gate.decisions$.subscribe((d) => {
    decisions.push(d);
    events.push(`decision:${d.opportunityId}:${d.outcome}`);
  });
  const source = new Subject<Opportunity>();
  source.pipe(gate.operator).subscribe((op) => {
    approved.push(op);
    events.push(`out:${op.id}`);
  });
  for (const op of inputs) source.next(op);
  return { events, decisions, approved };
}

describe('riskGate', () => {
  it('passes an approved opportunity through unchanged, after emitting its decision at clock time', () => {
    const clock = new VirtualClock(1_000);
    const gate = riskGate([recorder('a', approve()), recorder('b', approve())], { clock, markets });
    const op = spatial({ id: 'op-a', amount: '0.5', buyPrice: '30000', sellPrice: '30100' });
    const { events, decisions, approved } = collect(gate, [op]);
    expect(events).toEqual(['decision:op-a:approved', 'out:op-a']);
    expect(approved[0]).toBe(op);
    expect(decisions[0]).toMatchObject({ outcome: 'approved', at: 1_000, scale: 1, resizes: [], rejection: undefined, original: op });
  });

  it('rejects with the policy name, reason code and details, and stops evaluating', () => {
    const clock = new VirtualClock(5);
    const later = recorder('later', approve());
    const gate = riskGate([recorder('first', reject('MY_CODE', { x: 1 })), later], { clock, markets });
    const { decisions, approved } = collect(gate, [spatial({ id: 'op-r', amount: '0.5', buyPrice: '30000', sellPrice: '30100' })]);
    expect(approved).toEqual([]);
    expect(later.seen).toEqual([]);
    expect(decisions[0]).toMatchObject({
      outcome: 'rejected',
      at: 5,
      scale: 0,
      opportunity: undefined,
      rejection: { policy: 'first', code: 'MY_CODE', details: { x: 1 } },
    });
  });

  it('resizes, and later policies see the resized opportunity', () => {
    const clock = new VirtualClock();
    const after = recorder('after', approve());
    const gate = riskGate([recorder('half', resizeBy(0.5, 'HALF', { why: 'test' })), after], { clock, markets });
    // binance step 0.0001 and okx step 0.001 → common grid 0.001; 0.5 × 0.5 = 0.25.
    const { decisions, approved } = collect(gate, [
      spatial({ id: 'op-h', amount: '0.5', buyPrice: '30000', sellPrice: '30100', gross: '50', fees: '20', net: '30', notional: '15000' }),
    ]);
    expect(after.seen).toEqual(['0.25']);
    expect(approved[0]?.legs.map((l) => l.amount.toString())).toEqual(['0.25', '0.25']);
    // Expected figures scale by 0.25 / 0.5 = 0.5: gross 25, fees 10, net 15, notional 7500.
    expect(approved[0]?.expected.gross.toString()).toBe('25');
    expect(approved[0]?.expected.fees.toString()).toBe('10');
    expect(approved[0]?.expected.net.toString()).toBe('15');
    expect(approved[0]?.expected.notional.toString()).toBe('7500');
    expect(decisions[0]).toMatchObject({
      outcome: 'resized',
      scale: 0.5,
      resizes: [{ policy: 'half', code: 'HALF', scale: 0.5, details: { why: 'test' } }],
    });
  });

  it('compounds resizes of several policies', () => {
    const clock = new VirtualClock();
    const gate = riskGate([recorder('half', resizeBy(0.5, 'HALF')), recorder('fifth', resizeBy(0.2, 'FIFTH'))], { clock, markets });
    // 1 → 0.5 → 0.5 × 0.2 = 0.1 (on the 0.001 grid).
    const { decisions } = collect(gate, [spatial({ amount: '1', buyPrice: '30000', sellPrice: '30100' })]);
    expect(decisions[0]?.opportunity?.legs.map((l) => l.amount.toString())).toEqual(['0.1', '0.1']);
    expect(decisions[0]?.scale).toBe(0.1);
    expect(decisions[0]?.resizes.map((r) => r.code)).toEqual(['HALF', 'FIFTH']);
  });

  it('rejects with RESIZE_INVALID when the resized legs break the market minimum', () => {
    const clock = new VirtualClock();
    const gate = riskGate([recorder('tiny', resizeBy(0.01, 'TINY'))], { clock, markets });
    // 0.1 × 0.01 = 0.001 BTC → 0.001 × 30000 = 30 ≥ 10 passes; 0.03 × 0.01 = 0.0003 → 0 on the 0.001 grid.
    const ok = collect(gate, [spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30100' })]).decisions[0];
    expect(ok?.outcome).toBe('resized');
    const zero = collect(gate, [spatial({ amount: '0.03', buyPrice: '30000', sellPrice: '30100' })]).decisions[0];
    expect(zero?.rejection).toMatchObject({ policy: 'tiny', code: 'RESIZE_TO_ZERO', details: { requestedBy: 'TINY', scale: 0.01 } });
    // 0.3 × 0.01 = 0.003 BTC on both legs; binance: 0.003 × 3000 = 9 < 10 min notional.
    const cheap = collect(gate, [spatial({ amount: '0.3', buyPrice: '3000', sellPrice: '3010' })]).decisions[0];
    expect(cheap?.rejection).toMatchObject({
      policy: 'tiny',
      code: 'RESIZE_INVALID',
      details: { leg: 0, venue: 'binance', violation: 'MIN_NOTIONAL', amount: '0.003' },
    });
  });

  it('fails closed when a policy throws or returns a malformed scale', () => {
    const clock = new VirtualClock();
    const throwing: RiskPolicy = {
      name: 'broken',
      evaluate() {
        throw new Error('boom');
      },
    };
    const bad = collect(riskGate([throwing], { clock, markets }), [spatial({ amount: '1', buyPrice: '1', sellPrice: '2' })]);
    expect(bad.decisions[0]?.rejection).toEqual({ policy: 'broken', code: 'POLICY_ERROR', details: { message: 'boom' } });
    const nan = collect(riskGate([recorder('nan', resizeBy(Number.NaN, 'X'))], { clock, markets }), [
      spatial({ amount: '1', buyPrice: '1', sellPrice: '2' }),
    ]);
    expect(nan.decisions[0]?.rejection).toMatchObject({ policy: 'nan', code: 'POLICY_ERROR', details: { scale: 'NaN' } });
  });

  it('treats a resize scale of 1 or more as approval', () => {
    const clock = new VirtualClock();
    const { decisions } = collect(riskGate([recorder('one', resizeBy(1.5, 'BIG'))], { clock, markets }), [
      spatial({ amount: '1', buyPrice: '30000', sellPrice: '30100' }),
    ]);
    expect(decisions[0]?.outcome).toBe('approved');
  });

  it('rejects opportunities with non-finite figures', () => {
    const clock = new VirtualClock();
    const op = spatial({ amount: '1', buyPrice: '30000', sellPrice: '30100' });
    const broken: Opportunity = { ...op, legs: op.legs.map((l, i) => (i === 1 ? { ...l, expectedPrice: new Decimal('NaN') } : l)) };
    const { decisions } = collect(riskGate([], { clock, markets }), [broken]);
    expect(decisions[0]?.rejection).toEqual({
      policy: 'riskGate',
      code: 'INVALID_OPPORTUNITY',
      details: { leg: 1, field: 'expectedPrice', value: 'NaN' },
    });
  });

  it('rejects garbage pushed by an untyped caller instead of crashing the stream', () => {
    const clock = new VirtualClock();
    const { decisions } = collect(riskGate([], { clock, markets }), [undefined as never, { id: 'x' } as never]);
    expect(decisions.map((d) => [d.opportunityId, d.rejection?.code])).toEqual([
      ['', 'INVALID_OPPORTUNITY'],
      ['x', 'INVALID_OPPORTUNITY'],
    ]);
  });

  it('refuses to build without a stream a policy needs, with duplicate names, or with a malformed context', () => {
    const clock = new VirtualClock();
    expect(() => riskGate([staleData({ maxAgeMs: 10, checkBooks: true })], { clock, markets })).toThrow(RiskConfigError);
    try {
      riskGate([staleData({ maxAgeMs: 10, checkBooks: true })], { clock, markets });
    } catch (err) {
      expect((err as RiskConfigError).code).toBe('RISK_CONFIG');
      expect((err as RiskConfigError).context).toEqual({ policy: 'staleData', field: 'books$' });
    }
    expect(() => riskGate([minNetBps({ minBps: 1 }), minNetBps({ minBps: 2 })], { clock, markets })).toThrow(/Two policies are named/);
    expect(() => riskGate([], { clock, markets: {} as never })).toThrow(ValidationError);
  });

  it('halts when a context stream errors, until it reconnects', () => {
    const clock = new VirtualClock(7);
    const gate = riskGate([], { clock, markets, books$: throwError(() => new Error('socket closed')) });
    const connection = gate.connect();
    const rejected = gate.evaluate(spatial({ amount: '1', buyPrice: '30000', sellPrice: '30100' }));
    expect(rejected.rejection).toEqual({
      policy: 'riskGate',
      code: 'CONTEXT_STREAM_FAILED',
      details: { stream: 'books$', message: 'socket closed', since: 7 },
    });
    expect(gate.halts()).toHaveLength(1);
    connection.unsubscribe();
    expect(gate.halts()).toHaveLength(1);
  });

  it('connects policies once however many subscribers share the gate, and disconnects after the last', () => {
    const clock = new VirtualClock();
    let connects = 0;
    let disconnects = 0;
    const counting: RiskPolicy = {
      name: 'counting',
      evaluate: () => approve(),
      connect() {
        connects++;
        return () => disconnects++;
      },
    };
    const gate = riskGate([counting], { clock, markets });
    const a = new Subject<Opportunity>().pipe(gate.operator).subscribe();
    const b = new Subject<Opportunity>().pipe(gate.operator).subscribe();
    const c = gate.connect();
    expect([connects, disconnects]).toEqual([1, 0]);
    a.unsubscribe();
    b.unsubscribe();
    expect(disconnects).toBe(0);
    c.unsubscribe();
    expect([connects, disconnects]).toEqual([1, 1]);
    gate.connect().unsubscribe();
    expect([connects, disconnects]).toEqual([2, 2]);
  });

  it('a halted gate approves nothing under a burst, whatever the other policies say, until resumed', () => {
    const clock = new VirtualClock(100);
    const kill = killSwitch({ clock });
    const everythingOk = recorder('ok', approve());
    const gate = riskGate([everythingOk, kill], { clock, markets });
    const template = spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30100' });
    const burst = Array.from({ length: 2_000 }, (_, i) => ({ ...template, id: `b-${i}` }));
    const first = collect(gate, burst.slice(0, 1));
    expect(first.approved).toHaveLength(1);

    kill.trigger('operator');
    const halted = collect(gate, burst);
    expect(halted.approved).toEqual([]);
    expect(halted.decisions).toHaveLength(2_000);
    expect(new Set(halted.decisions.map((d) => `${d.outcome}/${d.rejection?.policy}/${d.rejection?.code}`))).toEqual(
      new Set(['rejected/killSwitch/KILL_SWITCH']),
    );
    // Halts are checked before any policy runs: the recorder saw only the pre-halt opportunity.
    expect(everythingOk.seen).toHaveLength(1);

    kill.reset();
    expect(collect(gate, burst.slice(0, 3)).approved).toHaveLength(3);
  });

  it('a halted gate approves nothing under a burst in virtual time, then approves after the cooldown (marbles)', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      const clock = schedulerClock(scheduler);
      const loss = parseExecutionReport({
        opportunityId: 'x',
        status: 'filled',
        legs: [],
        currency: 'USDT',
        realizedPnl: '-1',
        fees: '0',
        startedAt: 0,
        finishedAt: 0,
      });
      const breaker = circuitBreaker({ maxConsecutiveLosses: 1, cooldownMs: 10 });
      const gate = riskGate([recorder('ok', approve()), breaker], { clock, markets, reports$: hot('2ms l', { l: loss }) });
      const template = spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30100' });
      const burst = Array.from({ length: 1_000 }, (_, i) => ({ ...template, id: `burst-${i}` }));
      const opportunities$ = merge(
        hot('1ms a', { a: { ...template, id: 'a' } }),
        hot('3ms b').pipe(mergeMap(() => from(burst))), // 1 000 opportunities in the same instant, breaker open since 2 ms
        hot('11ms c', { c: { ...template, id: 'c' } }), // 11 ms: still open (until 12)
        hot('12ms d', { d: { ...template, id: 'd' } }),
      );
      const rejectedCodes = new Set<string>();
      gate.decisions$.subscribe((d) => d.rejection && rejectedCodes.add(d.rejection.code));
      expectObservable(
        opportunities$.pipe(
          gate.operator,
          map((o) => o.id),
        ),
      ).toBe('1ms a 10ms d', { a: 'a', d: 'd' });
      scheduler.flush();
      expect([...rejectedCodes]).toEqual(['CIRCUIT_OPEN']);
    });
  });
});
