import {
  type BalanceSnapshot,
  type Level,
  type Opportunity,
  orderViolations,
  parseOpportunity,
  toDecimal,
  ValidationError,
} from '@arbot/core';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { detectTriangularArbitrage } from '../../src/index';
import { catalogOf, clockAt, collect, type MarketShape, marketOf, setsOf, summary, type ViewShape, viewOf } from './arbitrage-helpers';

/**
 * USDT → BTC → ETH → USDT on venue x:
 *   BTC/USDT asks 20000 × 0.5   ETH/BTC asks 0.05 × 10   ETH/USDT bids 1010 × 2, 990 × 10
 * 1 USDT buys 1/20000 BTC, which buys 20/20000 = 0.001 ETH, which sells for 1.01 USDT: +1 % at the top.
 * The other direction (buy ETH at 1020, sell ETH/BTC at 0.049, sell BTC at 19990) returns 0.96: nothing.
 */
const books: { readonly btcUsdt: ViewShape; readonly ethBtc: ViewShape; readonly ethUsdt: ViewShape } = {
  btcUsdt: { bids: [[19_990, 1]], asks: [[20_000, 0.5]] },
  ethBtc: { bids: [[0.049, 10]], asks: [[0.05, 10]] },
  ethUsdt: {
    bids: [
      [1_010, 2],
      [990, 10],
    ],
    asks: [[1_020, 10]],
  },
};

function catalog(shapes: { btcUsdt?: MarketShape; ethBtc?: MarketShape; ethUsdt?: MarketShape } = {}, taker = '0') {
  return catalogOf(
    marketOf('x', 'BTC/USDT', { amountStep: '0.0001', taker, ...shapes.btcUsdt }),
    marketOf('x', 'ETH/BTC', { amountStep: '0.001', priceStep: '0.00001', taker, ...shapes.ethBtc }),
    marketOf('x', 'ETH/USDT', { amountStep: '0.001', taker, ...shapes.ethUsdt }),
  );
}

function sets(overrides: Partial<typeof books> = {}, recvTs = 0) {
  const b = { ...books, ...overrides };
  return setsOf([
    viewOf('x', 'BTC/USDT', { ...b.btcUsdt, recvTs }),
    viewOf('x', 'ETH/BTC', { ...b.ethBtc, recvTs }),
    viewOf('x', 'ETH/USDT', { ...b.ethUsdt, recvTs }),
  ]);
}

describe('detectTriangularArbitrage: sizing through three books', () => {
  it('sizes to the depth of the profitable level and prices every leg', () => {
    // The net is 20000 × 1 % = 200 per BTC bought while ETH sells at 1010 (up to 2 ETH = 0.1 BTC),
    // then 20 × 990 − 20000 = −200 per BTC: the best first leg is 0.1 BTC.
    // buy 0.1 BTC for 2000 USDT, buy 2 ETH for 0.1 BTC, sell 2 ETH for 2020 USDT: net 20, 100 bps.
    const ops = collect(detectTriangularArbitrage({ markets: catalog(), clock: clockAt(7), start: 'USDT' }), sets());
    expect(ops).toHaveLength(1);
    const op = ops[0] as Opportunity;
    expect(summary(op)).toEqual({
      legs: ['buy 0.1 BTC/USDT@x limit 20000', 'buy 2 ETH/BTC@x limit 0.05', 'sell 2 ETH/USDT@x limit 1010'],
      gross: '20',
      fees: '0',
      net: '20',
      notional: '2000',
      currency: 'USDT',
    });
    expect(op.expected.netBps).toBe(100);
    expect(op).toMatchObject({
      id: 'triangular:x:USDT>BTC>ETH>USDT:7:1',
      kind: 'triangular',
      strategy: 'triangular-arbitrage',
      detectedAt: 7,
    });
    expect(op.sources.map((s) => s.symbol)).toEqual(['BTC/USDT', 'ETH/BTC', 'ETH/USDT']);
    expect(parseOpportunity(op).legs).toHaveLength(3); // a valid core Opportunity
  });

  it('takes each fee from what its leg receives and rounds every hop down to its step', () => {
    // 0.1 % per leg, first leg capped at 2000 USDT (maxNotional):
    //   buy 0.1 BTC for 2000 USDT, keep 0.0999 BTC
    //   0.0999 BTC buys 0.0999 / 0.05 = 1.998 ETH (on the 0.001 grid), keep 1.998 × 0.999 = 1.996002 ETH
    //   sell 1.996 ETH (rounded down) for 2015.96 USDT, keep 2015.96 × 0.999 = 2013.94404 USDT
    // net 13.94404, 69.7202 bps; fees = 2013.94404 / 0.999³ − 2013.94404 = 6.0539359539…
    const ethUsdt = { ...books.ethUsdt, bids: [[1_010, 10]] as Level[] };
    const ops = collect(
      detectTriangularArbitrage({ markets: catalog({}, '0.001'), clock: clockAt(), start: 'USDT', maxNotional: '2000' }),
      sets({ ethUsdt }),
    );
    expect(ops.map(summary)).toEqual([
      {
        legs: ['buy 0.1 BTC/USDT@x limit 20000', 'buy 1.998 ETH/BTC@x limit 0.05', 'sell 1.996 ETH/USDT@x limit 1010'],
        gross: '19.997975953931909887865843821799777756',
        fees: '6.053935953931909887865843821799777756',
        net: '13.94404',
        notional: '2000',
        currency: 'USDT',
      },
    ]);
    expect(ops[0]?.expected.netBps).toBeCloseTo(69.7202, 10);
  });

  it('finds the best first-leg amount when a coarse later step wastes the rest', () => {
    // ETH/USDT trades whole ETH only; maxNotional 1500 allows up to 0.075 BTC = 1.5 ETH, which sells as 1 ETH:
    // net 1010 − 1500 < 0. The best grid amount is 0.05 BTC → exactly 1 ETH: net 1010 − 1000 = 10.
    const ethUsdt = { ...books.ethUsdt, bids: [[1_010, 10]] as Level[] };
    const ops = collect(
      detectTriangularArbitrage({
        markets: catalog({ ethUsdt: { amountStep: '1' } }),
        clock: clockAt(),
        start: 'USDT',
        maxNotional: '1500',
      }),
      sets({ ethUsdt }),
    );
    expect(ops.map((op) => [op.legs.map((l) => l.amount.toString()), op.expected.net.toString()])).toEqual([[['0.05', '1', '1'], '10']]);
  });

  it('emits nothing when the profit disappears after rounding a later leg', () => {
    // maxNotional 900 → at most 0.045 BTC → 0.9 ETH, which rounds down to 0 whole ETH.
    const ethUsdt = { ...books.ethUsdt, bids: [[1_010, 10]] as Level[] };
    const ops = collect(
      detectTriangularArbitrage({
        markets: catalog({ ethUsdt: { amountStep: '1' } }),
        clock: clockAt(),
        start: 'USDT',
        maxNotional: '900',
      }),
      sets({ ethUsdt }),
    );
    expect(ops).toEqual([]);
  });

  it('respects a minimum notional on one leg', () => {
    // 10 USDT free: 0.0005 BTC → 0.01 ETH → sold for 10.1 USDT (net 0.1), valid when ETH/USDT needs 10 …
    const balances: BalanceSnapshot = {
      venue: 'x',
      ts: 0,
      balances: [{ venue: 'x', asset: 'USDT', free: toDecimal(10), locked: toDecimal(0) }],
    };
    const richer = {
      ...balances,
      balances: [
        ...balances.balances,
        ...['BTC', 'ETH'].map((asset) => ({ venue: 'x', asset, free: toDecimal(100), locked: toDecimal(0) })),
      ],
    };
    const run = (minCost: string) =>
      collect(
        detectTriangularArbitrage({ markets: catalog({ ethUsdt: { minCost } }), clock: clockAt(), start: 'USDT', balances: richer }),
        sets(),
      ).map((op) => `${op.legs.map((l) => l.amount.toString()).join(' ')} net ${op.expected.net.toString()}`);
    expect(run('10')).toEqual(['0.0005 0.01 0.01 net 0.1']);
    // … and nothing when it needs 11: no plan within 10 USDT sells enough ETH
    expect(run('11')).toEqual([]);
  });

  it('caps each leg by the free balance of the asset it spends', () => {
    // Plenty of USDT, but only 0.05 BTC free for the ETH/BTC leg, which buys 0.05 / 0.05 = 1 ETH, sold for 1010.
    // Any BTC bought beyond 0.05 could not be converted (it would be kept as dust, valued at 0), so the
    // first leg buys 0.05 BTC for 1000 USDT: net 10.
    const balances: BalanceSnapshot = {
      venue: 'x',
      ts: 0,
      balances: [
        { venue: 'x', asset: 'USDT', free: toDecimal(100_000), locked: toDecimal(0) },
        { venue: 'x', asset: 'BTC', free: toDecimal('0.05'), locked: toDecimal(0) },
        { venue: 'x', asset: 'ETH', free: toDecimal(100), locked: toDecimal(0) },
      ],
    };
    const ops = collect(detectTriangularArbitrage({ markets: catalog(), clock: clockAt(), start: 'USDT', balances }), sets());
    expect(ops.map((op) => [op.legs.map((l) => l.amount.toString()), op.expected.net.toString()])).toEqual([[['0.05', '1', '1'], '10']]);
  });

  it('handles a market quoted the other way', () => {
    // USDT → TRY → BTC → USDT: sell USDT/TRY at 30, buy BTC/TRY at 600000, sell BTC/USDT at 20100.
    // 1000 USDT (maxNotional) → 30000 TRY → 0.05 BTC → 1005 USDT: net 5.
    const markets = catalogOf(
      marketOf('x', 'USDT/TRY', { amountStep: '0.01' }),
      marketOf('x', 'BTC/TRY', { amountStep: '0.0001', priceStep: '1' }),
      marketOf('x', 'BTC/USDT', { amountStep: '0.0001' }),
    );
    const views = setsOf([
      viewOf('x', 'USDT/TRY', { bids: [[30, 10_000]], asks: [[30.5, 10_000]] }),
      viewOf('x', 'BTC/TRY', { bids: [[590_000, 1]], asks: [[600_000, 1]] }),
      viewOf('x', 'BTC/USDT', { bids: [[20_100, 1]], asks: [[20_200, 1]] }),
    ]);
    const ops = collect(detectTriangularArbitrage({ markets, clock: clockAt(), start: 'USDT', maxNotional: '1000' }), views);
    expect(ops.map(summary)).toEqual([
      {
        legs: ['sell 1000 USDT/TRY@x limit 30', 'buy 0.05 BTC/TRY@x limit 600000', 'sell 0.05 BTC/USDT@x limit 20100'],
        gross: '5',
        fees: '0',
        net: '5',
        notional: '1000',
        currency: 'USDT',
      },
    ]);
    for (const leg of ops[0]?.legs ?? []) {
      expect(orderViolations(markets.get(leg.venue, leg.symbol), { side: leg.side, amount: leg.amount, price: leg.priceLimit })).toEqual(
        [],
      );
    }
  });

  it('emits only above minNetProfit, minNetBps and after the haircut', () => {
    const run = (o: { minNetProfit?: string; minNetBps?: number; haircutBps?: number }) =>
      collect(detectTriangularArbitrage({ markets: catalog(), clock: clockAt(), start: 'USDT', ...o }), sets()).map((op) =>
        op.expected.net.toString(),
      );
    expect(run({ minNetProfit: '20' })).toEqual(['20']);
    expect(run({ minNetProfit: '20.01' })).toEqual([]);
    expect(run({ minNetBps: 100 })).toEqual(['20']);
    expect(run({ minNetBps: 100.01 })).toEqual([]);
    // haircut 40 bps: net 20 − 0.004 × 2000 = 12
    expect(run({ haircutBps: 40 })).toEqual(['12']);
    // 100 bps of haircut eats the whole edge
    expect(run({ haircutBps: 100 })).toEqual([]);
  });
});

describe('detectTriangularArbitrage: updates and time', () => {
  it('looks only at the triangles of the updated market', () => {
    const markets = catalogOf(
      ...catalog().list(),
      marketOf('x', 'SOL/USDT', { amountStep: '0.01' }),
      marketOf('x', 'SOL/BTC', { amountStep: '0.01', priceStep: '0.00001' }),
    );
    const books$ = new Subject<ReturnType<typeof sets>[number]>();
    const seen: string[] = [];
    books$.pipe(detectTriangularArbitrage({ markets, clock: clockAt(), start: 'USDT' })).subscribe((op) => seen.push(op.id));
    const base = sets();
    for (const set of base) books$.next(set);
    const last = base[2] as (typeof base)[number];
    // SOL books touch only the SOL triangles, which do not pay: the ETH triangle is not re-reported
    const withSol = last
      .with(viewOf('x', 'SOL/USDT', { bids: [[20, 10]], asks: [[20.1, 10]] }))
      .with(viewOf('x', 'SOL/BTC', { bids: [[0.00099, 10]], asks: [[0.001, 10]] }));
    books$.next(withSol);
    // an ETH/BTC update does
    books$.next(withSol.with(viewOf('x', 'ETH/BTC', books.ethBtc)));
    expect(seen).toEqual(['triangular:x:USDT>BTC>ETH>USDT:0:1', 'triangular:x:USDT>BTC>ETH>USDT:0:2']);
  });

  it('reads the books of a set it joins mid-stream, not only the updated one', () => {
    const last = sets().at(-1) as ReturnType<typeof sets>[number];
    const ops = collect(detectTriangularArbitrage({ markets: catalog(), clock: clockAt(), start: 'USDT' }), [last]);
    expect(ops.map((op) => op.expected.net.toString())).toEqual(['20']);
  });

  it('skips triangles with a book older than maxBookAgeMs', () => {
    const clock = clockAt(10_000);
    const run = (recvTs: number) =>
      collect(detectTriangularArbitrage({ markets: catalog(), clock, start: 'USDT', maxBookAgeMs: 500 }), sets({}, recvTs)).length;
    expect(run(9_499)).toBe(0);
    expect(run(9_500)).toBe(1);
  });

  it('keeps a triangle quiet during its cooldown unless a materially better one comes', () => {
    const clock = clockAt(0);
    const books$ = new Subject<ReturnType<typeof sets>[number]>();
    const seen: string[] = [];
    books$
      .pipe(detectTriangularArbitrage({ markets: catalog(), clock, start: 'USDT', cooldownMs: 1_000, cooldownImprovementBps: 20 }))
      .subscribe((op) => seen.push(`${op.detectedAt} ${op.expected.netBps}`));
    const normal = sets()[2] as ReturnType<typeof sets>[number];
    // ETH bid 1013: 1.3 % on the first 2 ETH → net 26, 130 bps (+30)
    const better = sets({
      ethUsdt: {
        ...books.ethUsdt,
        bids: [
          [1_013, 2],
          [990, 10],
        ],
      },
    })[2] as typeof normal;
    // ETH bid 1011: 110 bps (+10, not enough)
    const slightly = sets({
      ethUsdt: {
        ...books.ethUsdt,
        bids: [
          [1_011, 2],
          [990, 10],
        ],
      },
    })[2] as typeof normal;
    books$.next(normal);
    clock.advanceBy(999);
    books$.next(slightly);
    books$.next(better);
    clock.advanceBy(999);
    books$.next(better);
    clock.advanceBy(1);
    books$.next(normal);
    expect(seen).toEqual(['0 100', '999 130', '1999 100']);
  });

  it('rejects bad options with a ValidationError naming the field', () => {
    const bad = (options: Record<string, unknown>, field: string) => {
      try {
        detectTriangularArbitrage({ markets: catalog(), clock: clockAt(), start: 'USDT', ...options } as Parameters<
          typeof detectTriangularArbitrage
        >[0]);
        expect.unreachable();
      } catch (err) {
        expect(err).toBeInstanceOf(ValidationError);
        expect((err as ValidationError).issues[0]?.field).toBe(field);
      }
    };
    bad({ start: '' }, 'start');
    bad({ maxSizingSteps: 0 }, 'maxSizingSteps');
    bad({ maxNotional: '-5' }, 'maxNotional');
    bad({ minNetBps: Number.POSITIVE_INFINITY }, 'minNetBps');
  });
});
