import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { adfTest, InsufficientDataError, SingularMatrixError } from '../../src/index';
import { seededNormal } from '../indicators/seeded-random';
import { autolagOf, loadFixture, named } from './fixtures';

interface AdfCase {
  series: string;
  options: { regression: 'n' | 'c' | 'ct'; maxLag: number | null; autolag: string | null };
  expected: { statistic: number; pValue: number; usedLag: number; nobs: number; criticalValues: Record<'1%' | '5%' | '10%', number> };
}

const { cases, meta } = loadFixture<{ cases: AdfCase[]; meta: { statsmodels: string } }>('statarb-adf.json');

describe(`adfTest agrees with statsmodels ${meta.statsmodels} adfuller`, () => {
  it.each(cases.map((c) => [`${c.series} ${c.options.regression} maxLag=${c.options.maxLag} autolag=${c.options.autolag}`, c] as const))(
    '%s',
    (_, c) => {
      const r = adfTest(named(c.series), {
        regression: c.options.regression,
        maxLag: c.options.maxLag,
        autolag: autolagOf(c.options.autolag),
      });
      expect(r.usedLag).toBe(c.expected.usedLag);
      expect(r.nobs).toBe(c.expected.nobs);
      expect(Math.abs(r.statistic - c.expected.statistic)).toBeLessThan(1e-6);
      expect(Math.abs(r.pValue - c.expected.pValue)).toBeLessThan(1e-4);
      for (const k of ['1%', '5%', '10%'] as const) expect(r.criticalValues[k]).toBeCloseTo(c.expected.criticalValues[k], 10);
    },
  );

  it('is far tighter than required: 1e-8 on every statistic and p-value', () => {
    let worst = 0;
    for (const c of cases) {
      const r = adfTest(named(c.series), {
        regression: c.options.regression,
        maxLag: c.options.maxLag,
        autolag: autolagOf(c.options.autolag),
      });
      worst = Math.max(worst, Math.abs(r.statistic - c.expected.statistic), Math.abs(r.pValue - c.expected.pValue));
    }
    expect(worst).toBeLessThan(1e-8);
  });
});

describe('adfTest on series with known properties', () => {
  it('a random walk is not stationary at 5 %, in any specification', () => {
    for (const regression of ['n', 'c', 'ct'] as const) {
      expect(adfTest(named('sim_random_walk'), { regression }).pValue).toBeGreaterThan(0.05);
    }
  });

  it('an AR(1) with φ = 0.5 is stationary at 1 %', () => {
    for (const regression of ['n', 'c', 'ct'] as const) {
      const r = adfTest(named('sim_ar1'), { regression });
      expect(r.pValue).toBeLessThan(0.01);
      expect(r.statistic).toBeLessThan(r.criticalValues['1%']);
    }
  });

  it('over many seeded random walks, about 5 % reject at 5 % (size of the test)', () => {
    const z = seededNormal(2024);
    let rejections = 0;
    const trials = 200;
    for (let k = 0; k < trials; k++) {
      const walk: number[] = [0];
      for (let t = 1; t < 250; t++) walk.push((walk[t - 1] as number) + z());
      if (adfTest(walk, { regression: 'c', maxLag: 0, autolag: null }).pValue < 0.05) rejections++;
    }
    // Binomial(200, 0.05): mean 10, sd 3.1 → 1…22 is a ±4 sd band.
    expect(rejections).toBeGreaterThanOrEqual(1);
    expect(rejections).toBeLessThanOrEqual(22);
  });

  it('real BTC log prices have a unit root; the BTCUSDC−BTCUSDT log spread is stationary', () => {
    expect(adfTest(named('btcusdt_15m_log')).pValue).toBeGreaterThan(0.5);
    expect(adfTest(named('usdc_usdt_spread_15m')).pValue).toBeLessThan(0.05);
  });
});

describe('adfTest input errors', () => {
  it('too few observations for the lags', () => {
    expect(() => adfTest([1, 2, 3, 2, 1], { maxLag: 4 })).toThrow(InsufficientDataError);
    expect(() => adfTest([1, 2, 3], { regression: 'ct' })).toThrow(InsufficientDataError);
    try {
      adfTest([1, 2, 3, 2, 1], { maxLag: 4 });
    } catch (err) {
      expect(err).toMatchObject({ code: 'INSUFFICIENT_DATA', context: { maxLag: 4, nobs: 5 } });
    }
  });

  it('a constant series has a singular regression', () => {
    expect(() => adfTest(Array(50).fill(7))).toThrow(SingularMatrixError);
  });

  it('non-finite values and bad options are validation errors naming the field', () => {
    expect(() => adfTest([1, 2, Number.NaN, 4, 5, 6])).toThrow(/adfTest series\.2 = NaN/);
    expect(() => adfTest([1, 2, 3, 4], { regression: 'ctt' as 'c' })).toThrow(ValidationError);
    expect(() => adfTest([1, 2, 3, 4], { maxLag: -1 })).toThrow(ValidationError);
  });
});
