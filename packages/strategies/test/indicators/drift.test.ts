import { describe, expect, it } from 'vitest';
import { BollingerState, RollingOlsState, SmaState, StddevState, WmaState, ZscoreState } from '../../src/index';
import { seededUniform } from './seeded-random';

/**
 * 5,000,000 updates through every window state, over a series that switches
 * every million updates between a level of 1e6 (sd ~10) and a level of 0.01
 * (sd ~1e-5): running sums or Σx² − (Σx)²/n would carry the error of the
 * large era into the small one. At checkpoints (including just after a
 * switch, once the window holds only small values) each incremental value
 * must equal a direct recomputation over the last window to 1e-9 relative.
 */
const UPDATES = 5_000_000;
const PERIOD = 100;
const CHECKPOINTS = new Set([250_000, 1_000_150, 2_500_000, 3_000_100, UPDATES]);

function directMoments(w: readonly number[]): { mean: number; sd: number } {
  const mean = w.reduce((s, v) => s + v, 0) / w.length;
  const sd = Math.sqrt(w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length);
  return { mean, sd };
}

const rel = (a: number, b: number, scale = Math.abs(b)): number => Math.abs(a - b) / Math.max(scale, Number.MIN_VALUE);

describe('no drift over 5M updates', () => {
  it('sma, wma, stddev, zscore, bollinger and rollingOLS equal a direct recomputation of the last window', () => {
    // Triangular noise on [−1, 1] (two uniforms): cheaper than normal draws, as good a stress.
    const u = seededUniform(99);
    const z = () => u() + u() - 1;
    const smaS = new SmaState(PERIOD);
    const wmaS = new WmaState(PERIOD);
    const sdS = new StddevState(PERIOD);
    const zS = new ZscoreState(PERIOD);
    const bbS = new BollingerState(PERIOD, 2, 2);
    const olsS = new RollingOlsState(PERIOD);
    const xs = new Float64Array(PERIOD);
    const ys = new Float64Array(PERIOD);
    let big = 1e6;
    let small = 0.01;
    let checked = 0;
    let worst = 0;
    for (let t = 1; t <= UPDATES; t++) {
      const largeEra = Math.floor((t - 1) / 1_000_000) % 2 === 0;
      let x: number;
      if (largeEra) {
        big = Math.max(1e5, big + 10 * z());
        x = big;
      } else {
        small = Math.max(1e-3, small + 1e-5 * z());
        x = small;
      }
      const y = 2 * x + (largeEra ? 5 : 5e-6) * z();
      xs[t % PERIOD] = x;
      ys[t % PERIOD] = y;
      const vSma = smaS.update(x);
      const vWma = wmaS.update(x);
      const vSd = sdS.update(x);
      const vZ = zS.update(x);
      const vBb = bbS.update(x);
      const vOls = olsS.update({ x, y });
      if (!CHECKPOINTS.has(t)) continue;

      // The window, oldest first, recomputed directly.
      const w: number[] = [];
      const wy: number[] = [];
      for (let i = t - PERIOD + 1; i <= t; i++) {
        w.push(xs[i % PERIOD] as number);
        wy.push(ys[i % PERIOD] as number);
      }
      const { mean, sd } = directMoments(w);
      const wmaDirect = w.reduce((s, v, i) => s + (i + 1) * v, 0) / ((PERIOD * (PERIOD + 1)) / 2);
      const my = wy.reduce((s, v) => s + v, 0) / PERIOD;
      let sxx = 0;
      let sxy = 0;
      for (let i = 0; i < PERIOD; i++) {
        sxx += ((w[i] as number) - mean) ** 2;
        sxy += ((w[i] as number) - mean) * ((wy[i] as number) - my);
      }
      const beta = sxy / sxx;
      const errors = [
        rel(vSma as number, mean),
        rel(vWma as number, wmaDirect),
        rel(vSd as number, sd),
        // z is a ratio of deviations: compare on its own O(1) scale.
        rel(vZ as number, (x - mean) / sd, Math.max(1, Math.abs((x - mean) / sd))),
        rel(vBb?.upper as number, mean + 2 * sd),
        rel(vBb?.lower as number, mean - 2 * sd),
        rel(vOls?.beta as number, beta),
        rel(vOls?.alpha as number, my - beta * mean, Math.abs(my)),
      ];
      worst = Math.max(worst, ...errors);
      checked++;
    }
    expect(checked).toBe(CHECKPOINTS.size);
    expect(worst).toBeLessThan(1e-9);
  }, 120_000);
});
