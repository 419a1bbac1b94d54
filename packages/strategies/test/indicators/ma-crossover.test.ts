import { type Candle, Decimal, type ExecutionReport, type Fill, parseOpportunity, ValidationError, VirtualClock } from '@arbot/core';
import { from, lastValueFrom, Subject, tap, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type CrossoverBar, ema, type MaCrossoverStrategyOptions, maCrossover, maCrossoverStrategy } from '../../src/index';
import { btcUsdt, hourlyCandles } from './markets';
import { randomWalkPrices } from './seeded-random';

const bar = (close: number, ts: number, closed = true): CrossoverBar => ({ open: close, high: close, low: close, close, ts, closed });

describe('maCrossover', () => {
  it('emits only on the bar where the averages cross, not on a touch', async () => {
    // fast SMA2 / slow SMA3 on 3, 2, 1, 2, 4, 5, 3, 1, 1:
    // i2 1.5 < 2 (start below) · i3 1.5 < 5/3 · i4 3 > 7/3 → golden · i5 4.5 > 11/3
    // i6 4 = 4 (touch: no signal) · i7 2 < 3 → death · i8 1 < 5/3
    const closes = [3, 2, 1, 2, 4, 5, 3, 1, 1];
    const signals = await lastValueFrom(from(closes.map((c, i) => bar(c, i))).pipe(maCrossover({ fast: 2, slow: 3 }), toArray()));
    expect(signals.map((s) => [s.kind, s.ts, s.price])).toEqual([
      ['golden', 4, 4],
      ['death', 7, 1],
    ]);
    expect(signals[0]?.fast).toBe(3);
    expect(signals[0]?.slow).toBeCloseTo(7 / 3, 14);
    expect(signals[1]).toMatchObject({ fast: 2, slow: 3 });
  });

  it('ignores forming bars', async () => {
    const bars = [3, 2, 1, 2].map((c, i) => bar(c, i));
    bars.push(bar(1_000, 4, false)); // a forming bar with a wild price changes nothing
    bars.push(bar(4, 5));
    const signals = await lastValueFrom(from(bars).pipe(maCrossover({ fast: 2, slow: 3 }), toArray()));
    expect(signals.map((s) => [s.kind, s.ts])).toEqual([['golden', 5]]);
  });

  it('EMA crosses are exactly the sign changes of ema(fast) − ema(slow)', async () => {
    const closes = randomWalkPrices(11, 2_000, 100, 0.01);
    const fast = ema(closes, { period: 12 });
    const slow = ema(closes, { period: 26 });
    const expected: [string, number][] = [];
    let side = 0;
    for (let i = 0; i < closes.length; i++) {
      const d = (fast[i] as number) - (slow[i] as number);
      if (Number.isNaN(d) || d === 0) continue;
      const s = Math.sign(d);
      if (side !== 0 && s !== side) expected.push([s > 0 ? 'golden' : 'death', i]);
      side = s;
    }
    const signals = await lastValueFrom(
      from(closes.map((c, i) => bar(c, i))).pipe(maCrossover({ fast: 12, slow: 26, average: 'ema' }), toArray()),
    );
    expect(expected.length).toBeGreaterThan(10);
    expect(signals.map((s) => [s.kind, s.ts])).toEqual(expected);
  });

  it('the defaults are the 50/200 SMA golden cross', async () => {
    // 200 bars falling then rising: the first cross is golden, after both averages exist.
    const closes = [...Array.from({ length: 250 }, (_, i) => 300 - i), ...Array.from({ length: 200 }, (_, i) => 50 + 3 * i)];
    const signals = await lastValueFrom(from(closes.map((c, i) => bar(c, i))).pipe(maCrossover(), toArray()));
    expect(signals.map((s) => s.kind)).toEqual(['golden']);
    expect(signals[0]?.ts).toBeGreaterThan(250);
  });
});

describe('maCrossoverStrategy', () => {
  const clock = new VirtualClock(1_700_100_000_000);
  const base: MaCrossoverStrategyOptions = { market: btcUsdt, amount: '0.0123456', fast: 2, slow: 3, slippageBps: 7, clock };
  // SMA2 vs SMA3: golden at i4 (30000.06 > 23333.37), death at i7 (30000.06 < 36666.71)
  const closes = [30_000, 20_000, 10_000, 20_000, 40_000.123, 50_000, 50_000, 10_000.123, 10_000];

  it('turns crosses into single-leg signal opportunities sized and priced on the market grid', async () => {
    const candles = hourlyCandles(btcUsdt, closes);
    const ops = await lastValueFrom(from(candles).pipe(maCrossoverStrategy(base), toArray()));
    expect(ops).toHaveLength(2);
    const [buy, sell] = ops;
    // amount 0.0123456 → step 0.00001, rounded down: 0.01234
    // buy limit 40000.123 × 1.0007 = 40028.1230861 → tick down: 40028.12
    expect(buy?.legs).toHaveLength(1);
    expect(buy?.kind).toBe('signal');
    expect(buy?.legs[0]?.side).toBe('buy');
    expect(buy?.legs[0]?.amount.toString()).toBe('0.01234');
    expect(buy?.legs[0]?.priceLimit.toString()).toBe('40028.12');
    expect(buy?.legs[0]?.expectedPrice.toString()).toBe('40000.123');
    // notional 0.01234 × 40000.123 = 493.60151782; taker fee 0.1 % = 0.49360151782; edge 0 → net −fee, −10 bps
    expect(buy?.expected.notional.toString()).toBe('493.60151782');
    expect(buy?.expected.fees.toString()).toBe('0.49360151782');
    expect(buy?.expected.gross.toString()).toBe('0');
    expect(buy?.expected.net.toString()).toBe('-0.49360151782');
    expect(buy?.expected.netBps).toBeCloseTo(-10, 12);
    expect(buy?.expected.currency).toBe('USDT');
    expect(buy?.signal.kind).toBe('golden');
    expect(buy?.sources).toEqual([{ venue: 'binance', symbol: 'BTC/USDT', ts: candles[4]?.ts, recvTs: candles[4]?.recvTs }]);
    expect(buy?.detectedAt).toBe(1_700_100_000_000);
    // sell limit 10000.123 × 0.9993 = 9993.1229139 → tick up: 9993.13
    expect(sell?.legs[0]?.side).toBe('sell');
    expect(sell?.legs[0]?.priceLimit.toString()).toBe('9993.13');
    expect(sell?.expected.fees.toString()).toBe('0.12340151782');
    expect(sell?.id).toBe(`ma-crossover:binance:BTC/USDT:${candles[7]?.ts}:death`);
    // They are valid core opportunities for the risk gate and executor.
    for (const op of ops) expect(() => parseOpportunity(op)).not.toThrow();
  });

  it('expectedEdgeBps sets the expected gross', async () => {
    const ops = await lastValueFrom(
      from(hourlyCandles(btcUsdt, closes)).pipe(maCrossoverStrategy({ ...base, expectedEdgeBps: 25 }), toArray()),
    );
    // 493.60151782 × 0.0025 = 1.23400379455; net 1.23400379455 − 0.49360151782 = 0.74040227673 → 15 bps
    expect(ops[0]?.expected.gross.toString()).toBe('1.23400379455');
    expect(ops[0]?.expected.net.toString()).toBe('0.74040227673');
    expect(ops[0]?.expected.netBps).toBeCloseTo(15, 10);
  });

  it('long-only ignores a death cross while flat; every-cross trades it', async () => {
    // SMA2/SMA3 on 10, 20, 30, 20, 10, 20, 40: above at i2, death at i4, golden at i6
    const candles = hourlyCandles(btcUsdt, [10, 20, 30, 20, 10, 20, 40]);
    const longOnly = await lastValueFrom(from(candles).pipe(maCrossoverStrategy({ ...base, amount: '1' }), toArray()));
    const every = await lastValueFrom(from(candles).pipe(maCrossoverStrategy({ ...base, amount: '1', mode: 'every-cross' }), toArray()));
    expect(longOnly.map((o) => o.legs[0]?.side)).toEqual(['buy']);
    expect(every.map((o) => o.legs[0]?.side)).toEqual(['sell', 'buy']);
  });

  describe('with a position source', () => {
    const fill = (side: 'buy' | 'sell', amount: string, fee: string, feeAsset: string, symbol = 'BTC/USDT'): Fill => ({
      id: `f-${side}-${amount}`,
      orderId: 'o-1',
      venue: 'binance',
      symbol,
      side,
      price: new Decimal(40_000),
      amount: new Decimal(amount),
      fee: { asset: feeAsset, amount: new Decimal(fee) },
      liquidity: 'taker',
      ts: 0,
    });
    const report = (opportunityId: string, fills: Fill[], repairs: Fill[] = []): ExecutionReport => {
      const leg = (legIndex: number, fs: Fill[]) => ({
        legIndex,
        venue: 'binance',
        symbol: 'BTC/USDT',
        side: fs[0]?.side ?? 'buy',
        requested: new Decimal(0),
        filled: new Decimal(0),
        orders: [],
        fills: fs,
      });
      return {
        opportunityId,
        status: repairs.length > 0 ? 'repaired' : 'filled',
        legs: [leg(0, fills)],
        repairs: repairs.length > 0 ? [leg(0, repairs)] : [],
        currency: 'USDT',
        realizedPnl: new Decimal(0),
        fees: new Decimal(0),
        residual: {},
        startedAt: 0,
        finishedAt: 0,
      };
    };

    /** Runs the strategy on `closes`, answering each buy with the reports `onBuy` makes of it. */
    const run = (closes: number[], onBuy: (id: string) => ExecutionReport[], options: Partial<MaCrossoverStrategyOptions> = {}) => {
      const reports = new Subject<ExecutionReport>();
      return lastValueFrom(
        from(hourlyCandles(btcUsdt, closes)).pipe(
          maCrossoverStrategy({ ...base, ...options, position: reports }),
          tap((op) => {
            if (op.legs[0]?.side === 'buy') for (const r of onBuy(op.id)) reports.next(r);
          }),
          toArray(),
        ),
      );
    };

    it('sells what its own fills left it, net of base fees, rounded down to the amount step', async () => {
      const ops = await run(closes, (id) => [
        // The buy of 0.01234 filled in two parts, each paying 0.1 % in BTC: 0.01 − 0.00001 + 0.00234 − 0.00000234
        // = 0.01232766 BTC held → 0.01232 on the 0.00001 step. A repair sold 0.00002 of it: 0.01230766 → 0.0123.
        report(
          id,
          [fill('buy', '0.01', '0.00001', 'BTC'), fill('buy', '0.00234', '0.00000234', 'BTC')],
          [fill('sell', '0.00002', '0.00000002', 'USDT')],
        ),
        // Reports of other strategies, and fills of other markets, are not this strategy's position.
        report('other:binance:BTC/USDT:1:golden', [fill('buy', '5', '0', 'BTC')]),
        report(id, [fill('buy', '7', '0', 'ETH', 'ETH/USDT')]),
      ]);
      expect(ops.map((o) => [o.legs[0]?.side, o.legs[0]?.amount.toString()])).toEqual([
        ['buy', '0.01234'],
        ['sell', '0.0123'],
      ]);
      // The expected figures follow the exit size: 0.0123 × 10000.123 = 123.0015129, fee 0.1 % = 0.1230015129.
      expect(ops[1]?.expected.notional.toString()).toBe('123.0015129');
      expect(ops[1]?.expected.fees.toString()).toBe('0.1230015129');
    });

    it('a quote fee leaves the whole amount to sell; a buy with no report leaves nothing to sell', async () => {
      const quoteFee = await run(closes, (id) => [report(id, [fill('buy', '0.01234', '0.4936', 'USDT')])]);
      expect(quoteFee.map((o) => o.legs[0]?.amount.toString())).toEqual(['0.01234', '0.01234']);
      // Nothing filled (or not reported yet): no sell is emitted, and the strategy is flat again for the next golden cross.
      // SMA2/SMA3 on 10, 20, 30, 20, 10, 20, 40, 30, 10, 20, 40: golden i6, death i8 (20 < 26.7), golden i10 (30 > 23.3).
      const unfilled = await run([10, 20, 30, 20, 10, 20, 40, 30, 10, 20, 40], () => [], { amount: '1' });
      expect(unfilled.map((o) => o.legs[0]?.side)).toEqual(['buy', 'buy']);
    });

    it('sells the whole position when an earlier exit was skipped', async () => {
      // As above: the first buy is reported only after its death cross went by, so the second death cross
      // (i12: SMA2 25 < SMA3 30 on …, 40, 30, 20) sells both buys: 2 × (1 − 0.001) = 1.998 BTC.
      const reports = new Subject<ExecutionReport>();
      const late: ExecutionReport[] = [];
      const ops = await lastValueFrom(
        from(hourlyCandles(btcUsdt, [10, 20, 30, 20, 10, 20, 40, 30, 10, 20, 40, 30, 20])).pipe(
          maCrossoverStrategy({ ...base, amount: '1', position: reports }),
          tap((op) => {
            if (op.legs[0]?.side !== 'buy') return;
            late.push(report(op.id, [fill('buy', '1', '0.001', 'BTC')]));
            if (late.length === 2) for (const r of late) reports.next(r);
          }),
          toArray(),
        ),
      );
      expect(ops.map((o) => [o.legs[0]?.side, o.legs[0]?.amount.toString()])).toEqual([
        ['buy', '1'],
        ['buy', '1'],
        ['sell', '1.998'],
      ]);
    });

    it('errors when the position source errors, and refuses a source that is not an Observable', async () => {
      const reports = new Subject<ExecutionReport>();
      const candles = new Subject<Candle>();
      const out = lastValueFrom(candles.pipe(maCrossoverStrategy({ ...base, position: reports }), toArray()));
      reports.error(new Error('executor down'));
      await expect(out).rejects.toThrow('executor down');
      expect(() => maCrossoverStrategy({ ...base, position: [] as never })).toThrow(ValidationError);
    });
  });

  it('refuses candles of another market and amounts below the step', async () => {
    const other = hourlyCandles({ ...btcUsdt, symbol: 'ETH/USDT' }, [1, 2, 3]);
    await expect(lastValueFrom(from(other).pipe(maCrossoverStrategy(base), toArray()))).rejects.toBeInstanceOf(ValidationError);
    expect(() => maCrossoverStrategy({ ...base, amount: '0.000001' })).toThrow(/rounds to 0/);
    expect(() => maCrossoverStrategy({ ...base, slippageBps: -1 })).toThrow(ValidationError);
    expect(() => maCrossoverStrategy({ ...base, clock: {} as never })).toThrow(/Clock/);
  });
});
