import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { halfLife, meanReversionFit, SingularMatrixError } from '../../src/index';
import { loadFixture, named } from './fixtures';

const { halfLife: expected } = loadFixture<{ halfLife: Record<string, { phi: number; intercept: number; halfLife: number }> }>(
  'statarb-spread.json',
);

describe('halfLife', () => {
  it('a spread that halves every bar has a half-life of exactly 1', () => {
    // Δs = −0.5·s on every step: φ = 0.5 → −ln 2 / ln 0.5 = 1
    expect(halfLife([1, 0.5, 0.25, 0.125, 0.0625])).toBeCloseTo(1, 12);
  });

  it('φ = 0.9: −ln 2 / ln 0.9 ≈ 6.5788 bars', () => {
    const s = [10];
    for (let t = 1; t < 40; t++) s.push(2 + 0.9 * ((s[t - 1] as number) - 2));
    // s_t − 2 = 0.9·(s_{t−1} − 2) exactly, so the fit is exact: intercept 0.2 (= 2·(1 − 0.9))
    const fit = meanReversionFit(s);
    expect(fit.phi).toBeCloseTo(0.9, 10);
    expect(fit.intercept).toBeCloseTo(0.2, 9);
    expect(fit.halfLife).toBeCloseTo(-Math.LN2 / Math.log(0.9), 8);
  });

  it.each(Object.entries(expected))('agrees with numpy least squares on %s', (name, e) => {
    const fit = meanReversionFit(named(name));
    expect(fit.phi).toBeCloseTo(e.phi, 12);
    expect(fit.intercept).toBeCloseTo(e.intercept, 12);
    expect(Math.abs(fit.halfLife - e.halfLife) / e.halfLife).toBeLessThan(1e-9);
  });

  it('the simulated AR(1) with φ = 0.5 has a half-life near 1 bar', () => {
    expect(halfLife(named('sim_ar1'))).toBeGreaterThan(0.9);
    expect(halfLife(named('sim_ar1'))).toBeLessThan(1.1);
  });

  it('a trending (explosive) series does not revert: Infinity', () => {
    expect(halfLife([1, 2, 4, 8, 16, 32])).toBe(Number.POSITIVE_INFINITY);
  });

  it('errors: constant spread, too short, non-finite', () => {
    expect(() => halfLife([3, 3, 3, 3])).toThrow(SingularMatrixError);
    expect(() => halfLife([1, 2])).toThrow(ValidationError);
    expect(() => halfLife([1, Number.POSITIVE_INFINITY, 2])).toThrow(ValidationError);
  });
});
