import { type Opportunity, VirtualClock } from '@arbot/core';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type KillRequest, killSwitch, type RiskCommand, riskGate } from '../../src/index';
import { schedulerClock, testScheduler } from '../support/clock';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();
const op = (id: string) => spatial({ id, amount: '0.1', buyPrice: '30000', sellPrice: '30100' });

describe('killSwitch', () => {
  it('halts the gate and emits cancel-all (and flatten when asked) at clock time', () => {
    const clock = new VirtualClock(42);
    const kill = killSwitch({ clock });
    const commands: RiskCommand[] = [];
    kill.commands$.subscribe((c) => commands.push(c));
    const gate = riskGate([kill], { clock, markets });
    expect(gate.evaluate(op('a')).outcome).toBe('approved');
    kill.trigger('exchange incident', { flatten: true, venues: ['okx'] });
    expect(commands).toEqual([
      { type: 'cancel-all', id: 'killSwitch-1-cancel-all', at: 42, reason: 'exchange incident', venues: ['okx'] },
      { type: 'flatten', id: 'killSwitch-1-flatten', at: 42, reason: 'exchange incident', venues: ['okx'] },
    ]);
    expect(gate.evaluate(op('b')).rejection).toEqual({
      policy: 'killSwitch',
      code: 'KILL_SWITCH',
      details: { reason: 'exchange incident', since: 42 },
    });
    expect(kill.engaged).toBe(true);
    kill.reset();
    expect(gate.evaluate(op('c')).outcome).toBe('approved');
  });

  it('reports each engagement with its own reason and time, however often the gate was asked before', () => {
    const clock = new VirtualClock(10);
    const kill = killSwitch({ clock });
    const gate = riskGate([kill], { clock, markets });
    kill.trigger('first');
    for (let i = 0; i < 3; i++) expect(gate.evaluate(op(`a${i}`)).rejection?.details).toEqual({ reason: 'first', since: 10 });
    kill.trigger('again while engaged'); // still the first engagement: same reason and time
    expect(gate.evaluate(op('b')).rejection?.details).toEqual({ reason: 'first', since: 10 });
    kill.reset();
    clock.advanceTo(25);
    kill.trigger('second');
    expect(gate.evaluate(op('c')).rejection?.details).toEqual({ reason: 'second', since: 25 });
  });

  it('replays the current engagement to late subscribers, and nothing after a reset', () => {
    const clock = new VirtualClock();
    const kill = killSwitch({ clock, flatten: true });
    kill.trigger('first');
    const late: string[] = [];
    kill.commands$.subscribe((c) => late.push(`${c.type}:${c.reason}`));
    expect(late).toEqual(['cancel-all:first', 'flatten:first']);
    kill.trigger('again', { flatten: false });
    expect(late).toEqual(['cancel-all:first', 'flatten:first', 'cancel-all:again']);
    kill.reset();
    const afterReset: string[] = [];
    kill.commands$.subscribe((c) => afterReset.push(c.type));
    expect(afterReset).toEqual([]);
  });

  it('engages from trigger$ in virtual time (marbles)', () => {
    const scheduler = testScheduler();
    scheduler.run(({ hot, expectObservable }) => {
      const clock = schedulerClock(scheduler);
      const kill = killSwitch({ clock, trigger$: hot<string | KillRequest>('5ms k', { k: 'SIGTERM' }) });
      const gate = riskGate([kill], { clock, markets });
      const ops: Record<string, Opportunity> = { a: op('a'), b: op('b') };
      expectObservable(hot('3ms a 3ms b', ops).pipe(gate.operator)).toBe('3ms a', ops);
      expectObservable(kill.commands$).toBe('5ms c', {
        c: { type: 'cancel-all', id: 'killSwitch-1-cancel-all', at: 5, reason: 'SIGTERM', venues: 'all' },
      });
    });
  });

  it('never fails open: a malformed trigger or a failing trigger$ engages it', () => {
    const clock = new VirtualClock();
    const triggers = new Subject<string | KillRequest>();
    const kill = killSwitch({ clock, trigger$: triggers });
    const gate = riskGate([kill], { clock, markets });
    gate.connect();
    triggers.next({ reason: '' });
    expect(kill.engaged).toBe(true);
    expect(gate.evaluate(op('a')).rejection?.details.reason).toMatch(/^malformed kill request/);
    kill.reset();
    triggers.error(new Error('bus down'));
    expect(gate.evaluate(op('b')).rejection?.details.reason).toBe('trigger$ failed: bus down');
  });

  it('halts every gate it is part of, and hears trigger$ once however many gates share it', () => {
    const clock = new VirtualClock();
    const triggers = new Subject<string>();
    const kill = killSwitch({ clock, trigger$: triggers });
    const spatialGate = riskGate([kill], { clock, markets });
    const triangleGate = riskGate([kill], { clock, markets });
    spatialGate.connect();
    triangleGate.connect();
    const commands: RiskCommand[] = [];
    kill.commands$.subscribe((c) => commands.push(c));
    triggers.next('risk desk');
    expect(commands).toHaveLength(1);
    expect(spatialGate.evaluate(op('a')).rejection?.code).toBe('KILL_SWITCH');
    expect(triangleGate.evaluate(op('b')).rejection?.code).toBe('KILL_SWITCH');
  });
});
