import { type BalanceSnapshot, type Opportunity, orderViolations, parseOpportunity, toDecimal, ValidationError } from '@arbot/core';
import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { detectSpatialArbitrage } from '../../src/index';
import { catalogOf, clockAt, collect, marketOf, setsOf, summary, viewOf } from './arbitrage-helpers';

const SYMBOL = 'BTC/USDT';

/**
 * Venue a sells cheap, venue b buys dear:
 *   a asks 100 × 1, 101 × 1, 103 × 5     b bids 104 × 0.5, 102 × 1, 100.5 × 2
 * With 0.1 % taker on both, the marginal net per unit (0.999 × bid − 1.001 × ask) is
 *   q ≤ 0.5: 0.999×104 − 1.001×100 = 103.896 − 100.1 = 3.796
 *   0.5–1:   0.999×102 − 100.1      = 101.898 − 100.1 = 1.798
 *   1–1.5:   101.898 − 1.001×101    = 101.898 − 101.101 = 0.797
 *   1.5–2:   0.999×100.5 − 101.101  = 100.3995 − 101.101 < 0  → stop at q* = 1.5
 * At 1.5: cost = 100 + 0.5×101 = 150.5, proceeds = 0.5×104 + 1×102 = 154, gross 3.5,
 * fees = 0.1505 + 0.154 = 0.3045, net = 3.1955 (= 0.5 × (3.796 + 1.798 + 0.797)),
 * netBps = 3.1955 / 150.5 × 10⁴ = 212.3255813953488…
 */
const aBook = {
  asks: [
    [100, 1],
    [101, 1],
    [103, 5],
  ] as const,
  bids: [[99, 1]] as const,
  recvTs: 1_000,
};
const bBook = {
  bids: [
    [104, 0.5],
    [102, 1],
    [100.5, 2],
  ] as const,
  asks: [[105, 1]] as const,
  recvTs: 1_000,
};

function twoVenues(shapeA = {}, shapeB = {}) {
  return catalogOf(marketOf('a', SYMBOL, { taker: '0.001', ...shapeA }), marketOf('b', SYMBOL, { taker: '0.001', ...shapeB }));
}

function sets(a: Parameters<typeof viewOf>[2] = aBook, b: Parameters<typeof viewOf>[2] = bBook) {
  return setsOf([viewOf('a', SYMBOL, a), viewOf('b', SYMBOL, b)]);
}

describe('detectSpatialArbitrage: sizing through depth', () => {
  it('finds the size that maximizes net profit after fees and prices both legs exactly', () => {
    const clock = clockAt(1_000);
    const ops = collect(detectSpatialArbitrage({ markets: twoVenues(), clock }), sets());
    expect(ops).toHaveLength(1);
    const op = ops[0] as Opportunity;
    expect(summary(op)).toEqual({
      legs: ['buy 1.5 BTC/USDT@a limit 101', 'sell 1.5 BTC/USDT@b limit 102'],
      gross: '3.5',
      fees: '0.3045',
      net: '3.1955',
      notional: '150.5',
      currency: 'USDT',
    });
    expect(op.expected.netBps).toBeCloseTo(212.3255813953488, 9);
    // average prices of the depth walks: 150.5 / 1.5 and 154 / 1.5
    expect(op.legs[0]?.expectedPrice.toFixed(6)).toBe('100.333333');
    expect(op.legs[1]?.expectedPrice.toFixed(6)).toBe('102.666667');
    expect(op).toMatchObject({ kind: 'spatial', strategy: 'spatial-arbitrage', detectedAt: 1_000 });
    expect(op.id).toBe('spatial:BTC/USDT:a>b:1000:1');
    expect(parseOpportunity(op).expected.net.toString()).toBe('3.1955'); // a valid core Opportunity
    expect(op.sources).toEqual([
      { venue: 'a', symbol: SYMBOL, ts: 0, recvTs: 1_000 },
      { venue: 'b', symbol: SYMBOL, ts: 0, recvTs: 1_000 },
    ]);
  });

  it('charges the haircut as bps of the notional and stays on the same size', () => {
    // h = 10 bps: the last segment's marginal is 101.898 − 1.002×101 = 0.696 > 0, so q* is still 1.5;
    // net = 3.1955 − 0.001 × 150.5 = 3.045, netBps = 212.33 − 10 = 202.3255813953488…
    const ops = collect(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), haircutBps: 10 }), sets());
    expect(ops.map((op) => [op.legs[0]?.amount.toString(), op.expected.net.toString()])).toEqual([['1.5', '3.045']]);
    expect(ops[0]?.expected.netBps).toBeCloseTo(202.3255813953488, 9);
  });

  it('applies per-venue fee overrides (VIP tier)', () => {
    // a at 0.02 %: fees = 150.5 × 0.0002 + 154 × 0.001 = 0.0301 + 0.154 = 0.1841, net = 3.5 − 0.1841 = 3.3159
    const ops = collect(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), fees: { a: { taker: '0.0002' } } }), sets());
    expect(ops.map((op) => `${op.expected.fees.toString()} ${op.expected.net.toString()}`)).toEqual(['0.1841 3.3159']);
  });

  it('emits only above minNetProfit and minNetBps', () => {
    const run = (o: { minNetProfit?: string | Record<string, string>; minNetBps?: number }) =>
      collect(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), ...o }), sets()).length;
    expect(run({ minNetProfit: '3.1955' })).toBe(1);
    expect(run({ minNetProfit: '3.1956' })).toBe(0);
    expect(run({ minNetProfit: { USDT: '3.1956' } })).toBe(0);
    expect(run({ minNetProfit: { BTC: '100' } })).toBe(1); // other currencies do not apply
    expect(run({ minNetBps: 212 })).toBe(1);
    expect(run({ minNetBps: 212.4 })).toBe(0);
  });

  it('uses the least common multiple of both amount steps', () => {
    // steps 0.2 and 0.3 → grid 0.6: q* = 1.5 lies between 1.2 and 1.8.
    // 1.2: cost 100 + 0.2×101 = 120.2, proceeds 52 + 0.7×102 = 123.4, fees 0.1202 + 0.1234, net 2.9564
    // 1.8: cost 100 + 0.8×101 = 180.8, proceeds 52 + 102 + 0.3×100.5 = 184.15, fees 0.1808 + 0.18415, net 2.98505
    const ops = collect(
      detectSpatialArbitrage({ markets: twoVenues({ amountStep: '0.2' }, { amountStep: '0.3' }), clock: clockAt(1_000) }),
      sets(),
    );
    expect(ops.map((op) => [op.legs[0]?.amount.toString(), op.legs[1]?.amount.toString(), op.expected.net.toString()])).toEqual([
      ['1.8', '1.8', '2.98505'],
    ]);
  });
});

describe('detectSpatialArbitrage: precision and limits', () => {
  // a asks 100 × 0.6, 110 × 10; b bids 105 × 0.6, 95 × 10; no fees. q* = 0.6 with net 0.6 × 5 = 3.
  const thin = {
    a: {
      asks: [
        [100, 0.6],
        [110, 10],
      ] as const,
      bids: [[90, 1]] as const,
    },
    b: {
      bids: [
        [105, 0.6],
        [95, 10],
      ] as const,
      asks: [[120, 1]] as const,
    },
  };
  const thinSets = () => setsOf([viewOf('a', SYMBOL, thin.a), viewOf('b', SYMBOL, thin.b)]);

  it('keeps a profit that survives rounding', () => {
    const markets = catalogOf(marketOf('a', SYMBOL, { amountStep: '0.1' }), marketOf('b', SYMBOL, { amountStep: '0.1' }));
    const ops = collect(detectSpatialArbitrage({ markets, clock: clockAt() }), thinSets());
    expect(ops.map((op) => [op.legs[0]?.amount.toString(), op.expected.net.toString()])).toEqual([['0.6', '3']]);
  });

  it('drops a profit that disappears after rounding to the amount step', () => {
    // step 1: 0 is no order, and 1 costs 60 + 0.4×110 = 104 while selling yields 63 + 0.4×95 = 101: net −3.
    const markets = catalogOf(marketOf('a', SYMBOL, { amountStep: '1' }), marketOf('b', SYMBOL, { amountStep: '0.1' }));
    expect(collect(detectSpatialArbitrage({ markets, clock: clockAt() }), thinSets())).toEqual([]);
  });

  it('moves past a bid level where the sell misses its minimum notional', () => {
    // a asks 100 × 0.95, 101 × 5; b bids 102 × 0.9, 100.2 × 5; no fees; b needs 100 USDT per order.
    // Unconstrained q* = 0.95 (marginal 102−100, then 100.2−100, then 100.2−101 < 0), but the sell there is
    // 0.95 × 100.2 = 95.19 < 100, and inside the first bid level at most 0.9 × 102 = 91.8. The first valid amount
    // is ⌈100 / 100.2⌉ on the 0.01 grid = 1.00 (100.2 USDT): cost 95 + 0.05×101 = 100.05,
    // proceeds 0.9×102 + 0.1×100.2 = 101.82, net 1.77.
    const markets = catalogOf(marketOf('a', SYMBOL), marketOf('b', SYMBOL, { minCost: '100' }));
    const views = setsOf([
      viewOf('a', SYMBOL, {
        asks: [
          [100, 0.95],
          [101, 5],
        ],
        bids: [[90, 1]],
      }),
      viewOf('b', SYMBOL, {
        bids: [
          [102, 0.9],
          [100.2, 5],
        ],
        asks: [[120, 1]],
      }),
    ]);
    const ops = collect(detectSpatialArbitrage({ markets, clock: clockAt() }), views);
    expect(ops.map(summary)).toEqual([
      {
        legs: ['buy 1 BTC/USDT@a limit 101', 'sell 1 BTC/USDT@b limit 100.2'],
        gross: '1.77',
        fees: '0',
        net: '1.77',
        notional: '100.05',
        currency: 'USDT',
      },
    ]);
    for (const leg of ops[0]?.legs ?? []) {
      const market = markets.get(leg.venue, leg.symbol);
      expect(orderViolations(market, { side: leg.side, amount: leg.amount, price: leg.priceLimit })).toEqual([]);
    }
  });

  it('falls back to a better bid level when the deep sell misses its minimum notional', () => {
    // a asks 80 × 10; b bids 110 × 1, 90 × 0.2; no fees; b needs 109 USDT per order.
    // q* = 1.2 (the whole bid side: marginals 30 then 10), but 1.2 × 90 = 108 < 109, and no larger amount fills.
    // Below, the amounts in the 90 level are worse still; the first level ends at 1: 1 × 110 = 110 passes, net 30.
    const markets = catalogOf(marketOf('a', SYMBOL), marketOf('b', SYMBOL, { minCost: '109' }));
    const views = setsOf([
      viewOf('a', SYMBOL, { asks: [[80, 10]], bids: [[70, 1]] }),
      viewOf('b', SYMBOL, {
        bids: [
          [110, 1],
          [90, 0.2],
        ],
        asks: [[120, 1]],
      }),
    ]);
    const ops = collect(detectSpatialArbitrage({ markets, clock: clockAt() }), views);
    expect(
      ops.map((op) => `${op.legs[1]?.amount.toString()} @ ${op.legs[1]?.priceLimit.toString()} net ${op.expected.net.toString()}`),
    ).toEqual(['1 @ 110 net 30']);
  });

  it('jumps to a cheaper bid level when the sell would exceed its maximum notional', () => {
    // a asks 100 × 1, 102 × 10; b bids 102 × 1.02, 52 × 10; no fees; b accepts at most 54 USDT per order.
    // q* = 1 (marginal 2, then 0). Inside the 102 bid level the notional caps q at ⌊54 / 102⌋ = 0.52 (net 1.04);
    // past it, 1.03 × 52 = 53.56 fits: net = 1 × 2 + 0.02 × 0 + 0.01 × (52 − 102) = 1.5, the better of the two.
    const markets = catalogOf(marketOf('a', SYMBOL), marketOf('b', SYMBOL, { maxCost: '54' }));
    const views = setsOf([
      viewOf('a', SYMBOL, {
        asks: [
          [100, 1],
          [102, 10],
        ],
        bids: [[90, 1]],
      }),
      viewOf('b', SYMBOL, {
        bids: [
          [102, 1.02],
          [52, 10],
        ],
        asks: [[120, 1]],
      }),
    ]);
    const ops = collect(detectSpatialArbitrage({ markets, clock: clockAt() }), views);
    expect(
      ops.map((op) => `${op.legs[1]?.amount.toString()} @ ${op.legs[1]?.priceLimit.toString()} net ${op.expected.net.toString()}`),
    ).toEqual(['1.03 @ 52 net 1.5']);
  });

  it('respects the maximum amount of either market and the per-trade notional cap', () => {
    // max amount 0.7 on b: cost 70, proceeds 52 + 0.2×102 = 72.4, fees 0.07 + 0.0724, net 2.2576
    const capped = collect(detectSpatialArbitrage({ markets: twoVenues({}, { maxAmount: '0.7' }), clock: clockAt(1_000) }), sets());
    expect(capped.map((op) => op.expected.net.toString())).toEqual(['2.2576']);
    // maxNotional 80 USDT: q = 0.8, cost 80, proceeds 52 + 0.3×102 = 82.6, fees 0.08 + 0.0826, net 2.4374
    const notional = collect(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), maxNotional: '80' }), sets());
    expect(notional.map((op) => `${op.legs[0]?.amount.toString()} ${op.expected.net.toString()}`)).toEqual(['0.8 2.4374']);
  });
});

describe('detectSpatialArbitrage: balances', () => {
  const snapshot = (venue: string, asset: string, free: string): BalanceSnapshot => ({
    venue,
    ts: 0,
    balances: [{ venue, asset, free: toDecimal(free), locked: toDecimal(0) }],
  });

  it('caps by the base free on the sell venue', () => {
    // 0.7 BTC free on b: same trade as max amount 0.7, net 2.2576
    const balances = [snapshot('a', 'USDT', '1000000'), snapshot('b', 'BTC', '0.7')];
    const ops = collect(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), balances }), sets());
    expect(ops.map((op) => op.expected.net.toString())).toEqual(['2.2576']);
  });

  it('caps by the quote free on the buy venue, keeping the fee when it is paid in quote', () => {
    // 80.08 USDT on a with a 0.1 % quote fee: cost ≤ 80.08 / 1.001 = 80 → q = 0.8, net 2.4374
    const balances = [snapshot('a', 'USDT', '80.08'), snapshot('b', 'BTC', '10')];
    const ops = collect(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), balances }), sets());
    expect(ops.map((op) => `${op.legs[0]?.amount.toString()} ${op.expected.net.toString()}`)).toEqual(['0.8 2.4374']);
    // 81.05 USDT: with the fee in quote, cost ≤ 81.05 / 1.001 = 80.97 → still 0.8; with the fee in a token the
    // whole 81.05 buys, so 0.81 (cost 81): proceeds 52 + 0.31×102 = 83.62, fees 0.081 + 0.08362, net 2.45538
    const run = (fee: { taker: string; feeCurrency: 'quote' | 'token' }) =>
      collect(
        detectSpatialArbitrage({
          markets: twoVenues(),
          clock: clockAt(1_000),
          balances: [snapshot('a', 'USDT', '81.05'), snapshot('b', 'BTC', '10')],
          fees: { a: fee },
        }),
        sets(),
      ).map((op) => `${op.legs[0]?.amount.toString()} ${op.expected.net.toString()}`);
    expect(run({ taker: '0.001', feeCurrency: 'quote' })).toEqual(['0.8 2.4374']);
    expect(run({ taker: '0.001', feeCurrency: 'token' })).toEqual(['0.81 2.45538']);
  });

  it('follows a stream of balance snapshots and trades nothing on a venue without one', () => {
    const balances$ = new Subject<BalanceSnapshot>();
    const books$ = new Subject<ReturnType<typeof sets>[number]>();
    const seen: Opportunity[] = [];
    const sub = books$
      .pipe(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), balances: balances$ }))
      .subscribe((op) => seen.push(op));
    const [first, second] = sets() as [ReturnType<typeof sets>[number], ReturnType<typeof sets>[number]];
    books$.next(first);
    books$.next(second);
    expect(seen).toEqual([]); // no balances known yet
    balances$.next(snapshot('a', 'USDT', '1000'));
    balances$.next(snapshot('b', 'BTC', '0.7'));
    books$.next(second);
    balances$.next(snapshot('b', 'BTC', '5'));
    books$.next(second);
    expect(seen.map((op) => op.expected.net.toString())).toEqual(['2.2576', '3.1955']);
    sub.unsubscribe();
    expect(balances$.observed).toBe(false);
  });

  it('errors with a ValidationError when a balance lookup returns a negative amount', () => {
    const op = detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), balances: () => '-1' });
    expect(() => collect(op, sets())).toThrow(ValidationError);
  });

  it('reads a BehaviorSubject of balances on subscription', () => {
    const balances$ = new BehaviorSubject<BalanceSnapshot>(snapshot('b', 'BTC', '0.7'));
    const lookupA = collect(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000), balances: balances$ }), sets());
    expect(lookupA).toEqual([]); // a has no snapshot: no quote to buy with
  });
});

describe('detectSpatialArbitrage: time', () => {
  it('ignores books older than maxBookAgeMs by recvTs', () => {
    const clock = clockAt(5_000);
    const run = (recvTs: number) =>
      collect(
        detectSpatialArbitrage({ markets: twoVenues(), clock, maxBookAgeMs: 1_000 }),
        sets({ ...aBook, recvTs: 5_000 }, { ...bBook, recvTs }),
      );
    expect(run(3_999)).toEqual([]); // 1001 ms old
    expect(run(4_000)).toHaveLength(1); // exactly 1000 ms old
  });

  it('reports one dislocation once per cooldown, unless a materially better one comes', () => {
    const clock = clockAt(0);
    const books$ = new Subject<ReturnType<typeof sets>[number]>();
    const seen: string[] = [];
    books$
      .pipe(detectSpatialArbitrage({ markets: twoVenues(), clock, cooldownMs: 1_000, cooldownImprovementBps: 10 }))
      .subscribe((op) => seen.push(`${op.detectedAt} ${op.expected.net.toString()}`));
    const normal = sets();
    // b's top bid up from 104 to 105: the first 0.5 earns 0.5 × 0.999 more: net 3.1955 + 0.4995 = 3.695,
    // netBps 3.695 / 150.5 = 245.5 (> 212.3 + 10)
    const better = sets(aBook, {
      ...bBook,
      bids: [
        [105, 0.5],
        [102, 1],
        [100.5, 2],
      ],
      asks: [[106, 1]],
    });
    const slightlyBetter = sets(aBook, {
      ...bBook,
      bids: [
        [104.1, 0.5],
        [102, 1],
        [100.5, 2],
      ],
    }); // +0.05 net: +3.3 bps
    books$.next(normal[1] as (typeof normal)[number]); // t=0: emitted
    clock.advanceBy(500);
    books$.next(normal[1] as (typeof normal)[number]); // t=500: same dislocation, quiet
    books$.next(slightlyBetter[1] as (typeof normal)[number]); // not materially better, quiet
    clock.advanceBy(100);
    books$.next(better[1] as (typeof normal)[number]); // t=600: materially better, emitted; cooldown restarts
    clock.advanceBy(900);
    books$.next(better[1] as (typeof normal)[number]); // t=1500: within 1000 of 600, quiet
    clock.advanceBy(100);
    books$.next(normal[1] as (typeof normal)[number]); // t=1600: cooldown over, emitted
    expect(seen).toEqual(['0 3.1955', '600 3.695', '1600 3.1955']);
  });
});

describe('detectSpatialArbitrage: inputs', () => {
  it('ignores symbols listed on one venue, unknown markets and one-sided books', () => {
    const markets = catalogOf(marketOf('a', SYMBOL), marketOf('b', SYMBOL), marketOf('a', 'ETH/USDT'));
    const views = [
      viewOf('a', 'ETH/USDT', { bids: [[10, 1]], asks: [[11, 1]] }),
      viewOf('c', SYMBOL, { bids: [[200, 1]], asks: [[201, 1]] }),
      viewOf('a', SYMBOL, { asks: [[100, 1]] }),
      viewOf('b', SYMBOL, { asks: [[101, 1]] }),
    ];
    expect(collect(detectSpatialArbitrage({ markets, clock: clockAt() }), setsOf(views))).toEqual([]);
  });

  it('reads the books of a set it joins mid-stream, not only the updated one', () => {
    // only the last set is fed: a's book arrived in a set this subscription never saw
    const last = sets().at(-1) as ReturnType<typeof sets>[number];
    const ops = collect(detectSpatialArbitrage({ markets: twoVenues(), clock: clockAt(1_000) }), [last]);
    expect(ops.map((op) => op.expected.net.toString())).toEqual(['3.1955']);
  });

  it('evaluates every other venue against the updated one, both ways', () => {
    // c is the cheapest seller and b the dearest buyer; a's update pairs it with b and c.
    const markets = catalogOf(marketOf('a', SYMBOL), marketOf('b', SYMBOL), marketOf('c', SYMBOL));
    const views = [
      viewOf('b', SYMBOL, { bids: [[103, 1]], asks: [[110, 1]] }),
      viewOf('c', SYMBOL, { bids: [[90, 1]], asks: [[99, 1]] }),
      viewOf('a', SYMBOL, { bids: [[101, 1]], asks: [[102, 1]] }),
    ];
    const ops = collect(detectSpatialArbitrage({ markets, clock: clockAt() }), setsOf(views));
    // set 2 (c arrives): c→b (103 − 99 = 4); set 3 (a arrives): a→b (1), c→a (2)
    expect(ops.map((op) => `${op.legs[0]?.venue}>${op.legs[1]?.venue} ${op.expected.net.toString()}`)).toEqual(['c>b 4', 'a>b 1', 'c>a 2']);
  });

  it('rejects bad options with a ValidationError naming the field', () => {
    const markets = twoVenues();
    const bad = (options: Record<string, unknown>, field: string) => {
      try {
        detectSpatialArbitrage({ markets, clock: clockAt(), ...options } as Parameters<typeof detectSpatialArbitrage>[0]);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues[0]?.field).toBe(field);
      }
    };
    bad({ markets: {} }, 'markets');
    bad({ clock: Date }, 'clock');
    bad({ haircutBps: -1 }, 'haircutBps');
    bad({ minNetProfit: '-1' }, 'minNetProfit');
    bad({ fees: { a: { taker: '1.5' } } }, 'fees.a.taker');
    bad({ maxNotional: '0' }, 'maxNotional');
    bad({ balances: 42 }, 'balances');
    bad({ cooldownMs: Number.NaN }, 'cooldownMs');
  });
});
