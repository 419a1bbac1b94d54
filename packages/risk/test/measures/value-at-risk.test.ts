import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import {
  historicalVar,
  InsufficientDataError,
  monteCarloVar,
  normalDensity,
  normalQuantile,
  parametricVar,
  portfolioReturns,
  seededRandom,
} from '../../src/index';

// Two zero-mean, orthogonal patterns with sample variance Σx²/(n−1) = 4/3 each.
const u = [1, -1, 1, -1];
const v = [1, 1, -1, -1];
const k = Math.sqrt(3 / 4); // rescales a pattern to unit sample variance

/** A series with sample mean 0 and sample standard deviation `sigma`. */
const withStd = (sigma: number, pattern = u) => pattern.map((x) => sigma * k * x);

describe('portfolioReturns', () => {
  it('weights each period', () => {
    // 0.5 × 0.01 + 0.5 × 0.03 = 0.02; 0.5 × −0.02 + 0.5 × 0 = −0.01.
    expect(
      portfolioReturns(
        [
          [0.01, -0.02],
          [0.03, 0],
        ],
        [0.5, 0.5],
      ),
    ).toEqual([0.02, -0.01]);
  });
});

describe('historicalVar', () => {
  // 20 daily returns; sorted losses (−r), worst first: 0.062, 0.041, 0.035, 0.028, 0.022, …
  const returns = [
    0.012, -0.035, 0.004, 0.021, -0.062, 0.009, -0.011, 0.015, -0.028, 0.003, 0.018, -0.041, 0.007, -0.004, 0.025, -0.022, 0.011, -0.008,
    0.002, 0.016,
  ];

  it('reads the tail of the past returns', () => {
    // c = 0.9: m = 20 × 0.1 = 2 → VaR = 2nd worst = 0.041; ES = (0.062 + 0.041) / 2 = 0.0515.
    const r = historicalVar({ returns, confidence: 0.9, portfolioValue: 100_000 });
    expect(r.valueAtRisk).toBeCloseTo(0.041, 12);
    expect(r.expectedShortfall).toBeCloseTo(0.0515, 12);
    expect(r.valueAtRiskAmount).toBeCloseTo(4_100, 6);
    expect(r.expectedShortfallAmount).toBeCloseTo(5_150, 6);
    expect(r).toMatchObject({ method: 'historical', confidence: 0.9, horizon: 1, scenarios: 20 });
    // c = 0.875: m = 2.5 → VaR = 3rd worst = 0.035; ES = (0.062 + 0.041 + 0.5 × 0.035) / 2.5 = 0.1205 / 2.5 = 0.0482.
    const f = historicalVar({ returns, confidence: 0.875 });
    expect(f.valueAtRisk).toBeCloseTo(0.035, 12);
    expect(f.expectedShortfall).toBeCloseTo(0.0482, 12);
    expect(f.valueAtRiskAmount).toBeUndefined();
  });

  it('combines assets with weights before reading the tail', () => {
    // a = [0.02, −0.04, 0.01, −0.01], b = [−0.02, 0.00, 0.03, −0.05], w = [0.75, 0.25]
    // portfolio = [0.01, −0.03, 0.015, −0.02] → losses worst first 0.03, 0.02, −0.01, −0.015.
    // c = 0.5: m = 2 → VaR = 0.02, ES = (0.03 + 0.02) / 2 = 0.025.
    const r = historicalVar({
      returns: [
        [0.02, -0.04, 0.01, -0.01],
        [-0.02, 0, 0.03, -0.05],
      ],
      weights: [0.75, 0.25],
      confidence: 0.5,
    });
    expect(r.valueAtRisk).toBeCloseTo(0.02, 12);
    expect(r.expectedShortfall).toBeCloseTo(0.025, 12);
  });

  it('builds multi-period scenarios from overlapping compounded windows, or scales by √h', () => {
    // h = 2 over [0.1, −0.2, 0.05, −0.1]: 1.1 × 0.8 − 1 = −0.12, 0.8 × 1.05 − 1 = −0.16, 1.05 × 0.9 − 1 = −0.055
    // → losses 0.16, 0.12, 0.055. c = 0.5: m = 1.5 → VaR = 2nd worst = 0.12; ES = (0.16 + 0.5 × 0.12) / 1.5 = 0.14666…
    const r = historicalVar({ returns: [0.1, -0.2, 0.05, -0.1], confidence: 0.5, horizon: 2 });
    expect(r.scenarios).toBe(3);
    expect(r.valueAtRisk).toBeCloseTo(0.12, 12);
    expect(r.expectedShortfall).toBeCloseTo(0.22 / 1.5, 12);
    // √h: one-day losses 0.2, 0.1, −0.05, −0.1; c = 0.5 → m = 2: VaR 0.1, ES 0.15; × √2.
    const s = historicalVar({ returns: [0.1, -0.2, 0.05, -0.1], confidence: 0.5, horizon: 2, horizonMethod: 'sqrtTime' });
    expect(s.valueAtRisk).toBeCloseTo(0.1 * Math.SQRT2, 12);
    expect(s.expectedShortfall).toBeCloseTo(0.15 * Math.SQRT2, 12);
  });

  it('refuses a horizon longer than the series and malformed input', () => {
    expect(() => historicalVar({ returns: [0.01, -0.02], confidence: 0.99, horizon: 5 })).toThrow(InsufficientDataError);
    expect(() => historicalVar({ returns: [[0.01], [0.02]], confidence: 0.99 })).toThrow(/weights/);
    expect(() => historicalVar({ returns: [[0.01, 0.02], [0.02]], weights: [1, 1], confidence: 0.99 })).toThrow(ValidationError);
    expect(() => historicalVar({ returns: [0.01], confidence: 1 })).toThrow(ValidationError);
  });
});

describe('parametricVar', () => {
  const z99 = 2.3263478740408408;

  it("reproduces Hull's single-asset example: $10M, daily σ 2 %, 10-day 99 % VaR ≈ $1,471,300", () => {
    // σ_10 = 0.02 × √10 = 0.0632456; VaR = 0.0632456 × 2.3263479 = 0.1471316 → $1,471,316
    // (Hull rounds z to 2.326 and quotes $1,471,300).
    // ES = σ_10 × φ(z) / 0.01 = 0.0632456 × 0.0266521 / 0.01 = 0.1685631 → $1,685,631.
    const r = parametricVar({ returns: withStd(0.02), confidence: 0.99, horizon: 10, portfolioValue: 10_000_000 });
    expect(r.valueAtRisk).toBeCloseTo(0.02 * Math.sqrt(10) * z99, 9);
    expect(r.valueAtRiskAmount).toBeCloseTo(1_471_316, -1);
    expect(Math.abs((r.valueAtRiskAmount ?? 0) - 1_471_300) / 1_471_300).toBeLessThan(2e-5);
    expect(r.expectedShortfallAmount).toBeCloseTo(1_685_631, -1);
  });

  it("reproduces Hull's two-asset example: $5M at σ 2 %, $5M at σ 1 %, ρ = 0.3", () => {
    // σ_p(fraction) = √(0.5²·0.02² + 0.5²·0.01² + 2·0.5·0.5·0.3·0.02·0.01) = √0.000155 = 0.01244990
    // → $124,499 per day; 10-day 99 % VaR = 124,499 × 3.1622777 × 2.3263479 = 393,700.4 × 2.3263479 = $915,884.
    const a = withStd(0.02);
    const b = u.map((x, i) => 0.01 * k * (0.3 * x + Math.sqrt(1 - 0.09) * (v[i] ?? 0)));
    const r = parametricVar({ returns: [a, b], weights: [0.5, 0.5], confidence: 0.99, horizon: 10, portfolioValue: 10_000_000 });
    const sigma = Math.sqrt(0.000155);
    expect(sigma * 10_000_000).toBeCloseTo(124_499, 0);
    expect(r.valueAtRisk).toBeCloseTo(sigma * Math.sqrt(10) * z99, 9);
    expect(r.valueAtRiskAmount).toBeCloseTo(915_884, -1);
  });

  it('subtracts the expected return unless told not to', () => {
    // [0.03, −0.01, 0.03, −0.01]: mean 0.01, sample σ = √(4 × 0.02² / 3) = 0.0230940;
    // 95 %: VaR = 0.0230940 × 1.6448536 − 0.01 = 0.0279863; zero-mean: 0.0379863.
    const returns = [0.03, -0.01, 0.03, -0.01];
    const sigma = Math.sqrt((4 * 0.02 ** 2) / 3);
    const z95 = 1.6448536269514722;
    expect(parametricVar({ returns, confidence: 0.95 }).valueAtRisk).toBeCloseTo(sigma * z95 - 0.01, 9);
    expect(parametricVar({ returns, confidence: 0.95, includeMean: false }).valueAtRisk).toBeCloseTo(sigma * z95, 9);
    // ES (with mean) = σ φ(z) / 0.05 − 0.01.
    expect(parametricVar({ returns, confidence: 0.95 }).expectedShortfall).toBeCloseTo((sigma * normalDensity(z95)) / 0.05 - 0.01, 9);
  });

  it('needs two observations', () => {
    expect(() => parametricVar({ returns: [0.01], confidence: 0.99 })).toThrow(InsufficientDataError);
  });
});

describe('monteCarloVar', () => {
  const a = withStd(0.02);
  const b = u.map((x, i) => 0.01 * k * (0.3 * x + Math.sqrt(1 - 0.09) * (v[i] ?? 0)));
  const input = { returns: [a, b], weights: [0.5, 0.5], confidence: 0.99 } as const;

  it('converges to the parametric figures for normal returns, within the sampling error of its path count', () => {
    const paths = 200_000;
    const mc = monteCarloVar({ ...input, paths, seed: 11 });
    const p = parametricVar(input);
    const sigma = Math.sqrt(0.000155);
    const alpha = 0.01;
    const z = normalQuantile(0.99);
    // Asymptotic standard errors of the empirical quantile and of the tail mean for normal losses:
    // SE(VaR) = σ √(α(1−α)/N) / φ(z);  SE(ES) = σ √((Var(X | X > z) + (1−α)(ES₁ − z)²) / (Nα)),
    // with ES₁ = φ(z)/α and Var(X | X > z) = 1 + z·ES₁ − ES₁².
    const es1 = normalDensity(z) / alpha;
    const seVar = (sigma * Math.sqrt((alpha * (1 - alpha)) / paths)) / normalDensity(z);
    const seEs = sigma * Math.sqrt((1 + z * es1 - es1 ** 2 + (1 - alpha) * (es1 - z) ** 2) / (paths * alpha));
    expect(Math.abs(mc.valueAtRisk - p.valueAtRisk)).toBeLessThan(4 * seVar);
    expect(Math.abs(mc.expectedShortfall - p.expectedShortfall)).toBeLessThan(4 * seEs);
    expect(mc.scenarios).toBe(paths);
  });

  it('scales with the horizon like the square-root-of-time parametric model', () => {
    const paths = 40_000;
    const mc = monteCarloVar({ ...input, horizon: 9, paths, seed: 5 });
    const p = parametricVar({ ...input, horizon: 9 });
    const seVar = (Math.sqrt(0.000155 * 9) * Math.sqrt((0.01 * 0.99) / paths)) / normalDensity(normalQuantile(0.99));
    expect(Math.abs(mc.valueAtRisk - p.valueAtRisk)).toBeLessThan(4 * seVar);
  });

  it('is reproducible per seed', () => {
    const one = monteCarloVar({ ...input, paths: 5_000, seed: 99 });
    expect(monteCarloVar({ ...input, paths: 5_000, seed: 99 })).toEqual(one);
    expect(monteCarloVar({ ...input, paths: 5_000, seed: 100 }).valueAtRisk).not.toBe(one.valueAtRisk);
  });

  it('compounds per-period returns when asked', () => {
    // Same seed, same draws: the compounded loss is 1 − Π(1 + r_t) = 1 − exp(Σ ln(1 + r_t)) ≈ 1 − exp(Σ r_t − Σ r_t²/2),
    // and Σ r_t² ≈ h·σ_p² = 20 × 0.000155 = 0.0031, so at the same quantile
    // VaR_compound ≈ 1 − exp(−VaR_sum − 0.00155) (e.g. 1 − exp(−0.12985 − 0.00155) = 0.12314).
    const sum = monteCarloVar({ ...input, horizon: 20, paths: 20_000, seed: 3 });
    const compound = monteCarloVar({ ...input, horizon: 20, paths: 20_000, seed: 3, compound: true });
    expect(compound.valueAtRisk).toBeLessThan(sum.valueAtRisk);
    expect(Math.abs(compound.valueAtRisk - (1 - Math.exp(-sum.valueAtRisk - 0.00155)))).toBeLessThan(1e-3);
  });
});

describe('historical VaR on normal draws', () => {
  it('converges to the parametric VaR as the sample grows', () => {
    const rng = seededRandom(17);
    const n = 100_000;
    const returns = Array.from({ length: n }, () => 0.015 * rng.normal());
    const h = historicalVar({ returns, confidence: 0.975 });
    const p = parametricVar({ returns, confidence: 0.975, includeMean: false });
    const alpha = 0.025;
    const z = normalQuantile(0.975);
    const se = (0.015 * Math.sqrt((alpha * (1 - alpha)) / n)) / normalDensity(z);
    expect(Math.abs(h.valueAtRisk - p.valueAtRisk)).toBeLessThan(4 * se);
  });
});
