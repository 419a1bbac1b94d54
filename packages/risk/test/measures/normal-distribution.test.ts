import { describe, expect, it } from 'vitest';
import { normalDensity, normalQuantile } from '../../src/index';

describe('normalQuantile / normalDensity', () => {
  it('matches tabulated quantiles of the standard normal', () => {
    // Φ⁻¹ values from standard tables (15 significant digits).
    const table: [number, number][] = [
      [0.5, 0],
      [0.84134474606854, 1],
      [0.95, 1.64485362695147],
      [0.975, 1.95996398454005],
      [0.99, 2.32634787404084],
      [0.999, 3.09023230616781],
      [0.01, -2.32634787404084],
      [1e-6, -4.7534243088229],
    ];
    for (const [p, z] of table) expect(Math.abs(normalQuantile(p) - z)).toBeLessThan(1.2e-9 * Math.max(1, Math.abs(z)));
  });

  it('computes the density', () => {
    expect(normalDensity(0)).toBeCloseTo(0.398942280401433, 14);
    // φ(2.32634787404084) = e^(−2.70594…)/√(2π) = 0.0266521422…
    expect(normalDensity(2.32634787404084)).toBeCloseTo(0.0266521422, 9);
  });

  it('refuses p outside (0, 1)', () => {
    expect(() => normalQuantile(0)).toThrow(RangeError);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });
});
