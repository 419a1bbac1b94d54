import {
  ArbotError,
  type BalanceSnapshot,
  canTransition,
  Decimal,
  type Fill,
  type Level,
  type OrderUpdate,
  parseMarket,
  VirtualClock,
} from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simVenue } from '../../src/sim/index';
import { HandFedMarketData } from './hand-fed-market-data';

// BTC/USDT with step 0.01 and tick 0.5 around a mid of 100; small minimum notional so most orders pass the checks.
const market = parseMarket({
  venue: 'sim',
  symbol: 'BTC/USDT',
  id: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  precision: { amount: '0.01', price: '0.5' },
  limits: { amount: { min: '0.01' }, cost: { min: '1' } },
  fees: { maker: '0.001', taker: '0.002' },
});

/** One side: 1–6 distinct levels `distance` half-ticks away from the mid, amounts 0.01–3. */
const side = (sign: 1 | -1): fc.Arbitrary<Level[]> =>
  fc
    .uniqueArray(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 6 })
    .chain((distances) =>
      fc.tuple(...distances.map((d) => fc.integer({ min: 1, max: 300 }).map((n): Level => [100 + (sign * d) / 2, n / 100]))),
    );
const bookArb = fc.record({ bids: side(-1), asks: side(1) });

type Op =
  | {
      kind: 'place';
      side: 'buy' | 'sell';
      type: 'market' | 'limit';
      tif: 'GTC' | 'IOC' | 'FOK';
      postOnly: boolean;
      steps: number;
      ticks: number;
    }
  | { kind: 'book'; book: { bids: Level[]; asks: Level[] } | 'same' }
  | { kind: 'cancel'; pick: number }
  | { kind: 'advance'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('place' as const),
      side: fc.constantFrom('buy' as const, 'sell' as const),
      type: fc.constantFrom('market' as const, 'limit' as const),
      tif: fc.constantFrom('GTC' as const, 'IOC' as const, 'FOK' as const),
      postOnly: fc.boolean(),
      steps: fc.integer({ min: 1, max: 500 }),
      ticks: fc.integer({ min: -10, max: 10 }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('book' as const), book: fc.oneof(bookArb, fc.constant('same' as const)) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 40 }) }) },
);

const delayArb = fc.record({ fixedMs: fc.integer({ min: 0, max: 20 }), jitterMs: fc.integer({ min: 0, max: 10 }) });
const scenarioArb = fc.record({
  usdt: fc.integer({ min: 0, max: 2_000 }),
  btc: fc.integer({ min: 0, max: 2_000 }).map((n) => n / 100),
  maker: fc.constantFrom('0.0001', '0.001', '0.0025'),
  taker: fc.constantFrom('0.0002', '0.001', '0.004'),
  latency: fc.record({ placement: delayArb, cancel: delayArb, fillReport: delayArb }),
  seed: fc.integer(),
  first: bookArb,
  ops: fc.array(opArb, { maxLength: 30 }),
});

/** Errors a random request may legitimately meet. */
const EXPECTED_CODES = new Set(['INSUFFICIENT_BALANCE', 'MIN_NOTIONAL', 'NO_BOOK', 'ORDER_NOT_CANCELABLE']);

describe('simulated venue invariants over random order sequences on random books', () => {
  it('balances never negative, filled ≤ requested, fees always charged, value conserved apart from fees', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const clock = new VirtualClock(0);
        const data = new HandFedMarketData('sim', [market]);
        const venue = simVenue(data, {
          clock,
          markets: [market],
          balances: { USDT: s.usdt, BTC: s.btc },
          startPrices: { BTC: '100' },
          fees: { 'BTC/USDT': { maker: s.maker, taker: s.taker } },
          latency: s.latency,
          seed: s.seed,
        });
        const updates: OrderUpdate[] = [];
        const snapshots: BalanceSnapshot[] = [];
        venue.orders$().subscribe((u) => updates.push(u));
        venue.balances$().subscribe((b) => snapshots.push(b));
        const errors: unknown[] = [];
        const pending: Promise<unknown>[] = [];
        const requested = new Map<string, { amount: Decimal; price: Decimal | undefined; tif: string; postOnly: boolean }>();
        let last = s.first;
        data.show('BTC/USDT', last.bids, last.asks);

        for (const op of s.ops) {
          if (op.kind === 'place') {
            const amount = new Decimal(op.steps).div(100);
            const price = op.type === 'limit' ? new Decimal(100).plus(new Decimal(op.ticks).div(2)) : undefined;
            const postOnly = op.type === 'limit' && op.tif === 'GTC' && op.postOnly;
            const placed = venue.placeOrder({
              venue: 'sim',
              symbol: 'BTC/USDT',
              side: op.side,
              type: op.type,
              amount,
              ...(price === undefined ? {} : { price }),
              timeInForce: op.tif,
              postOnly,
            });
            pending.push(
              placed.then(
                (o) => requested.set(o.id, { amount, price, tif: op.tif, postOnly }),
                (e: unknown) => errors.push(e),
              ),
            );
          } else if (op.kind === 'book') {
            if (op.book !== 'same') last = op.book;
            data.show('BTC/USDT', last.bids, last.asks);
          } else if (op.kind === 'cancel') {
            const open = await venue.fetchOpenOrders();
            const target = open[op.pick % Math.max(1, open.length)];
            if (target !== undefined) pending.push(venue.cancelOrder(target.id, target.symbol).catch((e: unknown) => errors.push(e)));
          } else {
            clock.advanceBy(op.ms);
          }
        }
        clock.advanceBy(100); // every placement (≤ 30 ms) has arrived
        for (const o of await venue.fetchOpenOrders())
          pending.push(venue.cancelOrder(o.id, o.symbol).catch((e: unknown) => errors.push(e)));
        clock.advanceBy(100); // every cancel and report has landed
        await Promise.all(pending);

        for (const e of errors) {
          expect(e).toBeInstanceOf(ArbotError);
          expect(EXPECTED_CODES.has((e as ArbotError).code), String(e)).toBe(true);
        }
        // Balances never negative, in any snapshot; nothing left locked once every order is finished.
        for (const snap of snapshots) {
          for (const b of snap.balances) expect(b.free.gte(0) && b.locked.gte(0)).toBe(true);
        }
        expect(await venue.fetchOpenOrders()).toEqual([]);
        for (const asset of ['USDT', 'BTC']) expect(venue.ledger.balance('sim', asset).locked.isZero()).toBe(true);

        const fills = updates.flatMap((u) => (u.fill === undefined ? [] : [u.fill]));
        const byOrder = new Map<string, Fill[]>();
        for (const f of fills) byOrder.set(f.orderId, [...(byOrder.get(f.orderId) ?? []), f]);
        // Every order's updates follow the lifecycle; filled ≤ requested and = Σ its fills; FOK is all or nothing.
        const lastUpdate = new Map<string, OrderUpdate>();
        for (const u of updates) {
          const before = lastUpdate.get(u.order.id);
          if (before !== undefined) expect(canTransition(before.order.status, u.order.status)).toBe(true);
          lastUpdate.set(u.order.id, u);
        }
        for (const [id, { order }] of lastUpdate) {
          const req = requested.get(id);
          expect(req).toBeDefined();
          if (req === undefined) continue;
          expect(order.filled.lte(req.amount)).toBe(true);
          const own = byOrder.get(id) ?? [];
          expect(own.reduce((sum, f) => sum.plus(f.amount), new Decimal(0)).eq(order.filled)).toBe(true);
          if (req.tif === 'FOK') expect(order.filled.isZero() || order.filled.eq(req.amount)).toBe(true);
          if (req.postOnly) expect(own.every((f) => f.liquidity === 'maker')).toBe(true);
          if (req.tif !== 'GTC' || order.type === 'market') expect(own.every((f) => f.liquidity === 'taker')).toBe(true);
          for (const f of own) {
            if (req.price === undefined) continue;
            expect(f.side === 'buy' ? f.price.lte(req.price) : f.price.gte(req.price)).toBe(true);
          }
        }
        // Fees: charged on every fill, in the asset received, exactly amount × rate (> 0 since every rate here is > 0).
        for (const f of fills) {
          const rate = new Decimal(f.liquidity === 'maker' ? s.maker : s.taker);
          const received = f.side === 'buy' ? f.amount : f.price.times(f.amount);
          expect(f.fee.asset).toBe(f.side === 'buy' ? 'BTC' : 'USDT');
          expect(f.fee.amount.eq(received.times(rate))).toBe(true);
          expect(f.fee.amount.gt(0)).toBe(true);
        }
        // Value conserved apart from fees, exactly: each fill moves price × amount of quote against amount of base.
        let usdt = new Decimal(s.usdt);
        let btc = new Decimal(s.btc);
        for (const f of fills) {
          const cost = f.price.times(f.amount);
          if (f.side === 'buy') {
            usdt = usdt.minus(cost);
            btc = btc.plus(f.amount).minus(f.fee.amount);
          } else {
            usdt = usdt.plus(cost).minus(f.fee.amount);
            btc = btc.minus(f.amount);
          }
        }
        expect(venue.ledger.balance('sim', 'USDT').total.eq(usdt)).toBe(true);
        expect(venue.ledger.balance('sim', 'BTC').total.eq(btc)).toBe(true);
        // …and in the ledger's own terms: its fees are the fills' fees valued at their prices.
        const feeValue = fills.reduce((sum, f) => sum.plus(f.side === 'buy' ? f.fee.amount.times(f.price) : f.fee.amount), new Decimal(0));
        expect(venue.ledger.feesPaid().eq(feeValue)).toBe(true);
        await venue.close();
      }),
      { numRuns: 150 },
    );
  });
});

describe('taker matching against a brute-force reference', () => {
  it('a market or limit taker on a fresh book fills exactly what a plain walk of view.asks()/bids() gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        bookArb,
        fc.constantFrom('buy' as const, 'sell' as const),
        fc.integer({ min: 1, max: 1_500 }),
        fc.option(fc.integer({ min: -12, max: 12 }), { nil: undefined }),
        async (book, orderSide, steps, ticks) => {
          const data = new HandFedMarketData('sim', [market]);
          const venue = simVenue(data, {
            clock: new VirtualClock(),
            markets: [market],
            balances: { USDT: '1000000', BTC: '1000' },
            startPrices: { BTC: '100' },
          });
          const fills: Fill[] = [];
          venue.orders$().subscribe((u) => u.fill && fills.push(u.fill));
          const view = data.show('BTC/USDT', book.bids, book.asks);
          const amount = new Decimal(steps).div(100);
          const limit = ticks === undefined ? undefined : 100 + ticks / 2;
          await venue
            .placeOrder({
              venue: 'sim',
              symbol: 'BTC/USDT',
              side: orderSide,
              amount,
              ...(limit === undefined ? { type: 'market' } : { type: 'limit', price: limit, timeInForce: 'IOC' }),
            })
            .catch(() => undefined); // a notional below 1 is refused: then nothing fills, as below
          const expected: string[] = [];
          if (amount.times(limit ?? (orderSide === 'buy' ? (view.bestAsk ?? 0) : (view.bestBid ?? 0))).gte(1)) {
            let left = amount;
            for (const [price, size] of orderSide === 'buy' ? view.asks() : view.bids()) {
              if (left.isZero() || (limit !== undefined && (orderSide === 'buy' ? price > limit : price < limit))) break;
              const take = Decimal.min(left, new Decimal(size));
              expected.push(`${take}@${price}`);
              left = left.minus(take);
            }
          }
          expect(fills.map((f) => `${f.amount}@${f.price}`)).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});
