import { Decimal, parseFill } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { breakdown, computeMetrics, exposureTime, type RecordedFill, type RoundTrip, roundTrips, tradeStats } from '../../src/index';
import { usdtFill } from '../support/fills';

const DAY = 86_400_000;

// One strategy trading BTC/USDT on venues a and b (all values in USDT):
// 1. buy 1 @ 100 on a, fee 0.1      position +1
// 2. buy 1 @ 110 on a, fee 0.11     position +2
// 3. sell 3 @ 120 on b, fee 0.36    crosses zero: 2 close trade 1 (share 2/3), 1 opens a short trade 2
// 4. buy 1 @ 125 on a, fee 0.125    closes trade 2
// 5. buy 0.5 @ 130 on a, fee 0.065  opens trade 3, still open at the end (final mark 140)
const fills = [
  usdtFill({ venue: 'a', side: 'buy', price: '100', amount: '1', fee: '0.1', ts: 10 }),
  usdtFill({ venue: 'a', side: 'buy', price: '110', amount: '1', fee: '0.11', ts: 20 }),
  usdtFill({ venue: 'b', side: 'sell', price: '120', amount: '3', fee: '0.36', ts: 30 }),
  usdtFill({ venue: 'a', side: 'buy', price: '125', amount: '1', fee: '0.125', ts: 40 }),
  usdtFill({ venue: 'a', side: 'buy', price: '130', amount: '0.5', fee: '0.065', ts: 50 }),
];
const mark = new Decimal(140);

describe('roundTrips (hand-worked)', () => {
  const trips = roundTrips(fills, () => mark);

  it('closes a trade when the position returns to zero and splits a fill that crosses it', () => {
    expect(trips.map((t) => [t.id, t.direction, t.status, t.openedAt, t.closedAt, t.fills])).toEqual([
      [1, 'long', 'closed', 10, 30, 3],
      [2, 'short', 'closed', 30, 40, 2],
      [3, 'long', 'open', 50, undefined, 1],
    ]);
  });

  it('computes each trade PnL as sells − buys − fees (+ the open position at the mark)', () => {
    // Trade 1: −100 − 110 + 360 × 2/3 − (0.1 + 0.11 + 0.36 × 2/3) = 240 − 210 − 0.45 = 29.55
    // Trade 2: 360 × 1/3 − 125 − (0.36 × 1/3 + 0.125) = 120 − 125 − 0.245 = −5.245
    // Trade 3: −65 − 0.065 + 0.5 × 140 = 4.935
    expect(trips.map((t) => t.pnl.toString())).toEqual(['29.55', '-5.245', '4.935']);
    expect(trips.map((t) => t.fees.toString())).toEqual(['0.45', '0.245', '0.065']);
    expect(trips.map((t) => t.volume.toString())).toEqual(['450', '245', '65']);
    expect(trips.map((t) => t.maxPosition.toString())).toEqual(['2', '1', '0.5']);
    expect(trips[0]?.venues).toEqual(['a', 'b']);
    expect(trips[2]?.position.toString()).toBe('0.5');
  });

  it('keeps strategies apart', () => {
    const mixed = roundTrips([
      usdtFill({ venue: 'a', side: 'buy', price: '100', amount: '1', fee: '0', ts: 1, strategy: 'x' }),
      usdtFill({ venue: 'a', side: 'buy', price: '100', amount: '1', fee: '0', ts: 2, strategy: 'y' }),
      usdtFill({ venue: 'a', side: 'sell', price: '101', amount: '1', fee: '0', ts: 3, strategy: 'x' }),
    ]);
    expect(mixed.map((t) => [t.strategy, t.status, t.pnl.toString()])).toEqual([
      ['x', 'closed', '1'],
      ['y', 'open', '-100'], // no mark given: cash flow only
    ]);
  });
});

/** A BTC/USDT fill on venue `a` whose fee is paid in `feeAsset`, valued at the fill price when it is BTC. */
function feeFill(side: 'buy' | 'sell', price: string, amount: string, fee: string, feeAsset: 'BTC' | 'USDT', ts: number): RecordedFill {
  const fill = parseFill({
    id: `bf${ts}`,
    orderId: `bo${ts}`,
    venue: 'a',
    symbol: 'BTC/USDT',
    side,
    price,
    amount,
    fee: { asset: feeAsset, amount: fee },
    liquidity: 'taker',
    ts,
  });
  const feeValue = feeAsset === 'BTC' ? new Decimal(fee).times(price) : new Decimal(fee);
  return {
    fill,
    base: 'BTC',
    quote: 'USDT',
    notional: new Decimal(price).times(amount),
    feeValue,
    strategy: 's',
    opportunityId: undefined,
  };
}
const stepOnA = (venue: string, symbol: string) => (venue === 'a' && symbol === 'BTC/USDT' ? new Decimal('0.0001') : undefined);

describe('roundTrips with fees in the base asset', () => {
  it('counts a buy fee taken in the base, so selling what is left closes the trade', () => {
    // Buy 1 @ 100, fee 0.001 BTC (worth 0.1): holds 1 − 0.001 = 0.999. Sell 0.999 @ 110, fee 0.10989 USDT: flat.
    // PnL = 0.999 × 110 − 100 − 0.10989 = 9.78011: the BTC fee is not charged again, it already shrank what was sold
    // (100 USDT in, 109.89 − 0.10989 = 109.78011 USDT out). Both fees still count in `fees`.
    const trips = roundTrips([feeFill('buy', '100', '1', '0.001', 'BTC', 1), feeFill('sell', '110', '0.999', '0.10989', 'USDT', 2)]);
    expect(trips.map((t) => [t.status, t.closedAt, t.fills, t.position.toString(), t.maxPosition.toString()])).toEqual([
      ['closed', 2, 2, '0', '0.999'],
    ]);
    expect(trips[0]?.pnl.toString()).toBe('9.78011');
    expect(trips[0]?.fees.toString()).toBe('0.20989');
    expect(trips[0]?.volume.toString()).toBe('209.89');
  });

  it('counts a remainder below the amount step as flat, and only with a step', () => {
    // Buy 0.05 @ 100, fee 0.00005 BTC (worth 0.005): holds 0.04995. Sell 0.0499 (the step-rounded holding) @ 120,
    // fee 0.005988 USDT: 0.00005 left < step 0.0001 → closed, the dust valued at the closing price:
    // PnL = 5.988 − 5 − 0.005988 + 0.00005 × 120 = 0.982012 + 0.006 = 0.988012
    const fills = [feeFill('buy', '100', '0.05', '0.00005', 'BTC', 1), feeFill('sell', '120', '0.0499', '0.005988', 'USDT', 2)];
    const stepped = roundTrips(fills, () => new Decimal(130), stepOnA);
    expect(stepped.map((t) => [t.status, t.closedAt, t.position.toString(), t.pnl.toString()])).toEqual([
      ['closed', 2, '0.00005', '0.988012'],
    ]);
    // Without a step only exact zero is flat: open, valued at the mark on the amount bought minus sold
    // what is held (0.00005 BTC) at the mark: 0.982012 + 0.00005 × 130 = 0.982012 + 0.0065 = 0.988512
    const exact = roundTrips(fills, () => new Decimal(130));
    expect(exact.map((t) => [t.status, t.position.toString(), t.pnl.toString()])).toEqual([['open', '0.00005', '0.988512']]);
  });

  it('leaves the trade open after a partial sell and closes it with the rest', () => {
    // Buy 1 @ 100, fee 0.001 BTC: 0.999. Sell 0.5 @ 110 (fee 0.055): 0.499 ≥ step → still open.
    const partial = [feeFill('buy', '100', '1', '0.001', 'BTC', 1), feeFill('sell', '110', '0.5', '0.055', 'USDT', 2)];
    const open = roundTrips(partial, () => undefined, stepOnA);
    expect(open.map((t) => [t.status, t.fills, t.position.toString()])).toEqual([['open', 2, '0.499']]);
    // Sell the other 0.499 @ 120 (fee 0.05988): flat. PnL = 55 + 59.88 − 100 − (0.055 + 0.05988) = 14.76512
    const closed = roundTrips([...partial, feeFill('sell', '120', '0.499', '0.05988', 'USDT', 3)], () => undefined, stepOnA);
    expect(closed.map((t) => [t.status, t.closedAt, t.fills, t.pnl.toString()])).toEqual([['closed', 3, 3, '14.76512']]);
  });

  it('closes when as many units are sold as bought, the base fee covered from elsewhere (spatial arbitrage)', () => {
    // Buy 1 @ 100 on a, fee 0.001 BTC (worth 0.1): 0.999. Sell 1 @ 102 on a (fee 0.102, coins from elsewhere):
    // −0.001 is not below the 0.001 step, but 1 was sold for 1 bought → closed, the fee left in the position.
    // PnL = 102 − 100 − 0.102 − 0.001 × 102 (the BTC fee, bought back at the closing price) = 1.796
    const step = () => new Decimal('0.001');
    const trips = roundTrips(
      [feeFill('buy', '100', '1', '0.001', 'BTC', 1), feeFill('sell', '102', '1', '0.102', 'USDT', 2)],
      () => undefined,
      step,
    );
    expect(trips.map((t) => [t.status, t.position.toString(), t.pnl.toString()])).toEqual([['closed', '-0.001', '1.796']]);
  });

  it('splits a sell past zero where the units sold reach the units bought', () => {
    // Buy 1 @ 100, fee 0.001 BTC: 0.999. Sell 1.999 @ 100 (fee 0): its first 1 (share 1/1.999) closes trade 1
    // (volume 100 + 100 = 200, the fee's −0.001 left), the other 0.999 opens a short trade 2 (volume 99.9).
    const trips = roundTrips(
      [feeFill('buy', '100', '1', '0.001', 'BTC', 1), feeFill('sell', '100', '1.999', '0', 'USDT', 2)],
      () => undefined,
      stepOnA,
    );
    expect(trips.map((t) => [t.id, t.direction, t.status, t.position.toString(), t.volume.toString()])).toEqual([
      [1, 'long', 'closed', '-0.001', '200'],
      [2, 'short', 'open', '-0.999', '99.9'],
    ]);
  });
});

describe('tradeStats (hand-worked)', () => {
  const trip = (pnl: number, status: 'open' | 'closed' = 'closed') => ({ status, pnl: new Decimal(pnl) }) as unknown as RoundTrip;

  it('win rate, profit factor and average win/loss over closed trades', () => {
    // Closed PnLs +30, −10, +20, −20, 0 (the open +99 is left out):
    // win rate 2/5 = 0.4; profit factor (30 + 20) / (10 + 20) = 5/3; average win 25; average loss −15.
    const s = tradeStats([trip(30), trip(-10), trip(20), trip(-20), trip(0), trip(99, 'open')]);
    expect(s).toMatchObject({ trades: 5, openTrades: 1, wins: 2, losses: 2, winRate: 0.4 });
    expect(s.profitFactor).toBeCloseTo(5 / 3, 15);
    expect(s.averageWin?.toString()).toBe('25');
    expect(s.averageLoss?.toString()).toBe('-15');
    expect(s.closedPnl.toString()).toBe('20');
  });

  it('is infinite without losses and undefined without trades', () => {
    expect(tradeStats([trip(5)]).profitFactor).toBe(Number.POSITIVE_INFINITY);
    expect(tradeStats([])).toMatchObject({ winRate: undefined, profitFactor: undefined, averageWin: undefined, averageLoss: undefined });
  });
});

describe('exposureTime', () => {
  it('measures the union of open intervals', () => {
    const t = (openedAt: number, closedAt: number | undefined) => ({ openedAt, closedAt }) as RoundTrip;
    // [10, 30) ∪ [20, 50) = [10, 50): 40 / 100
    expect(exposureTime([t(10, 30), t(20, 50)], 0, 100)).toBe(0.4);
    // an open trade from 90 lasts to the end: [10, 30) + [90, 100) = 30 / 100
    expect(exposureTime([t(10, 30), t(90, undefined)], 0, 100)).toBe(0.3);
    expect(exposureTime([t(10, 30)], 5, 5)).toBe(0);
  });
});

describe('breakdown (hand-worked)', () => {
  it('splits mark-to-market PnL by venue so the rows add up', () => {
    const b = breakdown(
      fills,
      roundTrips(fills, () => mark),
      (asset) => (asset === 'USDT' ? new Decimal(1) : mark),
    );
    // Venue a (all buys, final mark 140): (140 − 100 − 0.1) + (140 − 110 − 0.11) + (140 − 125 − 0.125) + (70 − 65 − 0.065)
    //   = 39.9 + 29.89 + 14.875 + 4.935 = 89.6
    // Venue b: sell 3 @ 120: 360 − 3 × 140 − 0.36 = −60.36.  Total 29.24 = 29.55 − 5.245 + 4.935 (the trades).
    expect(b.byVenue.map((r) => [r.key, r.fills, r.pnl.toString(), r.feesPaid.toString(), r.volume.toString()])).toEqual([
      ['a', 4, '89.6', '0.4', '400'],
      ['b', 1, '-60.36', '0.36', '360'],
    ]);
    expect(b.byStrategy).toHaveLength(1);
    expect(b.byStrategy[0]).toMatchObject({ key: 's', fills: 5, trades: 2, winRate: 0.5 });
    expect(b.byStrategy[0]?.pnl.toString()).toBe('29.24');
  });
});

describe('computeMetrics', () => {
  it('puts curve, fills and trades together', () => {
    const equity = [100, 110, 99, 121].map((v, i) => ({ ts: i * DAY, equity: new Decimal(v) }));
    const trades = roundTrips(fills, () => mark);
    const m = computeMetrics({ equity, periodMs: DAY, fills, trades });
    expect(m).toMatchObject({ start: 0, end: 3 * DAY, durationMs: 3 * DAY, periods: 3, periodsPerYear: 365, maxDrawdown: 0.1 });
    expect(m.totalReturn).toBeCloseTo(0.21, 12); // 121 / 100 − 1
    // (121/100)^(365/3) − 1 = e^(121.667 × ln 1.21) − 1 ≈ 1.18092e10; Calmar = that / 0.1
    expect((m.annualizedReturn ?? 0) / 1.1809188505e10).toBeCloseTo(1, 9);
    expect((m.calmar ?? 0) / 1.1809188505e11).toBeCloseTo(1, 9);
    expect(m.sharpe).toBeCloseTo(8.699821, 5);
    expect(m.maxDrawdownAmount.toString()).toBe('11');
    expect(m.maxDrawdownDurationMs).toBe(2 * DAY); // 110 at day 1, regained by 121 at day 3
    expect(m.pnl.toString()).toBe('21');
    // Volume 100 + 110 + 360 + 125 + 65 = 760; fees 0.76; mean equity (100+110+99+121)/4 = 107.5; turnover 760/107.5
    expect(m.volume.toString()).toBe('760');
    expect(m.feesPaid.toString()).toBe('0.76');
    expect(m.turnover).toBeCloseTo(7.069767, 6);
    expect(m).toMatchObject({ trades: 2, openTrades: 1, winRate: 0.5, fills: 5 });
    expect(m.profitFactor).toBeCloseTo(29.55 / 5.245, 12);
  });

  it('rejects an empty curve and a bad period', () => {
    expect(() => computeMetrics({ equity: [], periodMs: DAY, fills: [], trades: [] })).toThrow(/equity/);
    expect(() => computeMetrics({ equity: [{ ts: 0, equity: new Decimal(1) }], periodMs: 0, fills: [], trades: [] })).toThrow(/periodMs/);
  });
});
