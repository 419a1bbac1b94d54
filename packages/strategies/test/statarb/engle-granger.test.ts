import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { CollinearSeriesError, engleGranger, SingularMatrixError } from '../../src/index';
import { autolagOf, loadFixture, named } from './fixtures';

interface CointCase {
  y: string;
  x: string;
  options: { trend: 'n' | 'c' | 'ct'; autolag: string | null; maxLag: number | null };
  expected: {
    statistic: number;
    pValue: number;
    criticalValues: Record<'1%' | '5%' | '10%', number> | null;
    hedgeRatio: number;
    intercept: number | null;
    trendSlope: number | null;
    usedLag: number;
    nobs: number;
    residualsHead: number[];
    residualsTail: number[];
  };
}

const { cases, meta } = loadFixture<{ cases: CointCase[]; meta: { statsmodels: string } }>('statarb-coint.json');

describe(`engleGranger agrees with statsmodels ${meta.statsmodels} coint`, () => {
  it.each(
    cases.map((c) => [`${c.y} on ${c.x} trend=${c.options.trend} autolag=${c.options.autolag} maxLag=${c.options.maxLag}`, c] as const),
  )('%s', (_, c) => {
    const r = engleGranger(named(c.y), named(c.x), {
      trend: c.options.trend,
      maxLag: c.options.maxLag,
      autolag: autolagOf(c.options.autolag),
    });
    const e = c.expected;
    expect(Math.abs(r.statistic - e.statistic)).toBeLessThan(1e-6);
    expect(Math.abs(r.pValue - e.pValue)).toBeLessThan(1e-4);
    expect(r.usedLag).toBe(e.usedLag);
    expect(r.nobs).toBe(e.nobs);
    expect(r.hedgeRatio).toBeCloseTo(e.hedgeRatio, 10);
    if (e.intercept !== null) expect(r.intercept).toBeCloseTo(e.intercept, 9);
    if (e.trendSlope !== null) expect(r.trendSlope).toBeCloseTo(e.trendSlope, 12);
    if (e.criticalValues === null) expect(r.criticalValues).toBeNull();
    else for (const k of ['1%', '5%', '10%'] as const) expect(r.criticalValues?.[k]).toBeCloseTo(e.criticalValues[k], 10);
    e.residualsHead.forEach((v, i) => {
      expect(r.residuals[i]).toBeCloseTo(v, 10);
    });
    e.residualsTail.forEach((v, i) => {
      expect(r.residuals[r.residuals.length - 5 + i]).toBeCloseTo(v, 10);
    });
  });
});

describe('engleGranger on known pairs', () => {
  it('finds the constructed pair y = 3 + 1.5x + AR(1) with the right hedge ratio', () => {
    const r = engleGranger(named('sim_pair_y'), named('sim_pair_x'));
    expect(r.pValue).toBeLessThan(0.01);
    expect(r.hedgeRatio).toBeGreaterThan(1.49);
    expect(r.hedgeRatio).toBeLessThan(1.51);
    expect(r.intercept).toBeGreaterThan(2);
    expect(r.intercept).toBeLessThan(4);
  });

  it('two independent random walks are not cointegrated', () => {
    expect(engleGranger(named('sim_random_walk'), named('sim_pair_x')).pValue).toBeGreaterThan(0.05);
  });

  it('BTC quoted in USDC and in USDT on Binance.US are cointegrated at 1 % (March 2023, across the USDC de-peg)', () => {
    const r = engleGranger(named('btcusdc_15m_log'), named('btcusdt_15m_log'));
    expect(r.pValue).toBeLessThan(0.01);
  });
});

describe('engleGranger input errors', () => {
  it('refuses perfectly collinear series instead of returning −∞', () => {
    const x = named('sim_pair_x');
    expect(() =>
      engleGranger(
        x.map((v) => 2 * v + 1),
        x,
      ),
    ).toThrow(CollinearSeriesError);
  });

  it('a constant regressor is singular; unequal lengths and NaN are validation errors', () => {
    const y = named('sim_pair_y').slice(0, 100);
    expect(() => engleGranger(y, Array(100).fill(3))).toThrow(SingularMatrixError);
    expect(() => engleGranger(y, y.slice(1))).toThrow(ValidationError);
    expect(() => engleGranger([...y.slice(0, 99), Number.NaN], y)).toThrow(/engleGranger y\.99 = NaN/);
  });
});
