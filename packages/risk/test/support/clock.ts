import type { Clock } from '@arbot/core';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';

/** A TestScheduler asserting with vitest's deep equality. */
export function testScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A Clock on a TestScheduler's virtual time (use inside `scheduler.run`). */
export function schedulerClock(scheduler: TestScheduler): Clock {
  return { now: () => scheduler.now(), scheduler };
}
