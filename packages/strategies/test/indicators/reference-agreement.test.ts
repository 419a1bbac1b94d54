import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { atr, bollinger, ema, macd, type Ohlc, rollingOLS, rsi, sma, stddev, wma, zscore } from '../../src/index';
import { expectSeriesClose } from './expect-close';
import { refAtr, refEma, refMacd, refOls, refRsi, refSma, refStddev, refWma, refZscore } from './reference';
import { randomWalkPrices } from './seeded-random';

interface IndicatorFixture {
  btc: { open: number[]; high: number[]; low: number[]; close: number[] };
  solClose: number[];
  expected: Record<string, (number | null)[]> & {
    macd: Record<'macd' | 'signal' | 'histogram', (number | null)[]>;
    bollinger20: Record<'upper' | 'middle' | 'lower', (number | null)[]>;
    ols60SolOnBtc: Record<'beta' | 'alpha' | 'rSquared' | 'residualStd', (number | null)[]>;
  };
}

/** numpy, direct TA-Lib formulas on 600 real 1m BTCUSDT candles (scripts/fixtures/make_indicator_fixtures.py). */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/indicators-btcusdt-1m.json', import.meta.url), 'utf8')) as IndicatorFixture;
const closes = fixture.btc.close;
const bars: Ohlc[] = closes.map((close, i) => ({
  open: fixture.btc.open[i] as number,
  high: fixture.btc.high[i] as number,
  low: fixture.btc.low[i] as number,
  close,
}));
const e = fixture.expected;
const REL = 1e-9;

describe('agreement with numpy (TA-Lib definitions) on real BTCUSDT 1m candles, warm-up included', () => {
  it('sma, ema, wma', () => {
    expectSeriesClose(sma(bars, { period: 20 }), e.sma20 as (number | null)[], REL);
    expectSeriesClose(ema(closes, { period: 20 }), e.ema20 as (number | null)[], REL);
    expectSeriesClose(wma(closes, { period: 20 }), e.wma20 as (number | null)[], REL);
  });

  it('rsi 14', () => {
    expectSeriesClose(rsi(closes, { period: 14 }), e.rsi14 as (number | null)[], REL);
  });

  it('macd 12/26/9 (floor 1 quote unit for the near-zero lines)', () => {
    const out = macd(closes);
    expectSeriesClose(
      out.map((v) => v.macd),
      e.macd.macd,
      REL,
    );
    expectSeriesClose(
      out.map((v) => v.signal),
      e.macd.signal,
      REL,
    );
    expectSeriesClose(
      out.map((v) => v.histogram),
      e.macd.histogram,
      REL,
    );
  });

  it('bollinger 20/2, stddev 20, zscore 20', () => {
    const bands = bollinger(closes, { period: 20 });
    for (const k of ['upper', 'middle', 'lower'] as const) {
      expectSeriesClose(
        bands.map((b) => b[k]),
        e.bollinger20[k],
        REL,
      );
    }
    expectSeriesClose(stddev(closes, { period: 20 }), e.stddev20 as (number | null)[], REL);
    expectSeriesClose(zscore(closes, { period: 20 }), e.zscore20 as (number | null)[], REL);
  });

  it('atr 14 on OHLC', () => {
    expectSeriesClose(atr(bars, { period: 14 }), e.atr14 as (number | null)[], REL);
  });

  it('rollingOLS 60 of SOL on BTC', () => {
    const points = closes.map((x, i) => ({ x, y: fixture.solClose[i] as number }));
    const out = rollingOLS(points, { period: 60 });
    for (const k of ['beta', 'alpha', 'rSquared', 'residualStd'] as const) {
      expectSeriesClose(
        out.map((v) => v[k]),
        e.ols60SolOnBtc[k],
        1e-8,
      );
    }
  });
});

describe('agreement with direct (non-incremental) TS implementations on a seeded random walk', () => {
  const prices = randomWalkPrices(7, 3_000, 30_000, 0.002);
  const walkBars: Ohlc[] = prices.map((close, i) => {
    const open = i === 0 ? close : (prices[i - 1] as number);
    return { open, high: Math.max(open, close) * 1.0005, low: Math.min(open, close) * 0.9995, close };
  });

  for (const period of [1, 2, 7, 50]) {
    it(`window indicators, period ${period}`, () => {
      expectSeriesClose(sma(prices, { period }), refSma(prices, period), REL);
      expectSeriesClose(ema(prices, { period }), refEma(prices, period), REL);
      expectSeriesClose(wma(prices, { period }), refWma(prices, period), REL);
      expectSeriesClose(rsi(prices, { period }), refRsi(prices, period), REL);
      expectSeriesClose(atr(walkBars, { period }), refAtr(walkBars, period), REL);
      expectSeriesClose(stddev(prices, { period }), refStddev(prices, period), REL);
      expectSeriesClose(zscore(prices, { period }), refZscore(prices, period), REL);
    });
  }

  it('macd with other periods', () => {
    const ref = refMacd(prices, 5, 35, 5);
    const out = macd(prices, { fast: 5, slow: 35, signal: 5 });
    expectSeriesClose(
      out.map((v) => v.macd),
      ref.macd,
      REL,
    );
    expectSeriesClose(
      out.map((v) => v.signal),
      ref.signal,
      REL,
    );
  });

  it('rollingOLS on two correlated walks', () => {
    const other = randomWalkPrices(8, 3_000, 2_000, 0.002).map((p, i) => p + 0.05 * (prices[i] as number));
    const ref = refOls(prices, other, 40);
    const out = rollingOLS(
      prices.map((x, i) => ({ x, y: other[i] as number })),
      { period: 40 },
    );
    for (const k of ['beta', 'alpha', 'rSquared', 'residualStd'] as const) {
      expectSeriesClose(
        out.map((v) => v[k]),
        ref.map((v) => v[k]),
        1e-8,
      );
    }
  });
});
