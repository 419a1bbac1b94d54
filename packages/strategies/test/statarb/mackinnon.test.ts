import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { mackinnonCriticalValues, mackinnonPValue, normalCdf } from '../../src/index';
import { loadFixture } from './fixtures';

interface Grid {
  pValues: { regression: 'n' | 'c' | 'ct'; n: number; stats: number[]; pValues: number[] }[];
  criticalValues: { regression: 'n' | 'c' | 'ct'; n: number; nobs: number | 'inf'; values: [number, number, number] }[];
}

/** statsmodels' mackinnonp / mackinnoncrit on a grid: checks the transcribed response surfaces number by number. */
const grid = loadFixture<Grid>('statarb-mackinnon.json');

describe('MacKinnon response surfaces agree with statsmodels on a grid', () => {
  it('p-values for n, c, ct and N = 1…6, τ from −20 to 4', () => {
    let worst = 0;
    let count = 0;
    for (const row of grid.pValues) {
      row.stats.forEach((stat, i) => {
        worst = Math.max(worst, Math.abs(mackinnonPValue(stat, row.regression, row.n) - (row.pValues[i] as number)));
        count++;
      });
    }
    expect(count).toBe(18 * 97);
    expect(worst).toBeLessThan(1e-12);
  });

  it('critical values for N = 1…12 and T = 25, 100, 500, 2000, ∞', () => {
    for (const row of grid.criticalValues) {
      const cv = mackinnonCriticalValues(row.n, row.regression, row.nobs === 'inf' ? Number.POSITIVE_INFINITY : row.nobs);
      expect(cv['1%']).toBeCloseTo(row.values[0], 10);
      expect(cv['5%']).toBeCloseTo(row.values[1], 10);
      expect(cv['10%']).toBeCloseTo(row.values[2], 10);
    }
  });

  it('the p-value at a critical value is the size (sanity of the two tables together)', () => {
    const cv = mackinnonCriticalValues(1, 'c', Number.POSITIVE_INFINITY);
    expect(mackinnonPValue(cv['5%'], 'c', 1)).toBeCloseTo(0.05, 2);
    expect(mackinnonPValue(cv['1%'], 'c', 1)).toBeCloseTo(0.01, 2);
  });

  it('rejects N outside the tables and critical values that do not exist', () => {
    expect(() => mackinnonPValue(-3, 'c', 7)).toThrow(ValidationError);
    expect(() => mackinnonCriticalValues(2, 'n', 100)).toThrow(/n = 1 only/);
  });
});

describe('normalCdf', () => {
  it('matches known values of Φ', () => {
    // Φ(0) = 1/2; Φ(±1.959963984540054) = 0.975 / 0.025; Φ(−8.5) = 9.47953482220325e-18 (scipy)
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(normalCdf(-8.5) / 9.47953482220325e-18).toBeCloseTo(1, 12);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('is symmetric: Φ(z) + Φ(−z) = 1', () => {
    for (let z = -6; z <= 6; z += 0.37) expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
  });
});
