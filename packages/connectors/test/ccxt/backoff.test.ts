import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, seededRandom } from '../../src/ccxt/index';

const policy = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };

describe('backoffDelay', () => {
  it('grows exponentially, caps, and jitters down by up to `jitter` of the delay', () => {
    // attempt 1: 500; attempt 3: 500 × 2² = 2000; attempt 10: 500 × 2⁹ = 256 000 → capped at 30 000.
    expect(backoffDelay(1, policy, () => 0.999_999_9)).toBe(500);
    expect(backoffDelay(3, policy, () => 0)).toBe(1000); // 2000 × (1 − 0.5)
    expect(backoffDelay(3, policy, () => 0.5)).toBe(1500); // 2000 × (0.5 + 0.5 × 0.5)
    expect(backoffDelay(10, policy, () => 0)).toBe(15_000); // 30 000 × 0.5
    expect(backoffDelay(4, { ...policy, jitter: 0 }, () => 0.3)).toBe(4000);
  });

  it('stays within [d × (1 − jitter), d] for the un-jittered d = min(max, initial × factor^(n−1))', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        (attempt, initialMs, maxMs, factor, jitter, r) => {
          const p = { initialMs, maxMs, factor, jitter };
          const d = Math.min(maxMs, initialMs * factor ** (attempt - 1));
          const delay = backoffDelay(attempt, p, () => r);
          return delay >= Math.floor(d * (1 - jitter)) && delay <= Math.ceil(d);
        },
      ),
    );
  });
});

describe('seededRandom', () => {
  it('is reproducible per seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const first = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(8)()).not.toBe(first[0]);
  });
});
