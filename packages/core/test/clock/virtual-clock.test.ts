import { type SchedulerAction, Subscription } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ClockBackwardsError, ClockReentrancyError, RunawayTimersError, ValidationError, VirtualClock } from '../../src/index';

describe('VirtualClock basics', () => {
  it('starts at the given time and only moves when advanced', () => {
    const clock = new VirtualClock(1_000);
    expect(clock.now()).toBe(1_000);
    expect(clock.scheduler.now()).toBe(1_000);
    clock.advanceBy(250);
    expect(clock.now()).toBe(1_250);
    clock.advanceTo(2_000);
    expect(clock.now()).toBe(2_000);
    expect(new VirtualClock().now()).toBe(0);
  });

  it('refuses to go backwards with a typed error and stays where it was', () => {
    const clock = new VirtualClock(500);
    let caught: unknown;
    try {
      clock.advanceTo(499);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ClockBackwardsError);
    expect((caught as ClockBackwardsError).code).toBe('CLOCK_BACKWARDS');
    expect((caught as ClockBackwardsError).context).toEqual({ now: 500, target: 499 });
    expect(clock.now()).toBe(500);
    expect(() => clock.advanceBy(-1)).toThrow(ValidationError);
    clock.advanceTo(500); // advancing to the same time is allowed
    expect(clock.now()).toBe(500);
  });

  it('validates its inputs', () => {
    expect(() => new VirtualClock(-1)).toThrow(/virtual clock start time/);
    expect(() => new VirtualClock(Number.NaN)).toThrow(ValidationError);
    expect(() => new VirtualClock(0).advanceTo(Number.POSITIVE_INFINITY)).toThrow(ValidationError);
    expect(() => new VirtualClock(0, { maxTimersPerInstant: 0 })).toThrow(/maxTimersPerInstant/);
    expect(() => new VirtualClock(0).runUntilIdle(1.5)).toThrow(ValidationError);
    expect(() => new VirtualClock(0).scheduler.schedule(() => {}, Number.NaN)).toThrow(/delay = NaN/);
  });

  it('runs timers in time order, ties first-armed-first, with now() at each due time', () => {
    const clock = new VirtualClock(100);
    const log: string[] = [];
    const at = (name: string) => () => log.push(`${name}@${clock.now()}`);
    clock.scheduler.schedule(at('c'), 30);
    clock.scheduler.schedule(at('a'), 10);
    clock.scheduler.schedule(at('b1'), 20);
    clock.scheduler.schedule(at('b2'), 20);
    clock.scheduler.schedule(at('b3'), 20);
    expect(clock.pendingTimers).toBe(5);
    expect(clock.nextTimerAt()).toBe(110);
    clock.advanceTo(125);
    expect(log).toEqual(['a@110', 'b1@120', 'b2@120', 'b3@120']);
    expect(clock.now()).toBe(125);
    expect(clock.pendingTimers).toBe(1);
    expect(clock.nextTimerAt()).toBe(130);
    clock.advanceTo(130); // a timer due exactly at the target runs
    expect(log).toEqual(['a@110', 'b1@120', 'b2@120', 'b3@120', 'c@130']);
    expect(clock.nextTimerAt()).toBeUndefined();
    expect(clock.pendingTimers).toBe(0);
  });

  it('keeps FIFO order among many equal-time timers (heap stability)', () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    for (let i = 0; i < 50; i++) clock.scheduler.schedule(() => log.push(i), i % 2 === 0 ? 10 : 5);
    clock.advanceBy(10);
    const odd = Array.from({ length: 25 }, (_, k) => 2 * k + 1);
    const even = Array.from({ length: 25 }, (_, k) => 2 * k);
    expect(log).toEqual([...odd, ...even]);
  });

  it('passes the state and cancels on unsubscribe', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const keep = clock.scheduler.schedule((s) => log.push(`keep:${s}`), 10, 'x');
    const drop = clock.scheduler.schedule((s) => log.push(`drop:${s}`), 10, 'y');
    expect(keep).toBeInstanceOf(Subscription);
    drop.unsubscribe();
    expect(clock.pendingTimers).toBe(1);
    clock.advanceBy(20);
    expect(log).toEqual(['keep:x']);
  });

  it('re-arms the same action from inside its work (how interval works)', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const actions = new Set<SchedulerAction<number>>();
    const sub = clock.scheduler.schedule(
      function (this: SchedulerAction<number>, n) {
        times.push(clock.now());
        actions.add(this);
        if (n < 3) {
          const again = this.schedule(n + 1, 7);
          expect(again).toBe(this);
        }
      },
      5,
      1,
    );
    clock.advanceBy(100);
    expect(times).toEqual([5, 12, 19]);
    expect(actions.size).toBe(1);
    expect(actions.has(sub as SchedulerAction<number>)).toBe(true);
  });

  it('re-arming a pending action moves it instead of duplicating it', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const action = clock.scheduler.schedule(() => times.push(clock.now()), 10) as SchedulerAction<unknown>;
    action.schedule(undefined, 40);
    expect(clock.pendingTimers).toBe(1);
    clock.advanceBy(100);
    expect(times).toEqual([40]);
  });

  it('a closed action cannot be re-armed', () => {
    const clock = new VirtualClock();
    const action = clock.scheduler.schedule(() => {}, 10) as SchedulerAction<unknown>;
    action.unsubscribe();
    action.schedule(undefined, 5);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs delay-0 work scheduled while advancing at the current time within the same advance', () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.scheduler.schedule(() => {
      log.push(`outer@${clock.now()}`);
      clock.scheduler.schedule(() => {
        log.push(`inner@${clock.now()}`);
        clock.scheduler.schedule(() => log.push(`inner2@${clock.now()}`), 5);
      }, 0);
    }, 10);
    clock.scheduler.schedule(() => log.push(`other@${clock.now()}`), 10);
    clock.advanceTo(15);
    // inner was armed after `other`, so it runs after it at the same instant; inner2 is due at 15 = the target.
    expect(log).toEqual(['outer@10', 'other@10', 'inner@10', 'inner2@15']);
  });

  it('treats negative delays as 0', () => {
    const clock = new VirtualClock(50);
    const times: number[] = [];
    clock.scheduler.schedule(() => times.push(clock.now()), -20);
    clock.advanceBy(0);
    expect(times).toEqual([50]);
  });

  it('runUntilIdle runs everything and ends at the last due time', () => {
    const clock = new VirtualClock(1_000);
    const times: number[] = [];
    clock.scheduler.schedule(() => times.push(clock.now()), 3_000);
    clock.scheduler.schedule(function (this: SchedulerAction<undefined>) {
      times.push(clock.now());
      clock.scheduler.schedule(() => times.push(clock.now()), 10_000);
    }, 500);
    expect(clock.runUntilIdle()).toBe(3);
    expect(times).toEqual([1_500, 4_000, 11_500]);
    expect(clock.now()).toBe(11_500);
    expect(clock.runUntilIdle()).toBe(0);
  });

  it('runUntilIdle stops a runaway periodic timer with a typed error', () => {
    const clock = new VirtualClock();
    let ticks = 0;
    clock.scheduler.schedule(function (this: SchedulerAction<undefined>) {
      ticks++;
      this.schedule(undefined, 10);
    }, 10);
    let caught: unknown;
    try {
      clock.runUntilIdle(25);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(RunawayTimersError);
    expect((caught as RunawayTimersError).context).toEqual({ kind: 'total', limit: 25, now: 250, pendingTimers: 1 });
    expect(ticks).toBe(25);
    expect(clock.now()).toBe(250);
  });

  it('advancing stops a timer re-arming itself with no delay', () => {
    const clock = new VirtualClock(0, { maxTimersPerInstant: 1_000 });
    let ticks = 0;
    clock.scheduler.schedule(function (this: SchedulerAction<undefined>) {
      ticks++;
      this.schedule(undefined, 0);
    }, 5);
    expect(() => clock.advanceBy(10)).toThrow(RunawayTimersError);
    expect(ticks).toBe(1_000);
    expect(clock.now()).toBe(5);
  });

  it('a timer that throws is cancelled, the error propagates and later timers stay pending', () => {
    const clock = new VirtualClock();
    const log: number[] = [];
    clock.scheduler.schedule(function (this: SchedulerAction<undefined>) {
      this.schedule(undefined, 1); // re-armed, but the throw below cancels it
      throw new Error('boom');
    }, 10);
    clock.scheduler.schedule(() => log.push(clock.now()), 20);
    expect(() => clock.advanceTo(30)).toThrow('boom');
    expect(clock.now()).toBe(10);
    expect(clock.pendingTimers).toBe(1);
    clock.advanceTo(30);
    expect(log).toEqual([20]);
    expect(clock.now()).toBe(30);
  });

  it('refuses to be advanced from inside its own timers', () => {
    const clock = new VirtualClock();
    const errors: unknown[] = [];
    clock.scheduler.schedule(() => {
      for (const step of [() => clock.advanceBy(1), () => clock.advanceTo(100), () => clock.runUntilIdle()]) {
        try {
          step();
        } catch (err) {
          errors.push(err);
        }
      }
    }, 10);
    clock.advanceBy(20);
    expect(errors).toHaveLength(3);
    for (const err of errors) expect(err).toBeInstanceOf(ClockReentrancyError);
    expect((errors[1] as ClockReentrancyError).context).toEqual({ now: 10, operation: 'advanceTo' });
    expect(clock.now()).toBe(20);
  });
});
