import { debounceTime, delay, interval, of, take, throttleTime, timeout, timer } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/index';
import { record, scheduledSource } from './scheduled-source';

// Every expected time below is worked out from the operator's documented semantics; the source
// events are relative to subscription at virtual time 0.
describe('RxJS time operators on VirtualClock.scheduler', () => {
  it('timer(due) emits 0 and completes at the due time', () => {
    const clock = new VirtualClock();
    const log = record(timer(100, clock.scheduler), () => clock.now());
    clock.advanceTo(99);
    expect(log).toEqual([]);
    clock.advanceTo(1_000);
    expect(log).toEqual([
      [100, 'N', 0],
      [100, 'C'],
    ]);
  });

  it('timer(due, period) ticks at due, due + period, …', () => {
    const clock = new VirtualClock(1_000);
    const log = record(timer(50, 30, clock.scheduler).pipe(take(3)), () => clock.now());
    clock.advanceBy(1_000);
    // 1000 + 50 = 1050, then every 30 ms: 1080, 1110
    expect(log).toEqual([
      [1_050, 'N', 0],
      [1_080, 'N', 1],
      [1_110, 'N', 2],
      [1_110, 'C'],
    ]);
  });

  it('interval reuses one re-armed action and emits every period', () => {
    const clock = new VirtualClock();
    const log = record(interval(10, clock.scheduler).pipe(take(3)), () => clock.now());
    expect(clock.pendingTimers).toBe(1);
    clock.advanceBy(15);
    expect(clock.pendingTimers).toBe(1); // the same action, re-armed for 20
    clock.advanceBy(100);
    expect(log).toEqual([
      [10, 'N', 0],
      [20, 'N', 1],
      [30, 'N', 2],
      [30, 'C'],
    ]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('unsubscribing from interval cancels its timer', () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const sub = interval(10, clock.scheduler).subscribe(() => times.push(clock.now()));
    clock.advanceTo(25);
    sub.unsubscribe();
    expect(clock.pendingTimers).toBe(0);
    clock.advanceTo(100);
    expect(times).toEqual([10, 20]);
  });

  it('delay shifts every value by the delay, completion waits for the last one', () => {
    const clock = new VirtualClock();
    const source = scheduledSource(
      clock.scheduler,
      [
        [0, 'a'],
        [10, 'b'],
        [40, 'c'],
      ],
      50,
    );
    const log = record(source.pipe(delay(25, clock.scheduler)), () => clock.now());
    clock.runUntilIdle();
    // a 0+25=25, b 10+25=35, c 40+25=65; complete at 50 is held until c is out at 65
    expect(log).toEqual([
      [25, 'N', 'a'],
      [35, 'N', 'b'],
      [65, 'N', 'c'],
      [65, 'C'],
    ]);
  });

  it('debounceTime emits the last value after a quiet period, flushing on completion', () => {
    const clock = new VirtualClock();
    const source = scheduledSource(
      clock.scheduler,
      [
        [0, 'a'],
        [10, 'b'],
        [15, 'c'],
        [50, 'd'],
        [100, 'e'],
      ],
      110,
    );
    const log = record(source.pipe(debounceTime(20, clock.scheduler)), () => clock.now());
    clock.runUntilIdle();
    // a, b superseded; c quiet from 15 → 35; d 50 → 70; e pending at completion (110) is flushed at 110
    expect(log).toEqual([
      [35, 'N', 'c'],
      [70, 'N', 'd'],
      [110, 'N', 'e'],
      [110, 'C'],
    ]);
  });

  it('throttleTime leading-only drops values inside the window', () => {
    const clock = new VirtualClock();
    const source = scheduledSource(
      clock.scheduler,
      [
        [0, 'a'],
        [5, 'b'],
        [12, 'c'],
        [30, 'd'],
        [45, 'e'],
      ],
      100,
    );
    const log = record(source.pipe(throttleTime(20, clock.scheduler)), () => clock.now());
    clock.runUntilIdle();
    // a opens [0,20): b, c dropped; d opens [30,50): e dropped
    expect(log).toEqual([
      [0, 'N', 'a'],
      [30, 'N', 'd'],
      [100, 'C'],
    ]);
  });

  it('throttleTime leading+trailing emits the last value at each window end and reopens the window', () => {
    const clock = new VirtualClock();
    const source = scheduledSource(
      clock.scheduler,
      [
        [0, 'a'],
        [5, 'b'],
        [12, 'c'],
        [30, 'd'],
        [45, 'e'],
      ],
      100,
    );
    const log = record(source.pipe(throttleTime(20, clock.scheduler, { leading: true, trailing: true })), () => clock.now());
    clock.runUntilIdle();
    // a@0 opens [0,20); trailing c@20 opens [20,40); d@40 opens [40,60); e@60 opens [60,80) which ends empty
    expect(log).toEqual([
      [0, 'N', 'a'],
      [20, 'N', 'c'],
      [40, 'N', 'd'],
      [60, 'N', 'e'],
      [100, 'C'],
    ]);
  });

  it('timeout errors when the gap between values exceeds the limit', () => {
    const clock = new VirtualClock();
    const source = scheduledSource(
      clock.scheduler,
      [
        [10, 'a'],
        [35, 'b'],
        [80, 'c'],
      ],
      90,
    );
    const log = record(source.pipe(timeout(30, clock.scheduler)), () => clock.now());
    clock.runUntilIdle();
    // a@10 (< 30), b@35 (gap 25 < 30), next deadline 35 + 30 = 65 passes before c@80
    expect(log).toEqual([
      [10, 'N', 'a'],
      [35, 'N', 'b'],
      [65, 'E', 'TimeoutError'],
    ]);
    expect(clock.pendingTimers).toBe(0); // the source's own timers were torn down with the error
  });

  it('timeout with first/each/with switches to the fallback at the deadline', () => {
    const clock = new VirtualClock();
    const source = scheduledSource(
      clock.scheduler,
      [
        [45, 'a'],
        [70, 'b'],
      ],
      80,
    );
    const guarded = source.pipe(timeout({ first: 50, each: 20, with: () => of('fallback'), scheduler: clock.scheduler }));
    const log = record(guarded, () => clock.now());
    clock.runUntilIdle();
    // a@45 beats first=50; b would come at 70 but each=20 expires at 45 + 20 = 65
    expect(log).toEqual([
      [45, 'N', 'a'],
      [65, 'N', 'fallback'],
      [65, 'C'],
    ]);
  });
});
