import { type BalanceSnapshot, type OrderBookView, PortfolioLedger, VirtualClock } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { VenueClosedError } from '../../src/ccxt/ccxt-venue-errors';
import { OrderNotCancelableError, simVenue, UnknownOrderError } from '../../src/sim/index';
import { btcUsdt, HandFedMarketData } from './hand-fed-market-data';
import { ASKS, BIDS, btcOrder, simFixture } from './sim-fixture';

describe('orders: idempotency, fetching, cancelling', () => {
  it('a repeated client order id returns the existing order instead of placing another', async () => {
    const { clock, data, venue } = simFixture({ latency: { placement: { fixedMs: 10 } } });
    data.show('BTC/USDT', BIDS, ASKS);
    const request = btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.5', clientOrderId: 'leg-1' });
    const first = venue.placeOrder(request);
    const retry = venue.placeOrder(request); // while the first is still in flight
    clock.advanceBy(10);
    const [a, b] = await Promise.all([first, retry]);
    expect(b).toEqual(a);
    const later = await venue.placeOrder(request); // after it reached the book
    expect(later.id).toBe(a.id);
    expect(await venue.fetchOpenOrders()).toHaveLength(1);
    expect(venue.ledger.balance('sim', 'USDT').locked.toString()).toBe('100.5');
    expect((await venue.fetchOrder('leg-1', 'BTC/USDT', { byClientOrderId: true })).id).toBe(a.id);
  });

  it('cancels release the reservation; unknown and finished orders are typed errors', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const resting = await venue.placeOrder(btcOrder({ side: 'sell', type: 'limit', amount: '2', price: '110' }));
    expect(venue.ledger.balance('sim', 'BTC').locked.toString()).toBe('2');
    const canceled = await venue.cancelOrder(resting.id, 'BTC/USDT');
    expect(canceled.status).toBe('canceled');
    expect(updates.at(-1)?.order.status).toBe('canceled');
    expect(venue.ledger.balance('sim', 'BTC').free.toString()).toBe('5');
    expect(venue.ledger.balance('sim', 'BTC').locked.toString()).toBe('0');

    await expect(venue.cancelOrder(resting.id, 'BTC/USDT')).rejects.toBeInstanceOf(OrderNotCancelableError);
    await expect(venue.cancelOrder('sim-404', 'BTC/USDT')).rejects.toMatchObject({ code: 'UNKNOWN_ORDER' });
    const filled = await venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '0.5' }));
    await expect(venue.cancelOrder(filled.id, 'BTC/USDT')).rejects.toMatchObject({
      code: 'ORDER_NOT_CANCELABLE',
      context: { status: 'filled' },
    });
    await expect(venue.cancelOrder(filled.id, 'ETH/USDT')).rejects.toBeInstanceOf(UnknownOrderError);
    await expect(venue.fetchOrder('nope', 'BTC/USDT', { byClientOrderId: true })).rejects.toBeInstanceOf(UnknownOrderError);
  });

  it('forgets the oldest finished orders beyond maxFinishedOrders, never open ones', async () => {
    const { data, venue } = simFixture({ maxFinishedOrders: 2 });
    data.show('BTC/USDT', BIDS, ASKS);
    const open = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '90' }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '0.2' }))).id);
    await expect(venue.fetchOrder(ids[0] as string, 'BTC/USDT')).rejects.toBeInstanceOf(UnknownOrderError);
    expect((await venue.fetchOrder(ids[2] as string, 'BTC/USDT')).status).toBe('filled');
    expect((await venue.fetchOrder(open.id, 'BTC/USDT')).status).toBe('open');
  });

  it('balances$ starts with the current balances and follows every change', async () => {
    const { data, venue } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const seen: BalanceSnapshot[] = [];
    venue.balances$().subscribe((s) => seen.push(s));
    await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100' })); // reserve 100
    const usdt = seen.map((s) => {
      const b = s.balances.find((x) => x.asset === 'USDT');
      return `${b?.free}/${b?.locked}`;
    });
    // initial; after the reservation at placement (resting changed nothing more)
    expect(usdt).toEqual(['10000/0', '9900/100']);
    await venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '1' })); // 1 @ 101
    // 101 was just taken (consumed): a post-only at 102 is what would take now
    const postOnly = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '102', postOnly: true }));
    expect(postOnly.status).toBe('rejected');
    expect(usdt.length).toBe(2);
    expect(seen.map((s) => s.balances.find((x) => x.asset === 'USDT')?.free.toString())).toEqual([
      '10000',
      '9900',
      '9799', // the fill
      '9697', // the post-only's reservation at placement…
      '9799', // …released when it was rejected
    ]);
    expect(seen[0]?.venue).toBe('sim');
  });
});

describe('the venue as a whole', () => {
  it('takes its markets from the market data, stamped with its id and fee overrides, and tracks books lazily', async () => {
    const clock = new VirtualClock();
    const data = new HandFedMarketData('binance', [btcUsdt({ venue: 'binance' })]);
    const venue = simVenue(data, { clock, id: 'paper', balances: { USDT: 1000 }, fees: { 'BTC/USDT': { taker: '0.0005' } } });
    expect(data.subscriptions.size).toBe(0);
    const [market] = await venue.markets();
    expect(market).toMatchObject({ venue: 'paper', symbol: 'BTC/USDT' });
    expect(market?.fees.taker.toString()).toBe('0.0005');
    expect(market?.fees.maker.toString()).toBe('0.001');
    const order = await venue.placeOrder({ venue: 'paper', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '1', price: '100' });
    expect(data.subscriptions.get('BTC/USDT')).toBe(1);
    data.show('BTC/USDT', [[99, 1]], [[99.5, 2]]);
    const filled = await venue.fetchOrder(order.id, 'BTC/USDT');
    // maker fill 1 @ 100 (the order's price), fee 1 × 0.001 = 0.001 BTC
    expect(filled.status).toBe('filled');
    expect(filled.fees.map((f) => `${f.amount} ${f.asset}`)).toEqual(['0.001 BTC']);
  });

  it('drives a shared ledger, next to other venues', async () => {
    const clock = new VirtualClock();
    const ledger = new PortfolioLedger({ valuationCurrency: 'USDT', clock });
    ledger.deposit('other', 'USDT', '500');
    const data = new HandFedMarketData('sim', [btcUsdt()]);
    const venue = simVenue(data, { clock, ledger, balances: { USDT: '1000' }, markets: [btcUsdt()] });
    data.show('BTC/USDT', BIDS, ASKS);
    await venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '1' })); // 1 @ 101, fee 0.002 BTC
    expect(ledger.balance('sim', 'USDT').free.toString()).toBe('899');
    expect(ledger.balance('sim', 'BTC').free.toString()).toBe('0.998');
    expect(ledger.balance('other', 'USDT').free.toString()).toBe('500');
    ledger.setPrice('BTC', '101');
    // equity = 500 + 899 + 0.998 × 101 = 1499.798: 1,500 deposited, minus the fee 0.002 × 101 = 0.202
    expect(ledger.equity().toString()).toBe('1499.798');
    expect(ledger.feesPaid().toString()).toBe('0.202');
  });

  it('passes the market data through', () => {
    const { data, venue } = simFixture();
    const views: OrderBookView[] = [];
    venue.orderBook$('BTC/USDT').subscribe((v) => views.push(v));
    const shown = data.show('BTC/USDT', BIDS, ASKS);
    expect(views).toEqual([shown]);
  });

  it('close() rejects what is in flight, completes its streams and refuses further calls', async () => {
    const { data, venue } = simFixture({ latency: { placement: { fixedMs: 10 } } });
    data.show('BTC/USDT', BIDS, ASKS);
    let completed = false;
    venue.orders$().subscribe({ complete: () => (completed = true) });
    const inFlight = venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '1' }));
    await venue.close();
    await expect(inFlight).rejects.toBeInstanceOf(VenueClosedError);
    expect(completed).toBe(true);
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '1' }))).rejects.toBeInstanceOf(VenueClosedError);
    await expect(venue.fetchOpenOrders()).rejects.toMatchObject({ code: 'VENUE_CLOSED' });
  });
});
