import { type BalanceSnapshot, Decimal, type OrderUpdate, parseOrderRequest } from '@arbot/core';
import type { Exchange } from 'ccxt';
import { firstValueFrom } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { type CcxtVenue, ccxtVenue } from '../../src/ccxt/index';
import { createCcxtExchangeForFake, type FakeExchange, startFakeExchange } from '../../src/testing/index';
import { START_BOOK, startHarness, until, untilWatching, type VenueHarness } from './venue-harness';

let harness: VenueHarness | undefined;
const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  await harness?.close();
  harness = undefined;
  for (const step of cleanup.splice(0).reverse()) await step();
});

const usdtFree = (snapshot: BalanceSnapshot | undefined) => snapshot?.balances.find((b) => b.asset === 'USDT')?.free.toString();

const request = (fields: Record<string, unknown>) =>
  parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '1', price: '90', ...fields });

/** Order status, filled amount and the fill's amount of each update. */
const summary = (updates: readonly OrderUpdate[]) =>
  updates.map((u) => [u.order.status, u.order.filled.toString(), u.fill?.amount.toString()]);

/** What an update's fill says: id, order id, price, amount, fee asset and amount, liquidity. */
const fillOf = (u: OrderUpdate) =>
  u.fill === undefined
    ? undefined
    : [
        u.fill.id,
        u.fill.orderId,
        u.fill.price.toString(),
        u.fill.amount.toString(),
        u.fill.fee.asset,
        u.fill.fee.amount.toString(),
        u.fill.liquidity,
      ];

/** Requests that would mean the venue polled for order state. */
const orderPolls = (fake: FakeExchange) =>
  fake.requests().filter((r) => r.method === 'GET' && (r.path === '/api/v3/order' || r.path === '/api/v3/openOrders'));

/**
 * The IOC every test below places: buy 2 BTC at up to 102 against asks 101 × 1.5 and 102 × 3.
 * It takes 1.5 at 101 and 0.5 at 102: cost 151.5 + 51 = 202.5, average 202.5 / 2 = 101.25;
 * taker fee 0.1 % of the base received: 0.0015 + 0.0005 = 0.002 BTC.
 */
const IOC = { amount: '2', price: '102', timeInForce: 'IOC' } as const;

/** The two fills of {@link IOC}, as the fake recorded them (trade ids are the fake's). */
function expectedIocFills(fake: FakeExchange, clientOrderId: string) {
  const order = fake.orders().find((o) => o.clientOrderId === clientOrderId);
  const [first, second] = order?.fills ?? [];
  const id = String(order?.id);
  return [
    [String(first?.tradeId), id, '101', '1.5', 'BTC', '0.0015', 'taker'],
    [String(second?.tradeId), id, '102', '0.5', 'BTC', '0.0005', 'taker'],
  ];
}

/** The final state of {@link IOC}. */
const FILLED_IOC = { status: 'filled', amount: '2', filled: '2', cost: '202.5', average: '101.25', fees: [['BTC', '0.002']] };
const stateOf = (u: OrderUpdate | undefined) => ({
  status: u?.order.status,
  amount: u?.order.amount.toString(),
  filled: u?.order.filled.toString(),
  cost: u?.order.cost.toString(),
  average: u?.order.average?.toString(),
  fees: u?.order.fees.map((f) => [f.asset, f.amount.toString()]),
});

/**
 * Fills and order states agree: an update carrying a fill shows an order that includes it and every
 * fill reported before it, and an update without a fill never shows more filled than the fills
 * reported so far (a filled order is not announced ahead of its fills).
 */
function expectFillsAndStatesAgree(updates: readonly OrderUpdate[]): void {
  const reported = new Map<string, Decimal>();
  for (const u of updates) {
    const before = reported.get(u.order.id) ?? new Decimal(0);
    if (u.fill === undefined) {
      expect(u.order.filled.lte(before)).toBe(true);
      continue;
    }
    const total = before.plus(u.fill.amount);
    reported.set(u.order.id, total);
    expect(u.order.filled.gte(total)).toBe(true);
  }
}

describe('ccxtVenue private streams through the real ccxt binance class', () => {
  it('balances$: every run starts from a fresh REST snapshot; a subscriber who joins gets the latest at once', async () => {
    harness = await startHarness('binance', {}, { balances: { USDT: '1000' } });
    const { venue, fake, exchange } = harness;
    // Reconciliation takes one snapshot per check.
    for (let i = 0; i < 3; i++) expect(usdtFree(await firstValueFrom(venue.balances$()))).toBe('1000');

    const a: BalanceSnapshot[] = [];
    const subA = venue.balances$().subscribe((s) => a.push(s));
    await until(() => a.length === 1);
    await untilWatching(exchange, 'spot:balance');
    fake.setBalance('USDT', '1100');
    await until(() => usdtFree(a.at(-1)) === '1100');
    const b: BalanceSnapshot[] = [];
    const subB = venue.balances$().subscribe((s) => b.push(s));
    expect(b.map(usdtFree)).toEqual(['1100']);
    fake.setBalance('USDT', '1200');
    await until(() => usdtFree(a.at(-1)) === '1200' && usdtFree(b.at(-1)) === '1200');
    subA.unsubscribe();
    subB.unsubscribe();

    // A new run: a fresh snapshot without waiting for any change, then the user stream again.
    const c: BalanceSnapshot[] = [];
    const subC = venue.balances$().subscribe((s) => c.push(s));
    await until(() => c.length === 1);
    expect(usdtFree(c[0])).toBe('1200');
    fake.setBalance('USDT', '1300');
    await until(() => c.length === 2);
    subC.unsubscribe();
    expect(c.map(usdtFree)).toEqual(['1200', '1300']);
    // 3 single snapshots + runs A and C.
    expect(fake.requests().filter((r) => r.path === '/api/v3/account')).toHaveLength(5);
  });

  it('orders$: resubscribing picks the user stream up again; a joining subscriber gets what follows', async () => {
    harness = await startHarness('binance', {}, { balances: { USDT: '1000' } });
    const { venue, fake, exchange } = harness;
    const a: OrderUpdate[] = [];
    const subA = venue.orders$().subscribe((u) => a.push(u));
    await untilWatching(exchange, 'orders');
    await untilWatching(exchange, 'myTrades');
    const placed = await venue.placeOrder(request({ clientOrderId: 'resub-1' }));
    await until(() => a.length === 1);
    const b: OrderUpdate[] = [];
    const subB = venue.orders$().subscribe((u) => b.push(u));
    fake.fillOrder(Number(placed.id), '0.4');
    await until(() => a.length === 2 && b.length === 1);
    subA.unsubscribe();
    subB.unsubscribe();
    expect(summary(a)).toEqual([
      ['open', '0', undefined],
      ['partially_filled', '0.4', '0.4'],
    ]);
    expect(summary(b)).toEqual([['partially_filled', '0.4', '0.4']]);

    const c: OrderUpdate[] = [];
    const subC = venue.orders$().subscribe((u) => c.push(u));
    // The rest, 0.6, fills as maker at 90.
    fake.fillOrder(Number(placed.id));
    await until(() => c.length === 1);
    subC.unsubscribe();
    expect(summary(c)).toEqual([['filled', '1', '0.6']]);
    expect(orderPolls(fake)).toEqual([]);
  });

  it('orders$: an IOC fill over the user stream comes out with its order, in the turn its execution report arrived', async () => {
    const fake = await startFakeExchange({ balances: { USDT: '1000' } });
    cleanup.push(() => fake.close());
    fake.setBook('BTC/USDT', { bids: START_BOOK.bids.map(([p, q]) => [p, q]), asks: START_BOOK.asks.map(([p, q]) => [p, q]) });
    const exchange: Exchange = await createCcxtExchangeForFake('binance', fake, { enableRateLimit: false });
    // Marks the event-loop turn of each execution report that carries a trade, by trade id.
    const turnOpen = new Set<string>();
    const handle = exchange.handleMessage;
    exchange.handleMessage = function marked(this: Exchange, client: unknown, message: unknown): void {
      const event = (message as { event?: { e?: string; x?: string; t?: number } }).event;
      if (event?.e === 'executionReport' && event.x === 'TRADE') {
        const tradeId = String(event.t);
        turnOpen.add(tradeId);
        setImmediate(() => turnOpen.delete(tradeId));
      }
      handle.call(this, client, message);
    };
    const venue: CcxtVenue = ccxtVenue(exchange, { syncClock: false });
    cleanup.push(() => venue.close());

    const updates: OrderUpdate[] = [];
    const late: string[] = [];
    const sub = venue.orders$().subscribe((u) => {
      updates.push(u);
      if (u.fill !== undefined && !turnOpen.has(u.fill.id)) late.push(u.fill.id);
    });
    await venue.markets();
    await untilWatching(exchange, 'orders');
    await untilWatching(exchange, 'myTrades');
    // Placed around the venue: only the user stream can tell it.
    await exchange.createOrder('BTC/USDT', 'limit', 'buy', 2, 102, { timeInForce: 'IOC', clientOrderId: 'ws-ioc' });
    await until(() => updates.filter((u) => u.fill !== undefined).length === 2);
    sub.unsubscribe();

    expect(updates.filter((u) => u.fill !== undefined).map(fillOf)).toEqual(expectedIocFills(fake, 'ws-ioc'));
    expectFillsAndStatesAgree(updates);
    expect(stateOf(updates.at(-1))).toEqual(FILLED_IOC);
    expect(late).toEqual([]);
    expect(orderPolls(fake)).toEqual([]);
  });

  it('orders$: an IOC placed right after subscribing is reported with its fills before placeOrder resolves, once each', async () => {
    harness = await startHarness('binance', {}, { balances: { USDT: '1000' } });
    const { venue, fake, exchange } = harness;
    await venue.markets();
    const updates: OrderUpdate[] = [];
    const sub = venue.orders$().subscribe((u) => updates.push(u));
    // No waiting for the user stream: the exchange may not have confirmed the subscription yet.
    const placed = await venue.placeOrder(request({ ...IOC, clientOrderId: 'race-ioc' }));
    expect(placed.status).toBe('filled');
    const iocFills = expectedIocFills(fake, 'race-ioc');
    expect(updates.filter((u) => u.fill !== undefined).map(fillOf)).toEqual(iocFills);
    expectFillsAndStatesAgree(updates);
    expect(stateOf(updates.at(-1))).toEqual(FILLED_IOC);

    // Whatever the user stream says about the IOC arrives before what it says about a later order: no repeats.
    await untilWatching(exchange, 'orders');
    const resting = await venue.placeOrder(request({ amount: '1', price: '90', clientOrderId: 'race-gtc' }));
    fake.fillOrder(Number(resting.id));
    await until(() => updates.some((u) => u.order.id === resting.id && u.order.status === 'filled'));
    sub.unsubscribe();
    const gtcFill = fake.orders().find((o) => o.clientOrderId === 'race-gtc')?.fills[0];
    // 1 bought at 90 as maker: 0.1 % fee = 0.001 BTC.
    expect(updates.filter((u) => u.fill !== undefined).map(fillOf)).toEqual([
      ...iocFills,
      [String(gtcFill?.tradeId), resting.id, '90', '1', 'BTC', '0.001', 'maker'],
    ]);
    // Once reported filled, the IOC never shows an earlier state again.
    const ioc = updates.filter((u) => u.order.id === placed.id).map((u) => u.order.status);
    expect(ioc.slice(ioc.indexOf('filled'))).toEqual(ioc.slice(ioc.indexOf('filled')).map(() => 'filled'));
    expect(orderPolls(fake)).toEqual([]);
  });
});
