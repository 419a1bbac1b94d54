import { type BalanceSnapshot, type Decimal, type Level, orderViolations, toDecimal } from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectSpatialArbitrage } from '../../src/index';
import { catalogOf, clockAt, collect, type MarketShape, marketOf, setsOf, viewOf } from './arbitrage-helpers';
import { bestSpatialByBruteForce, type SpatialCase, spatialOutcomeAt } from './spatial-reference';

const SYMBOL = 'ETH/USDT';

/** `count` distinct prices on the 0.01 tick in [lo, hi], with amounts in 0.05 … 3. */
const side = (lo: number, hi: number, descending: boolean) =>
  fc
    .uniqueArray(fc.integer({ min: Math.round(lo * 100), max: Math.round(hi * 100) }), { minLength: 1, maxLength: 5 })
    .chain((cents) =>
      fc.tuple(fc.constant(cents), fc.array(fc.integer({ min: 1, max: 60 }), { minLength: cents.length, maxLength: cents.length })),
    )
    .map(([cents, twentieths]) => {
      const sorted = [...cents].sort((x, y) => (descending ? y - x : x - y));
      return sorted.map((c, i): Level => [c / 100, (twentieths[i] as number) / 20]);
    });

const shape = fc.record({
  amountStep: fc.constantFrom('0.05', '0.1', '0.2', '0.5'),
  minAmount: fc.constantFrom(undefined, '0.3'),
  maxAmount: fc.constantFrom(undefined, '2'),
  minCost: fc.constantFrom(undefined, '20', '60', '150'),
  maxCost: fc.constantFrom(undefined, '250'),
  taker: fc.constantFrom('0', '0.001', '0.0025'),
});

const feeOverride = fc.option(
  fc.record({ taker: fc.constantFrom('0', '0.0005'), feeCurrency: fc.constantFrom('quote' as const, 'token' as const) }),
  {
    nil: undefined,
  },
);

const scenario = fc.record({
  // venue x quotes around 100 and y around 100.5, so both directions get tried and one often pays
  x: fc.record({ asks: side(99, 100.6, false), bids: side(97, 98.99, true) }),
  y: fc.record({ asks: side(101.51, 104, false), bids: side(96, 101.5, true) }),
  xShape: shape,
  yShape: shape,
  xFee: feeOverride,
  yFee: feeOverride,
  haircutBps: fc.constantFrom(0, 5),
  minNetProfit: fc.constantFrom('0', '0.5'),
  maxNotional: fc.option(fc.integer({ min: 10, max: 400 }).map(String), { nil: undefined }),
  balances: fc.option(
    fc.record({
      xQuote: fc.integer({ min: 0, max: 50_000 }).map((c) => (c / 100).toString()),
      yQuote: fc.integer({ min: 0, max: 50_000 }).map((c) => (c / 100).toString()),
      xBase: fc.integer({ min: 0, max: 100 }).map((t) => (t / 20).toString()),
      yBase: fc.integer({ min: 0, max: 100 }).map((t) => (t / 20).toString()),
    }),
    { nil: undefined },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function snapshots(s: NonNullable<Scenario['balances']>): BalanceSnapshot[] {
  const row = (venue: string, asset: string, free: string) => ({ venue, asset, free: toDecimal(free), locked: toDecimal(0) });
  return [
    { venue: 'x', ts: 0, balances: [row('x', 'USDT', s.xQuote), row('x', 'ETH', s.xBase)] },
    { venue: 'y', ts: 0, balances: [row('y', 'USDT', s.yQuote), row('y', 'ETH', s.yBase)] },
  ];
}

function check(s: Scenario): void {
  const markets = catalogOf(marketOf('x', SYMBOL, s.xShape as MarketShape), marketOf('y', SYMBOL, s.yShape as MarketShape));
  const views = { x: viewOf('x', SYMBOL, { ...s.x, recvTs: 0 }), y: viewOf('y', SYMBOL, { ...s.y, recvTs: 0 }) };
  const fees: Record<string, { taker: string; feeCurrency: 'quote' | 'token' }> = {};
  if (s.xFee !== undefined) fees.x = s.xFee;
  if (s.yFee !== undefined) fees.y = s.yFee;
  const ops = collect(
    detectSpatialArbitrage({
      markets,
      clock: clockAt(),
      fees,
      haircutBps: s.haircutBps,
      minNetProfit: s.minNetProfit,
      ...(s.maxNotional === undefined ? {} : { maxNotional: s.maxNotional }),
      ...(s.balances === undefined ? {} : { balances: snapshots(s.balances) }),
    }),
    setsOf([views.x, views.y]),
  );
  expect(ops.length).toBeLessThanOrEqual(2);
  for (const [buy, sell] of [
    ['x', 'y'],
    ['y', 'x'],
  ] as const) {
    const buyFee = fees[buy];
    const c: SpatialCase = {
      buyView: views[buy],
      sellView: views[sell],
      buyMarket: markets.get(buy, SYMBOL),
      sellMarket: markets.get(sell, SYMBOL),
      buyFee: toDecimal(buyFee?.taker ?? markets.get(buy, SYMBOL).fees.taker),
      sellFee: toDecimal(fees[sell]?.taker ?? markets.get(sell, SYMBOL).fees.taker),
      buyFeeInQuote: (buyFee?.feeCurrency ?? 'quote') === 'quote',
      haircutBps: s.haircutBps,
      quoteFree: s.balances === undefined ? undefined : toDecimal(buy === 'x' ? s.balances.xQuote : s.balances.yQuote),
      baseFree: s.balances === undefined ? undefined : toDecimal(sell === 'x' ? s.balances.xBase : s.balances.yBase),
      maxNotional: s.maxNotional === undefined ? undefined : toDecimal(s.maxNotional),
    };
    const reference = bestSpatialByBruteForce(c);
    const emitted = ops.find((op) => op.legs[0]?.venue === buy);
    const qualifies = reference?.net.gt(0) && reference.net.gte(s.minNetProfit);
    if (reference === undefined || !qualifies) {
      expect(emitted, `${buy}>${sell}: reference best ${reference?.net.toString()}`).toBeUndefined();
      continue;
    }
    expect(emitted, `${buy}>${sell}: reference best ${reference.net.toString()} at ${reference.amount.toString()}`).toBeDefined();
    if (emitted === undefined) continue;
    const amount = emitted.legs[0]?.amount as Decimal;
    // the same best net as the brute force (equal sizes unless several share the best net)
    expect(emitted.expected.net.toString()).toBe(reference.net.toString());
    // and the reference, asked about the emitted amount, agrees on every figure
    const atEmitted = spatialOutcomeAt(c, amount);
    expect(atEmitted?.net.toString()).toBe(emitted.expected.net.toString());
    expect(atEmitted?.cost.toString()).toBe(emitted.expected.notional.toString());
    expect(emitted.legs[1]?.amount.toString()).toBe(amount.toString());
    for (const leg of emitted.legs) {
      expect(orderViolations(markets.get(leg.venue, leg.symbol), { side: leg.side, amount: leg.amount, price: leg.priceLimit })).toEqual(
        [],
      );
    }
  }
}

describe('detectSpatialArbitrage vs a brute-force reference', () => {
  it('finds the best grid amount, and never emits what the reference calls a loss', () => {
    fc.assert(
      fc.property(scenario, (s) => check(s)),
      { numRuns: 250, seed: 20_240_601 },
    );
  }, 30_000);

  it('agrees on random seeds too', () => {
    fc.assert(
      fc.property(scenario, (s) => check(s)),
      { numRuns: 60 },
    );
  }, 30_000);
});
