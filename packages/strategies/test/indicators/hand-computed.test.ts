import { describe, expect, it } from 'vitest';
import { atr, bollinger, ema, macd, rollingOLS, rsi, sma, stddev, wma, zscore } from '../../src/index';

/** Exact expected values worked out by hand on tiny series (arithmetic in the comments). */
const xs = [2, 4, 6, 8, 10.5];

describe('moving averages by hand', () => {
  it('sma: mean of the last N, NaN before the N-th input', () => {
    // (2+4+6)/3 = 4; (4+6+8)/3 = 6; (6+8+10.5)/3 = 24.5/3
    const out = sma(xs, { period: 3 });
    expect(out.slice(0, 2)).toEqual([Number.NaN, Number.NaN]);
    expect(out[2]).toBe(4);
    expect(out[3]).toBe(6);
    expect(out[4]).toBeCloseTo(24.5 / 3, 14);
  });

  it('ema: seeded with the SMA of the first N (TA-Lib), then k = 2/(N+1)', () => {
    // N = 3 → k = 0.5; seed (2+4+6)/3 = 4; 4 + 0.5·(8 − 4) = 6; 6 + 0.5·(10.5 − 6) = 8.25
    expect(ema(xs, { period: 3 })).toEqual([Number.NaN, Number.NaN, 4, 6, 8.25]);
  });

  it('wma: weights 1…N over N(N+1)/2', () => {
    // (1·2 + 2·4 + 3·6)/6 = 28/6; (4 + 12 + 24)/6 = 40/6; (6 + 16 + 31.5)/6 = 53.5/6
    const out = wma(xs, { period: 3 });
    expect(out[2]).toBeCloseTo(28 / 6, 14);
    expect(out[3]).toBeCloseTo(40 / 6, 14);
    expect(out[4]).toBeCloseTo(53.5 / 6, 14);
  });

  it('period 1 is the identity for sma, ema and wma', () => {
    expect(sma(xs, { period: 1 })).toEqual(xs);
    expect(ema(xs, { period: 1 })).toEqual(xs);
    expect(wma(xs, { period: 1 })).toEqual(xs);
  });
});

describe('oscillators by hand', () => {
  it("rsi: Wilder's smoothing, first value after N changes", () => {
    // changes +1, −0.5, +1.5, −1, +0.5; N = 3
    // first: avgGain (1 + 1.5)/3 = 5/6, avgLoss 0.5/3 = 1/6 → 100·(5/6)/1 = 250/3
    // then  avgGain (5/6·2 + 0)/3 = 5/9, avgLoss (1/6·2 + 1)/3 = 4/9 → 500/9
    // then  avgGain (5/9·2 + 0.5)/3 = 29/54, avgLoss (4/9·2)/3 = 16/54 → 100·29/45 = 580/9
    const out = rsi([10, 11, 10.5, 12, 11, 11.5], { period: 3 });
    expect(out.slice(0, 3)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(out[3]).toBeCloseTo(250 / 3, 12);
    expect(out[4]).toBeCloseTo(500 / 9, 12);
    expect(out[5]).toBeCloseTo(580 / 9, 12);
  });

  it('rsi of a series that never moves is 0 (TA-Lib), of one that only rises 100', () => {
    expect(rsi([5, 5, 5, 5], { period: 2 })).toEqual([Number.NaN, Number.NaN, 0, 0]);
    expect(rsi([1, 2, 3, 4], { period: 2 })).toEqual([Number.NaN, Number.NaN, 100, 100]);
  });

  it('macd: TA-Lib seeding (fast EMA seeded on the window ending at slow − 1)', () => {
    // fast 2 (k 2/3), slow 3 (k 1/2), signal 2 (k 2/3) on 1, 2, 4, 7, 11
    // index 2: slow seed (1+2+4)/3 = 7/3, fast seed (2+4)/2 = 3 → line 2/3
    // index 3: fast 3 + 2/3·4 = 17/3, slow 7/3 + 1/2·14/3 = 14/3 → line 1; signal seed (2/3 + 1)/2 = 5/6
    // index 4: fast 17/3 + 2/3·16/3 = 83/9, slow 14/3 + 1/2·19/3 = 47/6 → line 25/18;
    //          signal 5/6 + 2/3·(25/18 − 5/6) = 65/54; histogram 25/18 − 65/54 = 5/27
    const out = macd([1, 2, 4, 7, 11], { fast: 2, slow: 3, signal: 2 });
    expect(out.slice(0, 3).every((v) => Number.isNaN(v.macd) && Number.isNaN(v.signal))).toBe(true);
    expect(out[3]?.macd).toBeCloseTo(1, 14);
    expect(out[3]?.signal).toBeCloseTo(5 / 6, 14);
    expect(out[3]?.histogram).toBeCloseTo(1 / 6, 14);
    expect(out[4]?.macd).toBeCloseTo(25 / 18, 14);
    expect(out[4]?.signal).toBeCloseTo(65 / 54, 14);
    expect(out[4]?.histogram).toBeCloseTo(5 / 27, 14);
  });

  it('macd 12/26/9 starts at index 33, as TA-Lib', () => {
    const closes = Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i / 3) * 5 + i * 0.1);
    const out = macd(closes);
    expect(out.findIndex((v) => !Number.isNaN(v.macd))).toBe(33);
  });
});

describe('dispersion by hand', () => {
  it('stddev is the population standard deviation', () => {
    // windows [1,3] → 1; [3,3] → 0; [3,7] → 2
    expect(stddev([1, 3, 3, 7], { period: 2 })).toEqual([Number.NaN, 1, 0, 2]);
  });

  it('bollinger: SMA ± k·population sd', () => {
    // window 1, 2, 6: mean 3, variance (4 + 1 + 9)/3 = 14/3
    const [, , b] = bollinger([1, 2, 6], { period: 3, stdDevUp: 2, stdDevDown: 1 });
    expect(b?.middle).toBe(3);
    expect(b?.upper).toBeCloseTo(3 + 2 * Math.sqrt(14 / 3), 14);
    expect(b?.lower).toBeCloseTo(3 - Math.sqrt(14 / 3), 14);
  });

  it('zscore: (x − mean)/population sd over the window including x', () => {
    // [1,2,6]: 3/√(14/3); [2,6,6]: mean 14/3, variance 96/27 = 32/9 → (4/3)/(4√2/3) = 1/√2
    const out = zscore([1, 2, 6, 6], { period: 3 });
    expect(out[2]).toBeCloseTo(3 / Math.sqrt(14 / 3), 14);
    expect(out[3]).toBeCloseTo(Math.SQRT1_2, 14);
  });

  it('zscore and stddev of a flat window are exactly 0, even for values that do not sum exactly', () => {
    const flat = Array.from({ length: 10 }, () => 0.1);
    expect(zscore(flat, { period: 3 }).slice(2)).toEqual(Array(8).fill(0));
    expect(stddev(flat, { period: 3 }).slice(2)).toEqual(Array(8).fill(0));
  });

  it('atr: true range with the previous close, Wilder smoothing', () => {
    const bars = [
      { open: 10, high: 11, low: 9, close: 10 },
      { open: 10, high: 12, low: 10, close: 11 }, // TR max(2, |12−10|, |10−10|) = 2
      { open: 11, high: 11.5, low: 8, close: 9 }, // TR max(3.5, 0.5, 3) = 3.5 → ATR (2 + 3.5)/2 = 2.75
      { open: 9, high: 9.5, low: 9, close: 9.2 }, // TR max(0.5, 0.5, 0) = 0.5 → (2.75 + 0.5)/2 = 1.625
      { open: 11, high: 12, low: 11, close: 11.5 }, // gap: TR max(1, 2.8, 1.8) = 2.8 → (1.625 + 2.8)/2 = 2.2125
    ];
    const out = atr(bars, { period: 2 });
    expect(out.slice(0, 2)).toEqual([Number.NaN, Number.NaN]);
    expect(out[2]).toBe(2.75);
    expect(out[3]).toBe(1.625);
    expect(out[4]).toBeCloseTo(2.2125, 14);
  });

  it('rollingOLS: slope, intercept, R² and residual sd of the window', () => {
    // (1,3),(2,5),(3,7) lie on y = 1 + 2x.
    // (2,5),(3,7),(4,10): x̄ 3, ȳ 22/3, Sxx 2, Sxy 7/3 + 8/3 = 5 → beta 2.5, alpha 22/3 − 7.5 = −1/6;
    // residuals 1/6, −1/3, 1/6 → SSR 1/6; Syy 114/9 → R² = 1 − (1/6)/(114/9) = 112.5/114; sd √(SSR/3) = √(1/18)
    const out = rollingOLS(
      [
        { x: 1, y: 3 },
        { x: 2, y: 5 },
        { x: 3, y: 7 },
        { x: 4, y: 10 },
      ],
      { period: 3 },
    );
    expect(out[2]?.beta).toBeCloseTo(2, 14);
    expect(out[2]?.alpha).toBeCloseTo(1, 14);
    expect(out[2]?.rSquared).toBeCloseTo(1, 14);
    expect(out[2]?.residualStd).toBeCloseTo(0, 7);
    expect(out[3]?.beta).toBeCloseTo(2.5, 14);
    expect(out[3]?.alpha).toBeCloseTo(-1 / 6, 13);
    expect(out[3]?.rSquared).toBeCloseTo(112.5 / 114, 14);
    expect(out[3]?.residualStd).toBeCloseTo(Math.sqrt(1 / 18), 14);
  });

  it('rollingOLS skips windows where x is flat (no slope)', () => {
    const out = rollingOLS(
      [
        { x: 1, y: 1 },
        { x: 1, y: 2 },
        { x: 2, y: 3 },
      ],
      { period: 2 },
    );
    expect(Number.isNaN(out[1]?.beta)).toBe(true);
    expect(out[2]?.beta).toBe(1);
  });

  it('bars are read through the chosen source', () => {
    const bars = [
      { open: 1, high: 4, low: 0, close: 2 },
      { open: 2, high: 6, low: 2, close: 3 },
    ];
    // hl2: 2, 4 → SMA 3; hlc3: 2, 11/3; ohlc4: 7/4, 13/4 → SMA 2.5
    expect(sma(bars, { period: 2, source: 'hl2' })[1]).toBe(3);
    expect(sma(bars, { period: 2, source: 'hlc3' })[1]).toBeCloseTo((2 + 11 / 3) / 2, 14);
    expect(sma(bars, { period: 2, source: 'ohlc4' })[1]).toBe(2.5);
    expect(sma(bars, { period: 2 })[1]).toBe(2.5); // close by default
  });
});
