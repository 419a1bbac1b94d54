import { ValidationError } from '@arbot/core';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { KalmanHedgeState, kalmanHedgeRatio } from '../../src/index';
import { loadFixture, named } from './fixtures';

interface KalmanFixture {
  x: string;
  y: string;
  count: number;
  options: { delta: number; observationVariance: number; initialBeta: number; initialAlpha: number; initialVariance: number };
  expected: { beta: number[]; alpha: number[]; forecastError: number[]; forecastStd: number[] };
}
const { kalman } = loadFixture<{ kalman: KalmanFixture }>('statarb-spread.json');

describe('kalmanHedgeRatio', () => {
  it('first step by hand', () => {
    // delta 0.5 → Vw = 1·I; Ve = 1; prior θ = 0, P = 1·I → R = 2·I
    // h = (2, 1): Q = hᵀRh + 1 = 2·4 + 2·1 + 1 = 11; e = 7 − 0 = 7; K = Rh/Q = (4/11, 2/11)
    // beta = 28/11, alpha = 14/11, √Q = √11, z = 7/√11
    const k = new KalmanHedgeState({ delta: 0.5, observationVariance: 1, initialVariance: 1 });
    const v = k.update({ x: 2, y: 7 });
    expect(v.beta).toBeCloseTo(28 / 11, 14);
    expect(v.alpha).toBeCloseTo(14 / 11, 14);
    expect(v.forecastError).toBe(7);
    expect(v.forecastStd).toBeCloseTo(Math.sqrt(11), 14);
    expect(v.zScore).toBeCloseTo(7 / Math.sqrt(11), 14);
  });

  it('agrees with a numpy matrix implementation of the same filter on 400 steps', () => {
    const xs = named(kalman.x).slice(0, kalman.count);
    const ys = named(kalman.y).slice(0, kalman.count);
    const out = kalmanHedgeRatio(
      xs.map((x, i) => ({ x, y: ys[i] as number })),
      kalman.options,
    );
    out.forEach((v, i) => {
      expect(v.beta).toBeCloseTo(kalman.expected.beta[i] as number, 9);
      expect(v.alpha).toBeCloseTo(kalman.expected.alpha[i] as number, 8);
      expect(v.forecastError).toBeCloseTo(kalman.expected.forecastError[i] as number, 8);
      expect(v.forecastStd).toBeCloseTo(kalman.expected.forecastStd[i] as number, 9);
    });
  });

  it('tracks the constructed pair to its hedge ratio 1.5', async () => {
    const xs = named('sim_pair_x');
    const ys = named('sim_pair_y');
    const out = await lastValueFrom(
      from(xs.map((x, i) => ({ x, y: ys[i] as number }))).pipe(
        kalmanHedgeRatio({ delta: 1e-6, observationVariance: 0.25, initialVariance: 100 }),
        toArray(),
      ),
    );
    const last = out.at(-1);
    expect(last?.beta).toBeGreaterThan(1.45);
    expect(last?.beta).toBeLessThan(1.55);
    // the forecast errors of a well-specified filter are standardised: |z| mostly below 3
    const late = out.slice(500);
    expect(late.filter((v) => Math.abs(v.zScore) > 3).length / late.length).toBeLessThan(0.02);
  });

  it('validates options and inputs', () => {
    expect(() => kalmanHedgeRatio({ delta: 1 })).toThrow(ValidationError);
    expect(() => new KalmanHedgeState({ observationVariance: 0 })).toThrow(ValidationError);
    expect(() => new KalmanHedgeState().update({ x: Number.NaN, y: 1 })).toThrow(/x = NaN/);
  });
});
