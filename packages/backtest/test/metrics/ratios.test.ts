import { Decimal } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import {
  annualizedVolatility,
  drawdownSeries,
  drawdownStats,
  periodReturns,
  periodsPerYear,
  perPeriodRate,
  sampleStdDev,
  sharpeRatio,
  sortinoRatio,
  YEAR_MS,
} from '../../src/index';

const HOUR = 3_600_000;
const DAY = 86_400_000;
const curve = (values: number[], step: number) => values.map((v, i) => ({ ts: i * step, equity: new Decimal(v) }));

// Equity 100 → 110 → 99 → 121.
// Returns: 110/100 − 1 = 0.1; 99/110 − 1 = −0.1; 121/99 − 1 = 2/9 ≈ 0.222222.
// Mean = (0.1 − 0.1 + 2/9) / 3 = 2/27 ≈ 0.0740741.
// Deviations from the mean: 0.7/27, −4.7/27, 4/27; squares sum (0.49 + 22.09 + 16)/729 = 38.58/729;
// sample variance = 38.58/729/2 = 19.29/729, stdev = √19.29/27 ≈ 0.1626681.
const RETURNS = [0.1, -0.1, 2 / 9];
const MEAN = 2 / 27;
const SD = Math.sqrt(19.29) / 27;

describe('return ratios (hand-worked)', () => {
  it('period returns are E_i / E_{i-1} − 1', () => {
    const r = periodReturns(curve([100, 110, 99, 121], HOUR));
    expect(r).toHaveLength(3);
    for (const [i, x] of r.entries()) expect(x).toBeCloseTo(RETURNS[i] as number, 12);
  });

  it('the sample standard deviation uses n − 1', () => {
    expect(sampleStdDev(RETURNS)).toBeCloseTo(SD, 12); // 0.1626681
    expect(sampleStdDev([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3), 12); // Σ(x − 2.5)² = 5, / 3
    expect(sampleStdDev([1])).toBeUndefined();
  });

  it('annualizes with P = 365 days / period', () => {
    expect(YEAR_MS).toBe(31_536_000_000);
    expect(periodsPerYear(HOUR)).toBe(8_760);
    expect(periodsPerYear(DAY)).toBe(365);
    expect(periodsPerYear(60_000)).toBe(525_600);
  });

  it('Sharpe = mean / stdev × √P', () => {
    // Hourly: (2/27) / (√19.29/27) × √8760 = 2/√19.29 × 93.59487 = 0.4553680 × 93.59487 ≈ 42.62024
    expect(sharpeRatio({ returns: RETURNS, periodMs: HOUR })).toBeCloseTo(42.62024, 4);
    // Daily: 0.4553680 × √365 (19.10497) ≈ 8.699821
    expect(sharpeRatio({ returns: RETURNS, periodMs: DAY })).toBeCloseTo(8.699821, 5);
    expect(sharpeRatio({ returns: [0.01], periodMs: DAY })).toBeUndefined();
    expect(sharpeRatio({ returns: [0.01, 0.01], periodMs: DAY })).toBeUndefined(); // zero deviation
  });

  it('Sharpe subtracts the per-period risk-free rate (1 + r)^(1/P) − 1', () => {
    // 5 % a year, daily: 1.05^(1/365) − 1 ≈ 0.000133681
    expect(perPeriodRate(0.05, 365)).toBeCloseTo(0.000133681, 9);
    // (0.0740741 − 0.000133681) / 0.1626681 × 19.10497 ≈ 8.684120
    expect(sharpeRatio({ returns: RETURNS, periodMs: DAY, riskFreeRate: 0.05 })).toBeCloseTo(8.68412, 4);
  });

  it('Sortino = mean / √(Σ min(0, r)² / n) × √P', () => {
    // Downside: only −0.1 → √(0.01 / 3) = 0.0577350; (2/27) / 0.0577350 = 1.283000
    // hourly × 93.59487 ≈ 120.0823, daily × 19.10497 ≈ 24.51169
    expect(sortinoRatio({ returns: RETURNS, periodMs: HOUR })).toBeCloseTo(120.0823, 3);
    expect(sortinoRatio({ returns: RETURNS, periodMs: DAY })).toBeCloseTo(24.51169, 4);
    // With r_f = 0.000133681 the downside is √(((−0.1 − r_f)² + 0 + 0) / 3) = 0.0578122
    expect(sortinoRatio({ returns: RETURNS, periodMs: DAY, riskFreeRate: 0.05 })).toBeCloseTo(24.43479, 4);
    expect(sortinoRatio({ returns: [0.01, 0.02], periodMs: DAY })).toBeUndefined(); // no downside
  });

  it('volatility = stdev × √P', () => {
    expect(annualizedVolatility({ returns: RETURNS, periodMs: DAY })).toBeCloseTo(SD * Math.sqrt(365), 12); // ≈ 3.107769
  });

  it('uses the mean of the returns', () => {
    expect(RETURNS.reduce((a, b) => a + b) / 3).toBeCloseTo(MEAN, 15);
  });
});

describe('drawdown (hand-worked)', () => {
  it('finds the worst fall, its amount and the longest underwater stretch', () => {
    // 100, 120, 90, 100, 130, 125 hourly. Peak 120 (t=1h) → trough 90 (t=2h): 30/120 = 0.25.
    // Underwater from 1h until 130 at 4h: 3h; then below 130 from 4h to the end (5h): 1h. Longest: 3h.
    const stats = drawdownStats(curve([100, 120, 90, 100, 130, 125], HOUR));
    expect(stats.maxDrawdown).toBe(0.25);
    expect(stats.maxDrawdownAmount.toString()).toBe('30');
    expect(stats.peakTs).toBe(HOUR);
    expect(stats.troughTs).toBe(2 * HOUR);
    expect(stats.maxDrawdownDurationMs).toBe(3 * HOUR);
  });

  it('counts an unrecovered drawdown up to the last sample and nothing for a rising curve', () => {
    // Peak 110 at 1h, never regained: underwater 1h → 3h = 2h; worst 110 → 88 = 0.2
    const falling = drawdownStats(curve([100, 110, 99, 88], HOUR));
    expect(falling.maxDrawdown).toBeCloseTo(0.2, 15);
    expect(falling.maxDrawdownDurationMs).toBe(2 * HOUR);
    const rising = drawdownStats(curve([1, 2, 3], HOUR));
    expect(rising).toMatchObject({ maxDrawdown: 0, maxDrawdownDurationMs: 0, peakTs: undefined });
  });

  it('gives the running drawdown of every sample', () => {
    // running peaks 100, 120, 120, 120, 130: drawdowns 0, 0, 30/120, 20/120, 0
    expect(drawdownSeries(curve([100, 120, 90, 100, 130], HOUR)).map((p) => p.drawdown)).toEqual([0, 0, 0.25, 20 / 120, 0]);
  });
});
