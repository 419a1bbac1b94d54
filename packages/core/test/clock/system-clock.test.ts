import { asyncScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { systemClock } from '../../src/index';

describe('systemClock', () => {
  it('reads Date.now() and schedules on the asyncScheduler', () => {
    const before = Date.now();
    const now = systemClock.now();
    const after = Date.now();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(after);
    expect(systemClock.scheduler).toBe(asyncScheduler);
  });

  it('is frozen so nobody swaps the time source globally', () => {
    expect(Object.isFrozen(systemClock)).toBe(true);
  });
});
