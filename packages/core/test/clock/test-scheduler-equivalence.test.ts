import { debounceTime, type MonoTypeOperatorFunction, type SchedulerLike, throttleTime } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/index';
import { type Recorded, record, scheduledSource } from './scheduled-source';

// The same source, once as a marble (1 frame = 1 ms in run mode) and once as timed events.
const SOURCE_MARBLE = 'a 4ms b 6ms c 17ms d 14ms e 54ms |'; // a@0 b@5 c@12 d@30 e@45 |@100
const SOURCE_EVENTS: ReadonlyArray<readonly [number, string]> = [
  [0, 'a'],
  [5, 'b'],
  [12, 'c'],
  [30, 'd'],
  [45, 'e'],
];
const SOURCE_COMPLETE = 100;

interface MarbleMessage {
  frame: number;
  notification: { kind: 'N' | 'E' | 'C'; value?: unknown };
}

/** Runs `operator` under TestScheduler (default asyncScheduler, virtualized by `run`) and checks `expected`. */
function underTestScheduler(
  operator: (scheduler?: SchedulerLike) => MonoTypeOperatorFunction<string>,
  expected: string,
): Recorded<string>[] {
  let messages: MarbleMessage[] = [];
  const scheduler = new TestScheduler((actual, wanted) => {
    messages = actual as MarbleMessage[];
    expect(actual).toEqual(wanted);
  });
  scheduler.run(({ cold, expectObservable }) => {
    expectObservable(cold(SOURCE_MARBLE).pipe(operator())).toBe(expected);
  });
  return messages.map(({ frame, notification }) =>
    notification.kind === 'N' ? [frame, 'N', String(notification.value)] : [frame, notification.kind],
  );
}

function underVirtualClock(operator: (scheduler?: SchedulerLike) => MonoTypeOperatorFunction<string>): Recorded<string>[] {
  const clock = new VirtualClock();
  const log = record(scheduledSource(clock.scheduler, SOURCE_EVENTS, SOURCE_COMPLETE).pipe(operator(clock.scheduler)), () => clock.now());
  clock.runUntilIdle();
  return log;
}

describe('VirtualClock matches TestScheduler marble semantics', () => {
  it('debounceTime(10)', () => {
    const op = (s?: SchedulerLike) => debounceTime<string>(10, s);
    // b@5 is superseded by c@12 → c@22; d@30 → 40; e@45 → 55; complete at 100
    const marbles = underTestScheduler(op, '22ms c 17ms d 14ms e 44ms |');
    expect(underVirtualClock(op)).toEqual(marbles);
    expect(marbles).toEqual([
      [22, 'N', 'c'],
      [40, 'N', 'd'],
      [55, 'N', 'e'],
      [100, 'C'],
    ]);
  });

  it('throttleTime(20, leading + trailing)', () => {
    const op = (s?: SchedulerLike) => throttleTime<string>(20, s, { leading: true, trailing: true });
    // a@0, trailing c@20, d@40, e@60, complete at 100
    const marbles = underTestScheduler(op, 'a 19ms c 19ms d 19ms e 39ms |');
    expect(underVirtualClock(op)).toEqual(marbles);
    expect(marbles).toHaveLength(5);
  });
});
