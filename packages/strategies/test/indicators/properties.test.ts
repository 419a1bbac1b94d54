import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bollinger, rollingOLS, rsi, sma, wma, zscore } from '../../src/index';

const price = fc.double({ min: 1e-3, max: 1e6, noNaN: true, noDefaultInfinity: true });
const series = fc.array(price, { minLength: 1, maxLength: 80 });
const period = fc.integer({ min: 1, max: 12 });

describe('invariants (fast-check)', () => {
  it('sma and wma stay within [min, max] of their window', () => {
    fc.assert(
      fc.property(series, period, (xs, n) => {
        const s = sma(xs, { period: n });
        const w = wma(xs, { period: n });
        for (let t = n - 1; t < xs.length; t++) {
          const win = xs.slice(t - n + 1, t + 1);
          const lo = Math.min(...win);
          const hi = Math.max(...win);
          const slack = 1e-12 * hi;
          expect(s[t]).toBeGreaterThanOrEqual(lo - slack);
          expect(s[t]).toBeLessThanOrEqual(hi + slack);
          expect(w[t]).toBeGreaterThanOrEqual(lo - slack);
          expect(w[t]).toBeLessThanOrEqual(hi + slack);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a z-score is unchanged by adding a constant or scaling by a positive factor', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 5, maxLength: 60 }),
        fc.integer({ min: 2, max: 10 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (xs, n, shift, scale) => {
          const base = zscore(xs, { period: n });
          const moved = zscore(
            xs.map((x) => x * scale + shift),
            { period: n },
          );
          base.forEach((z, t) => {
            if (Number.isNaN(z)) {
              expect(moved[t]).toBeNaN();
              return;
            }
            // Shifting rounds each value by ~ε·|shift|: skip windows whose (scaled)
            // spread is so small that this rounding alone moves z by more than 1e-9.
            const win = xs.slice(Math.max(0, t - n + 1), t + 1);
            const spread = scale * (Math.max(...win) - Math.min(...win));
            if (spread < 1e-7 * (Math.abs(shift) + 100 * scale)) return;
            expect(Math.abs((moved[t] as number) - z)).toBeLessThan(1e-6 * Math.max(1, Math.abs(z)));
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rsi stays within [0, 100]', () => {
    fc.assert(
      fc.property(series, period, (xs, n) => {
        for (const v of rsi(xs, { period: n })) {
          if (Number.isNaN(v)) continue;
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('bollinger bands are ordered lower ≤ middle ≤ upper', () => {
    fc.assert(
      fc.property(series, period, (xs, n) => {
        for (const b of bollinger(xs, { period: n })) {
          if (Number.isNaN(b.middle)) continue;
          expect(b.lower).toBeLessThanOrEqual(b.middle);
          expect(b.middle).toBeLessThanOrEqual(b.upper);
        }
      }),
    );
  });

  it('rollingOLS recovers an exact line y = a + b·x', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 3, maxLength: 40 }),
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: -50, max: 50 }),
        (xs, a, b) => {
          const points = xs.map((x) => ({ x, y: a + b * x }));
          for (const fit of rollingOLS(points, { period: 3 })) {
            if (Number.isNaN(fit.beta)) continue;
            expect(fit.beta).toBeCloseTo(b, 6);
            expect(fit.alpha).toBeCloseTo(a, 4);
          }
        },
      ),
    );
  });
});
