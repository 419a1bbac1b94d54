import { describe, expect, it } from 'vitest';
import { tailRisk } from '../../src/index';

describe('tailRisk', () => {
  const losses = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10]; // worst first: 10, 9, 8, 7, …

  it('takes the ⌈m⌉-th worst loss as VaR and the mean of the worst m as ES (m = n(1 − c))', () => {
    // m = 10 × 0.2 = 2: VaR = 2nd worst = 9; ES = (10 + 9) / 2 = 9.5.
    expect(tailRisk(losses, 0.8)).toEqual({ valueAtRisk: 9, expectedShortfall: 9.5 });
    // m = 10 × 0.25 = 2.5: VaR = 3rd worst = 8; ES = (10 + 9 + 0.5 × 8) / 2.5 = 23 / 2.5 = 9.2.
    const r = tailRisk(losses, 0.75);
    expect(r.valueAtRisk).toBe(8);
    expect(r.expectedShortfall).toBeCloseTo(9.2, 12);
    // m = 10 × 0.05 = 0.5 < 1: both are the worst loss.
    expect(tailRisk(losses, 0.95)).toEqual({ valueAtRisk: 10, expectedShortfall: 10 });
  });

  it('counts 500 × (1 − 0.99) as exactly 5 scenarios (Hull: the 5th worst of 500)', () => {
    const many = Array.from({ length: 500 }, (_, i) => i + 1); // worst = 500, 5th worst = 496
    // ES = (500 + 499 + 498 + 497 + 496) / 5 = 498.
    expect(tailRisk(many, 0.99)).toEqual({ valueAtRisk: 496, expectedShortfall: 498 });
  });

  it('refuses an empty sample or a confidence outside (0, 1)', () => {
    expect(() => tailRisk([], 0.9)).toThrow(RangeError);
    expect(() => tailRisk([1], 1)).toThrow(RangeError);
  });
});
