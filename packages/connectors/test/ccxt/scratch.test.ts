import { type OrderUpdate, parseOrderRequest } from '@arbot/core';
import { afterEach, describe, it } from 'vitest';
import { startHarness, type VenueHarness } from './venue-harness';

let harness: VenueHarness | undefined;
afterEach(async () => { await harness?.close(); harness = undefined; });

describe('scratch', () => {
  it('orders immediately', async () => {
    harness = await startHarness('binance', {}, { balances: { USDT: '10000', BTC: '1' } });
    const { venue, fake, exchange } = harness;
    await venue.markets();
    const updates: [number, OrderUpdate][] = [];
    const t0 = performance.now();
    const orig = (exchange as any).handleMessage;
    (exchange as any).handleMessage = function (c: any, m: any) { console.log('msg', performance.now() - t0, JSON.stringify(m).slice(0, 150)); return orig.call(this, c, m); };
    venue.orders$().subscribe((u) => updates.push([performance.now() - t0, u]));
    const order = await venue.placeOrder(parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '2', price: '101.5', timeInForce: 'IOC', clientOrderId: 'x1' }));
    console.log('placed at', performance.now() - t0, order.status, fake.subscriptions('binance-api'), fake.requests().map((r) => [r.path, r.at - t0]));
    await new Promise((r) => setTimeout(r, 300));
    await venue.placeOrder(parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.5', price: '102', timeInForce: 'IOC', clientOrderId: 'x2' }));
    await new Promise((r) => setTimeout(r, 300));
    console.log(updates.map(([t, u]) => [t, u.order.clientOrderId, u.order.status, u.order.filled.toString(), u.fill?.amount.toString()]));
  });
});
