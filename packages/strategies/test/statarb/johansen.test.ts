import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { InsufficientDataError, johansen, SingularMatrixError } from '../../src/index';
import { loadFixture, named } from './fixtures';

interface Result {
  eigenvalues: number[];
  eigenvectors: number[][];
  traceStatistics: number[];
  maxEigenStatistics: number[];
}
interface JohansenCase {
  series: string[];
  options: { detOrder: -1 | 0 | 1; kArDiff: number };
  expected: Result & { traceCriticalValues: number[][]; maxEigenCriticalValues: number[][] };
  /** The same estimator in 40-digit arithmetic (mpmath). */
  highPrecision: Result;
}

const { cases, meta } = loadFixture<{ cases: JohansenCase[]; meta: { statsmodels: string } }>('statarb-johansen.json');
const rowsOf = (names: readonly string[]): number[][] => {
  const cols = names.map(named);
  return (cols[0] as number[]).map((_, t) => cols.map((c) => c[t] as number));
};
const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));
const results = new Map<JohansenCase, ReturnType<typeof johansen>>();
const resultOf = (c: JohansenCase) => {
  const cached = results.get(c) ?? johansen(rowsOf(c.series), c.options);
  results.set(c, cached);
  return cached;
};
/** Column i of `m` flipped so that its first non-zero entry is positive (eigenvectors are defined up to sign). */
const column = (m: number[][], i: number): number[] => {
  const c = m.map((row) => row[i] as number);
  const lead = c.find((v) => v !== 0) ?? 1;
  return c.map((v) => (lead < 0 ? -v : v));
};

describe(`johansen agrees with statsmodels ${meta.statsmodels} coint_johansen`, () => {
  it.each(cases.map((c) => [`${c.series.join(' + ')} detOrder=${c.options.detOrder} kArDiff=${c.options.kArDiff}`, c] as const))(
    '%s',
    (_, c) => {
      const r = resultOf(c);
      const sm = c.expected;
      const hp = c.highPrecision;
      const k = c.series.length;
      for (let i = 0; i < k; i++) {
        // Against the 40-digit reference: far below the requirement.
        expect(relErr(r.traceStatistics[i] as number, hp.traceStatistics[i] as number)).toBeLessThan(1e-9);
        expect(relErr(r.maxEigenStatistics[i] as number, hp.maxEigenStatistics[i] as number)).toBeLessThan(1e-9);
        expect(Math.abs((r.eigenvalues[i] as number) - (hp.eigenvalues[i] as number))).toBeLessThan(1e-12);
        // Against statsmodels: 1e-6, plus statsmodels' own distance to the exact value where double precision
        // itself falls short (three log prices of BTC without deterministic terms: cond(S11) ≈ 1.6e8).
        const slack = relErr(sm.traceStatistics[i] as number, hp.traceStatistics[i] as number);
        expect(relErr(r.traceStatistics[i] as number, sm.traceStatistics[i] as number)).toBeLessThan(1e-6 + slack);
        const slackMax = relErr(sm.maxEigenStatistics[i] as number, hp.maxEigenStatistics[i] as number);
        expect(relErr(r.maxEigenStatistics[i] as number, sm.maxEigenStatistics[i] as number)).toBeLessThan(1e-6 + slackMax);
        const mine = column(r.eigenvectors, i);
        const exact = column(hp.eigenvectors, i);
        const theirs = column(sm.eigenvectors, i);
        mine.forEach((v, j) => {
          expect(relErr(v, exact[j] as number)).toBeLessThan(1e-8);
          expect(relErr(v, theirs[j] as number)).toBeLessThan(1e-6 + relErr(theirs[j] as number, exact[j] as number));
        });
        expect(r.criticalValues.trace[i]).toEqual({
          '90%': sm.traceCriticalValues[i]?.[0],
          '95%': sm.traceCriticalValues[i]?.[1],
          '99%': sm.traceCriticalValues[i]?.[2],
        });
        expect(r.criticalValues.maxEigen[i]).toEqual({
          '90%': sm.maxEigenCriticalValues[i]?.[0],
          '95%': sm.maxEigenCriticalValues[i]?.[1],
          '99%': sm.maxEigenCriticalValues[i]?.[2],
        });
      }
    },
  );

  it('matches statsmodels to 1e-9 wherever the problem is well conditioned (a constant or trend in the model)', () => {
    for (const c of cases.filter((c) => c.options.detOrder >= 0)) {
      const r = resultOf(c);
      r.traceStatistics.forEach((v, i) => {
        expect(relErr(v, c.expected.traceStatistics[i] as number)).toBeLessThan(1e-9);
      });
    }
  });
});

describe('johansen on known systems', () => {
  it('the constructed pair has rank 1 and its first vector gives the hedge ratio 1.5', () => {
    const r = johansen(rowsOf(['sim_pair_x', 'sim_pair_y']), { detOrder: 0, kArDiff: 1 });
    expect(r.rank).toEqual({ trace: 1, maxEigen: 1 });
    const [v0, v1] = column(r.eigenvectors, 0);
    // β'·(x, y) stationary: y − 1.5x ⇒ β ∝ (−1.5, 1), so −v0/v1 ≈ 1.5
    expect(-(v0 as number) / (v1 as number)).toBeGreaterThan(1.48);
    expect(-(v0 as number) / (v1 as number)).toBeLessThan(1.52);
  });

  it('two unrelated real series (BTC, SOL 1m) have rank 0', () => {
    expect(johansen(rowsOf(['btcusdt_1m_2025_log', 'solusdt_1m_2025_log'])).rank).toEqual({ trace: 0, maxEigen: 0 });
  });

  it('eigenvectors are normalised so that vᵀS₁₁v = 1 (checked through the statistics being scale-free)', () => {
    const rows = rowsOf(['sim_pair_x', 'sim_pair_y']);
    const scaled = rows.map(([x, y]) => [100 * (x as number), (y as number) / 7]);
    const a = johansen(rows);
    const b = johansen(scaled);
    a.traceStatistics.forEach((v, i) => {
      expect(b.traceStatistics[i]).toBeCloseTo(v, 8);
    });
    // Rescaling a series rescales its row of the eigenvectors inversely.
    expect((b.eigenvectors[0]?.[0] as number) * 100).toBeCloseTo(a.eigenvectors[0]?.[0] as number, 8);
  });
});

describe('johansen input errors', () => {
  it('ragged rows, non-finite values and too few rows', () => {
    expect(() => johansen([[1, 2], [3]])).toThrow(ValidationError);
    expect(() =>
      johansen([
        [1, 2],
        [3, Number.NaN],
      ]),
    ).toThrow(/observations\.1\.1 = NaN/);
    expect(() =>
      johansen(
        Array.from({ length: 5 }, (_, t) => [t, t * t]),
        { kArDiff: 2 },
      ),
    ).toThrow(InsufficientDataError);
  });

  it('a duplicated series makes S11 singular', () => {
    const x = named('sim_pair_x');
    expect(() => johansen(x.map((v) => [v, v]))).toThrow(SingularMatrixError);
  });
});
