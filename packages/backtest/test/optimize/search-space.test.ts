import { ValidationError } from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, encode, gridPoints, gridSize, parseSpace } from '../../src/index';
import { cholesky, solveLower, solveUpperTransposed } from '../../src/optimize/cholesky';
import { expectedImprovement, normalCdf, normalPdf } from '../../src/optimize/expected-improvement';
import { GaussianProcess } from '../../src/optimize/gaussian-process';

describe('parameter spaces', () => {
  const space = parseSpace({
    fast: { type: 'int', min: 5, max: 20, step: 5 },
    scale: { type: 'float', min: 1, max: 100, steps: 3, log: true },
    average: { type: 'choice', values: ['sma', 'ema'] },
  });

  it('enumerates the grid, the first parameter slowest', () => {
    // 4 ints (5, 10, 15, 20) × 3 log-spaced floats (1, 10, 100) × 2 choices = 24
    expect(gridSize(space)).toBe(24);
    const points = gridPoints(space);
    expect(points).toHaveLength(24);
    expect(points[0]).toEqual({ fast: 5, scale: 1, average: 'sma' });
    expect(points[1]).toEqual({ fast: 5, scale: 1, average: 'ema' });
    expect(points[2]?.scale).toBeCloseTo(10, 12);
    expect(points[23]).toEqual({ fast: 20, scale: 100, average: 'ema' });
  });

  it('maps points to the unit cube and back', () => {
    // fast 10 → (10 − 5)/15 = 1/3; scale 10 on log [1, 100] → 0.5; 'ema' → (1 + 0.5)/2 = 0.75
    const u = encode(space, { fast: 10, scale: 10, average: 'ema' });
    expect(u[0]).toBeCloseTo(1 / 3, 12);
    expect(u[1]).toBeCloseTo(0.5, 12);
    expect(u[2]).toBe(0.75);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (unit) => {
        const params = decode(space, unit);
        expect([5, 10, 15, 20]).toContain(params.fast);
        expect(params.scale as number).toBeGreaterThanOrEqual(1 - 1e-9);
        expect(params.scale as number).toBeLessThanOrEqual(100 + 1e-9);
        expect(decode(space, encode(space, params))).toEqual(params);
      }),
    );
  });

  it('rejects bad specs with the field named', () => {
    expect(() => parseSpace({})).toThrow(ValidationError);
    expect(() => parseSpace({ a: { type: 'int', min: 3, max: 1 } })).toThrow(/a\.max/);
    expect(() => parseSpace({ a: { type: 'float', min: 0, max: 1, log: true } })).toThrow(/log scale/);
  });
});

describe('Gaussian process pieces', () => {
  it('factors and solves with Cholesky', () => {
    // A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]
    const l = cholesky([
      [4, 2],
      [2, 3],
    ]);
    expect(l?.[0]).toEqual([2, 0]);
    expect(l?.[1]?.[0]).toBe(1);
    expect(l?.[1]?.[1]).toBeCloseTo(Math.SQRT2, 15);
    // A x = [2, 5]: x = [-0.5, 2]
    const x = solveUpperTransposed(l ?? [], solveLower(l ?? [], [2, 5]));
    expect(x[0]).toBeCloseTo(-0.5, 12);
    expect(x[1]).toBeCloseTo(2, 12);
    expect(
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toBeUndefined();
  });

  it('predicts by hand for one observation', () => {
    // One point x0 = 0.2, y0 = 2, ℓ = 0.5, σ² = 0.25: mean(x) = k(x, x0) y0 / (1 + σ²), variance 1 − k² / (1 + σ²).
    // At x = 0.7: k = exp(−0.25 / 0.5) = e^−0.5 = 0.606531; mean = 0.606531 × 2 / 1.25 = 0.970449;
    // variance = 1 − 0.367879 / 1.25 = 0.705696.
    const gp = GaussianProcess.fit([[0.2]], [2], [0.5], 0.25);
    const p = gp?.predict([0.7]);
    expect(p?.mean).toBeCloseTo(0.970449, 6);
    expect(p?.variance).toBeCloseTo(0.705696, 6);
    // log marginal likelihood: −½ y²/(1 + σ²) − ½ log(1.25) − ½ log 2π = −1.6 − 0.1115718 − 0.9189385 = −2.6305103
    expect(gp?.logMarginalLikelihood).toBeCloseTo(-2.6305103, 6);
  });

  it('interpolates its data when noise is tiny', () => {
    const xs = [[0], [0.3], [0.6], [1]];
    const ys = [1, -0.5, 0.25, 2];
    const gp = GaussianProcess.fit(xs, ys, [0.3], 1e-9);
    xs.forEach((x, i) => {
      expect(gp?.predict(x).mean).toBeCloseTo(ys[i] as number, 5);
      expect(gp?.predict(x).variance).toBeLessThan(1e-6);
    });
  });

  it('computes expected improvement by hand', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.1586553, 6);
    // μ = 1, σ = 1, best = 0, ξ = 0: 1 × Φ(1) + φ(1) = 0.8413447 + 0.2419707 = 1.0833154
    expect(expectedImprovement(1, 1, 0, 0)).toBeCloseTo(1.0833154, 6);
    // μ = best: σ φ(0) = 0.3989423 σ
    expect(expectedImprovement(0, 2, 0, 0)).toBeCloseTo(2 * normalPdf(0), 7);
    expect(expectedImprovement(3, 0, 1, 0.5)).toBe(1.5);
  });
});
