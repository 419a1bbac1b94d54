import { Decimal, parseMarket, parseOpportunity, toDecimal, ValidationError, VirtualClock } from '@arbot/core';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type PairsTradingOptions, type PairTick, pairsTrading } from '../../src/index';
import { btcUsdt, ethUsdt } from '../indicators/markets';
import { refOls } from '../indicators/reference';
import { named } from './fixtures';

/**
 * b drifts and wiggles; a = 10 + 2·b + s with a small deterministic noise s,
 * plus events: a dip at 60–62, a jump at 100 then a blow-out from 101 to
 * 115, and a sharp dip at 140–141.
 */
function scenario(): PairTick[] {
  const ticks: PairTick[] = [];
  for (let t = 0; t < 170; t++) {
    const b = 100 + 0.3 * t + 2 * Math.sin(t / 5);
    let s = 0.05 * Math.sin(1.7 * t) + 0.03 * Math.cos(2.9 * t);
    if (t >= 60 && t < 63) s -= 0.5;
    if (t === 100) s += 0.3;
    if (t > 100 && t < 116) s += 6;
    if (t >= 140 && t < 142) s -= 0.5;
    ticks.push({ ts: 1_700_000_000_000 + t * 60_000, a: 10 + 2 * b + s, b });
  }
  return ticks;
}

const LOOKBACK = 20;
const clock = new VirtualClock(1_800_000_000_000);
const options: PairsTradingOptions = {
  markets: { a: ethUsdt, b: btcUsdt },
  lookback: LOOKBACK,
  entryZ: 2,
  exitZ: 0.5,
  stopZ: 3.9,
  amount: '0.5',
  slippageBps: 10,
  clock,
};

/** The rule as documented, applied to z-scores of a direct (non-incremental) rolling regression. */
function expectedActions(ticks: readonly PairTick[]): [string, number][] {
  const fits = refOls(
    ticks.map((k) => k.b),
    ticks.map((k) => k.a),
    LOOKBACK,
  );
  const out: [string, number][] = [];
  let position: 'long' | 'short' | undefined;
  let armed = true;
  fits.forEach((f, t) => {
    if (Number.isNaN(f.beta)) return;
    const tick = ticks[t] as PairTick;
    const z = (tick.a - f.alpha - f.beta * tick.b) / f.residualStd;
    if (position === undefined) {
      if (!armed) {
        armed = Math.abs(z) < 2;
        return;
      }
      if (Math.abs(z) >= 2 && Math.abs(z) < 3.9) {
        position = z > 0 ? 'short' : 'long';
        out.push([`enter-${position}`, t]);
      }
      return;
    }
    const adverse = position === 'long' ? -z : z;
    if (adverse >= 3.9) {
      out.push(['stop', t]);
      position = undefined;
      armed = false;
    } else if (adverse <= 0.5) {
      out.push(['exit', t]);
      position = undefined;
    }
  });
  return out;
}

describe('pairsTrading (rolling OLS)', () => {
  const ticks = scenario();

  it('enters on |z| ≥ entryZ, exits within exitZ, stops at stopZ, and waits to re-arm after a stop', async () => {
    const ops = await lastValueFrom(from(ticks).pipe(pairsTrading(options), toArray()));
    const t0 = ticks[0]?.ts as number;
    const actual = ops.map((o) => [o.signal.action, ((o.sources[0]?.ts as number) - t0) / 60_000]);
    expect(actual).toEqual(expectedActions(ticks));
    // The scenario exercises every branch: both entries, exit, stop, the re-arm wait after the stop (102),
    // and a refused entry beyond stopZ (140, |z| ≈ 4.05) followed by an entry at 141.
    expect(actual).toEqual([
      ['enter-long', 60],
      ['exit', 63],
      ['enter-short', 100],
      ['stop', 101],
      ['enter-long', 116],
      ['exit', 120],
      ['enter-long', 141],
      ['exit', 142],
    ]);
    for (const op of ops) expect(() => parseOpportunity(op)).not.toThrow();
  });

  it('sizes, prices and values the legs on the markets’ grids', async () => {
    const ops = await lastValueFrom(from(ticks).pipe(pairsTrading(options), toArray()));
    const [entry, exit] = ops;
    const fit = refOls(
      ticks.map((k) => k.b),
      ticks.map((k) => k.a),
      LOOKBACK,
    )[60] as { beta: number; alpha: number; residualStd: number };
    const t60 = ticks[60] as PairTick;
    const t63 = ticks[63] as PairTick;
    const z = (t60.a - fit.alpha - fit.beta * t60.b) / fit.residualStd;

    // Long spread: buy 0.5 a (ETH step 0.0001), sell |beta|·0.5 b rounded down to 0.00001.
    const amountB = new Decimal(Math.abs(fit.beta)).times('0.5').toDecimalPlaces(5, Decimal.ROUND_DOWN);
    expect(entry?.kind).toBe('statistical');
    expect(entry?.legs.map((l) => [l.symbol, l.side, l.amount.toString()])).toEqual([
      ['ETH/USDT', 'buy', '0.5'],
      ['BTC/USDT', 'sell', amountB.toString()],
    ]);
    // Limits 10 bps away, on the 0.01 tick: buy rounds down, sell rounds up.
    expect(entry?.legs[0]?.priceLimit.toString()).toBe(toDecimal(t60.a).times('1.001').toDecimalPlaces(2, Decimal.ROUND_DOWN).toString());
    expect(entry?.legs[1]?.priceLimit.toString()).toBe(toDecimal(t60.b).times('0.999').toDecimalPlaces(2, Decimal.ROUND_UP).toString());
    expect(entry?.signal.zScore).toBeCloseTo(z, 9);
    expect(entry?.signal.hedgeRatio).toBeCloseTo(fit.beta, 9);
    // Expected gross: reversion from |z| to exitZ, (|z| − 0.5)·σ·0.5
    expect(entry?.expected.gross.toNumber()).toBeCloseTo((Math.abs(z) - 0.5) * fit.residualStd * 0.5, 9);
    const entryNotional = toDecimal(t60.a).times('0.5').plus(toDecimal(t60.b).times(amountB));
    expect(entry?.expected.notional.eq(entryNotional)).toBe(true);
    expect(entry?.expected.fees.eq(entryNotional.times('0.001'))).toBe(true);

    // The exit reverses both legs with the same amounts; its gross is the round trip's P&L.
    expect(exit?.legs.map((l) => [l.symbol, l.side, l.amount.toString()])).toEqual([
      ['ETH/USDT', 'sell', '0.5'],
      ['BTC/USDT', 'buy', amountB.toString()],
    ]);
    const pnl = toDecimal(t63.a)
      .minus(toDecimal(t60.a))
      .times('0.5')
      .minus(toDecimal(t63.b).minus(toDecimal(t60.b)).times(amountB));
    expect(exit?.expected.gross.eq(pnl)).toBe(true);
    expect(exit?.expected.net.eq(pnl.minus(exit.expected.fees))).toBe(true);
    expect(exit?.id).toBe(`pairs-trading:ETH/USDT~BTC/USDT:${t63.ts}:exit`);
    expect(exit?.detectedAt).toBe(1_800_000_000_000);
    expect(exit?.sources.map((s) => s.symbol)).toEqual(['ETH/USDT', 'BTC/USDT']);
  });

  it('with a negative hedge ratio, both legs of a long spread are bought', async () => {
    // a = 1000 − 2·b + s: same residuals as the scenario, so the same first signal, but beta < 0.
    const mirrored = ticks.map((k) => ({ ...k, a: 1000 - 2 * k.b + (k.a - 10 - 2 * k.b) }));
    const [entry, exit] = await lastValueFrom(from(mirrored).pipe(pairsTrading(options), toArray()));
    expect(entry?.signal.action).toBe('enter-long');
    expect(entry?.signal.hedgeRatio).toBeLessThan(0);
    expect(entry?.legs.map((l) => l.side)).toEqual(['buy', 'buy']);
    expect(exit?.legs.map((l) => l.side)).toEqual(['sell', 'sell']);
  });

  it('a z-score is unchanged when the spread is shifted by a constant (the intercept absorbs it)', async () => {
    const shifted = ticks.map((k) => ({ ...k, a: k.a + 25 }));
    const a = await lastValueFrom(from(ticks).pipe(pairsTrading(options), toArray()));
    const b = await lastValueFrom(from(shifted).pipe(pairsTrading(options), toArray()));
    expect(b.map((o) => o.signal.action)).toEqual(a.map((o) => o.signal.action));
    b.forEach((o, i) => {
      expect(o.signal.zScore).toBeCloseTo(a[i]?.signal.zScore as number, 8);
    });
  });
});

describe('pairsTrading (Kalman hedge)', () => {
  it('trades the simulated cointegrated pair with alternating openings and closings at beta ≈ 1.5', async () => {
    const xs = named('sim_pair_x');
    const ys = named('sim_pair_y');
    const ticks = xs.map((x, t) => ({ ts: t * 60_000, a: ys[t] as number, b: x }));
    const ops = await lastValueFrom(
      from(ticks).pipe(
        pairsTrading({
          ...options,
          lookback: 100,
          hedge: 'kalman',
          kalman: { delta: 1e-6, observationVariance: 0.25, initialVariance: 100 },
        }),
        toArray(),
      ),
    );
    expect(ops.length).toBeGreaterThanOrEqual(20);
    ops.forEach((o, i) => {
      expect(o.signal.action.startsWith('enter')).toBe(i % 2 === 0);
      expect(o.signal.hedgeRatio).toBeGreaterThan(1.4);
      expect(o.signal.hedgeRatio).toBeLessThan(1.6);
      expect(() => parseOpportunity(o)).not.toThrow();
    });
    // Entries are at |z| in [entryZ, stopZ), exits within exitZ on the other side of the entry.
    for (const o of ops.filter((p) => p.signal.action.startsWith('enter'))) {
      expect(Math.abs(o.signal.zScore)).toBeGreaterThanOrEqual(2);
      expect(Math.abs(o.signal.zScore)).toBeLessThan(3.9);
    }
  });
});

describe('pairsTrading validation', () => {
  it('refuses inconsistent thresholds, mixed quotes and amounts below the step', () => {
    expect(() => pairsTrading({ ...options, exitZ: 2 })).toThrow(/exitZ must be < entryZ/);
    expect(() => pairsTrading({ ...options, stopZ: 1.5 })).toThrow(/stopZ must be > entryZ/);
    const ethBtc = parseMarket({
      venue: 'binance',
      symbol: 'ETH/BTC',
      id: 'ETHBTC',
      base: 'ETH',
      quote: 'BTC',
      precision: { amount: '0.0001', price: '0.00001' },
      limits: {},
      fees: { maker: '0.001', taker: '0.001' },
    });
    expect(() => pairsTrading({ ...options, markets: { a: ethBtc, b: btcUsdt } })).toThrow(/same quote currency/);
    expect(() => pairsTrading({ ...options, amount: '0.00001' })).toThrow(/rounds to 0/);
    expect(() => pairsTrading({ ...options, lookback: 2 })).toThrow(ValidationError);
  });

  it('errors the stream on a non-positive price', async () => {
    const bad = [...scenario().slice(0, 5), { ts: 1, a: -3, b: 100 }];
    await expect(lastValueFrom(from(bad).pipe(pairsTrading(options), toArray()))).rejects.toMatchObject({
      code: 'VALIDATION',
      issues: [{ field: 'a' }],
    });
  });
});
