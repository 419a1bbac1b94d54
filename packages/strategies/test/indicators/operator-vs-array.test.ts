import { ValidationError } from '@arbot/core';
import { from, lastValueFrom, type Observable, type OperatorFunction, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import {
  atr,
  bollinger,
  ema,
  indicatorOperator,
  kalmanHedgeRatio,
  macd,
  type Ohlc,
  rollingOLS,
  rsi,
  SmaState,
  sma,
  stddev,
  wma,
  zscore,
} from '../../src/index';
import { randomWalkPrices } from './seeded-random';

const prices = randomWalkPrices(3, 400, 100, 0.01);
const bars: Ohlc[] = prices.map((close, i) => {
  const open = i === 0 ? close : (prices[i - 1] as number);
  return { open, high: Math.max(open, close) + 0.1, low: Math.min(open, close) - 0.1, close };
});
const pairs = prices.map((x, i) => ({ x, y: 1.5 * x + Math.sin(i) }));

const run = <I, O>(inputs: readonly I[], op: OperatorFunction<I, O>): Promise<O[]> => lastValueFrom(from(inputs).pipe(op, toArray()));

/** Operator output = array output with the warm-up entries removed. */
function warm<T>(values: readonly T[], isWarm: (v: T) => boolean): T[] {
  return values.filter(isWarm);
}
const num = (v: number) => !Number.isNaN(v);

describe('operator and array forms give identical values', () => {
  it('scalar indicators over numbers and over bars', async () => {
    expect(await run(prices, sma({ period: 20 }))).toEqual(warm(sma(prices, { period: 20 }), num));
    expect(await run(bars, sma({ period: 20, source: 'hlc3' }))).toEqual(warm(sma(bars, { period: 20, source: 'hlc3' }), num));
    expect(await run(prices, ema({ period: 9 }))).toEqual(warm(ema(prices, { period: 9 }), num));
    expect(await run(prices, wma({ period: 9 }))).toEqual(warm(wma(prices, { period: 9 }), num));
    expect(await run(prices, rsi({ period: 14 }))).toEqual(warm(rsi(prices, { period: 14 }), num));
    expect(await run(prices, rsi())).toEqual(warm(rsi(prices), num));
    expect(await run(prices, stddev({ period: 30 }))).toEqual(warm(stddev(prices, { period: 30 }), num));
    expect(await run(prices, zscore({ period: 30 }))).toEqual(warm(zscore(prices, { period: 30 }), num));
    expect(await run(bars, atr({ period: 14 }))).toEqual(warm(atr(bars, { period: 14 }), num));
  });

  it('multi-output indicators', async () => {
    expect(await run(prices, macd())).toEqual(warm(macd(prices), (v) => num(v.macd)));
    expect(await run(prices, bollinger({ period: 20 }))).toEqual(warm(bollinger(prices, { period: 20 }), (v) => num(v.middle)));
    expect(await run(pairs, rollingOLS({ period: 50 }))).toEqual(warm(rollingOLS(pairs, { period: 50 }), (v) => num(v.beta)));
    expect(await run(pairs, kalmanHedgeRatio({ delta: 1e-5 }))).toEqual(kalmanHedgeRatio(pairs, { delta: 1e-5 }));
  });

  it('the first emission comes with the N-th input, not before', async () => {
    const subject = new Subject<number>();
    const seen: number[] = [];
    subject.pipe(sma({ period: 3 })).subscribe((v) => seen.push(v));
    subject.next(1);
    subject.next(2);
    expect(seen).toEqual([]);
    subject.next(3);
    expect(seen).toEqual([2]);
  });

  it('every subscription has its own state', async () => {
    const op = ema({ period: 3 });
    const a = await run([1, 2, 3, 4], op);
    const b = await run([10, 20, 30], op);
    expect(a).toEqual([2, 3]);
    expect(b).toEqual([20]);
  });

  it('a non-finite input errors the stream with a ValidationError naming the field', async () => {
    const failing = run([1, 2, Number.NaN, 4], sma({ period: 2 }));
    await expect(failing).rejects.toBeInstanceOf(ValidationError);
    await expect(failing).rejects.toMatchObject({ code: 'VALIDATION', issues: [{ field: 'value' }] });
    const badBar = run([{ open: 1, high: 2, low: 0.5, close: Number.POSITIVE_INFINITY }], sma({ period: 1 }));
    await expect(badBar).rejects.toMatchObject({ issues: [{ field: 'close' }] });
    const inverted = run([{ open: 1, high: 1, low: 2, close: 1.5 }], atr({ period: 1 }));
    await expect(inverted).rejects.toMatchObject({ issues: [{ field: 'high' }] });
    expect(() => sma([1, Number.NaN], { period: 1 })).toThrow(ValidationError);
  });

  it('indicatorOperator turns any state into an operator, unsubscribing upstream on error', async () => {
    let unsubscribed = false;
    const source = new (await import('rxjs')).Observable<number>((s) => {
      s.next(1);
      s.next(Number.NaN);
      return () => {
        unsubscribed = true;
      };
    }) as Observable<number>;
    await expect(
      lastValueFrom(
        source.pipe(
          indicatorOperator(() => new SmaState(1)),
          toArray(),
        ),
      ),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(unsubscribed).toBe(true);
  });

  it('state reset() starts over', () => {
    const s = new SmaState(2);
    s.update(1);
    s.update(3);
    expect(s.ready).toBe(true);
    s.reset();
    expect(s.ready).toBe(false);
    expect(s.update(5)).toBeUndefined();
    expect(s.update(7)).toBe(6);
  });
});
