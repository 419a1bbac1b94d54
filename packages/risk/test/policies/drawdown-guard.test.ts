import { Decimal, type Opportunity, ValidationError, VirtualClock } from '@arbot/core';
import { map, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { drawdownGuard, type EquityValue, riskGate } from '../../src/index';
import { schedulerClock, testScheduler } from '../support/clock';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();
const op = (id: string) => spatial({ id, amount: '1', buyPrice: '30000', sellPrice: '30100' });

describe('drawdownGuard', () => {
  it('approves, shrinks past the soft limit, halts past the hard limit and stays halted (marbles)', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      const clock = schedulerClock(scheduler);
      // equity: 1000 @0, 960 @4 (dd 4 %), 930 @8 (dd 7 %), 890 @12 (dd 11 %), 1000 @16 (recovered, still halted).
      const equity$ = hot<EquityValue>('a 3ms b 3ms c 3ms d 3ms e', { a: 1000, b: '960', c: new Decimal(930), d: 890, e: 1000 });
      const guard = drawdownGuard({ softLimitPct: 5, hardLimitPct: 10, minScale: 0.5 });
      const gate = riskGate([guard], { clock, markets, equity$ });
      const ops: Record<string, Opportunity> = { x: op('x'), y: op('y'), z: op('z'), w: op('w'), v: op('v'), r: op('r') };
      const codes: string[] = [];
      gate.decisions$.subscribe((d) => codes.push(`${d.at}:${d.rejection?.code ?? d.resizes[0]?.code ?? d.outcome}`));
      hot('20ms s').subscribe(() => guard.resume());
      const out$ = hot('2ms x 3ms y 3ms z 3ms w 3ms v 3ms r', ops).pipe(
        gate.operator,
        map((o) => o.legs[0]?.amount.toString()),
      );
      // dd 7 %: scale = 1 − (1 − 0.5) × (7 − 5) / (10 − 5) = 0.8.
      expectObservable(out$).toBe('2ms x 3ms y 3ms z 11ms r', { x: '1', y: '1', z: '0.8', r: '1' });
      scheduler.flush();
      expect(codes).toEqual(['2:approved', '6:approved', '10:DRAWDOWN_SOFT', '14:DRAWDOWN_HALT', '18:DRAWDOWN_HALT', '22:approved']);
    });
  });

  it('reports the numbers behind the soft resize and the halt', () => {
    const clock = new VirtualClock(50);
    const equity$ = new Subject<EquityValue>();
    const guard = drawdownGuard({ softLimitPct: 5, hardLimitPct: 10 });
    const gate = riskGate([guard], { clock, markets, equity$ });
    gate.connect();
    expect(gate.evaluate(op('none')).rejection).toMatchObject({ code: 'NO_EQUITY_DATA' });
    equity$.next(2_000);
    equity$.next(1_850); // dd = 150 × 100 / 2000 = 7.5 % → scale 1 − 0.75 × 2.5 / 5 = 0.625
    const d = gate.evaluate(op('soft'));
    expect(d.resizes[0]).toEqual({
      policy: 'drawdownGuard',
      code: 'DRAWDOWN_SOFT',
      scale: 0.625,
      details: { drawdownPct: 7.5, softLimitPct: 5, hardLimitPct: 10 },
    });
    equity$.next(1_800); // dd 10 % = hard
    expect(guard.state()).toEqual({ equity: 1_800, peak: 2_000, drawdownPct: 10, halted: true });
    expect(gate.evaluate(op('halt')).rejection).toEqual({
      policy: 'drawdownGuard',
      code: 'DRAWDOWN_HALT',
      details: { drawdownPct: 10, equity: 1_800, peak: 2_000, hardLimitPct: 10, since: 50 },
    });
    guard.resume();
    expect(guard.state()).toEqual({ equity: 1_800, peak: 1_800, drawdownPct: 0, halted: false });
  });

  it('halts on a non-finite equity value (fail closed) and validates its options', () => {
    const clock = new VirtualClock();
    const equity$ = new Subject<EquityValue>();
    const gate = riskGate([drawdownGuard({ softLimitPct: 5, hardLimitPct: 10 })], { clock, markets, equity$ });
    gate.connect();
    equity$.next(1_000);
    equity$.next('not a number');
    expect(gate.evaluate(op('nan')).rejection).toMatchObject({ code: 'DRAWDOWN_HALT', details: { reason: 'non-finite equity' } });
    expect(() => drawdownGuard({ softLimitPct: 10, hardLimitPct: 5 })).toThrow(ValidationError);
  });
});
