import { type BalanceSnapshot, type OrderUpdate, parseOrderRequest } from '@arbot/core';
import { afterEach, describe, expect, it } from 'vitest';
import { OrderRejectedError, VenueMismatchError } from '../../src/ccxt/index';
import { startHarness, until, type VenueHarness } from './venue-harness';

let harness: VenueHarness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const request = (fields: Record<string, unknown>) =>
  parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '1', price: '90', ...fields });

const balanceOf = (snapshot: BalanceSnapshot | undefined, asset: string) => {
  const b = snapshot?.balances.find((x) => x.asset === asset);
  return b === undefined ? undefined : [b.free.toString(), b.locked.toString()];
};

describe('ccxtVenue trading through the real ccxt binance class (signed REST + ws-api user stream)', () => {
  it('placeOrder sends exact decimals and the client order id; the acknowledgement becomes a core Order', async () => {
    harness = await startHarness('binance', {}, { balances: { USDT: '10000', BTC: '1' } });
    const { venue, fake } = harness;
    await venue.markets();
    const order = await venue.placeOrder(request({ amount: '2', price: '101.5', timeInForce: 'IOC', clientOrderId: 'ioc-1' }));
    // Crosses the 101 ask (1.5); the other 0.5 expires. Fee: 0.1% of 1.5 BTC = 0.0015 BTC.
    expect({
      status: order.status,
      clientOrderId: order.clientOrderId,
      amount: order.amount.toString(),
      filled: order.filled.toString(),
      cost: order.cost.toString(),
      average: order.average?.toString(),
      timeInForce: order.timeInForce,
      fees: order.fees.map((f) => [f.asset, f.amount.toString()]),
    }).toEqual({
      status: 'expired',
      clientOrderId: 'ioc-1',
      amount: '2',
      filled: '1.5',
      cost: '151.5',
      average: '101',
      timeInForce: 'IOC',
      fees: [['BTC', '0.0015']],
    });
    const sent = fake.requests().find((r) => r.method === 'POST' && r.path === '/api/v3/order');
    expect(sent?.params).toMatchObject({ quantity: '2', price: '101.5', timeInForce: 'IOC', newClientOrderId: 'ioc-1', type: 'LIMIT' });
  });

  it('fetchOpenOrders, fetchOrder by id and by client order id, cancelOrder', async () => {
    harness = await startHarness('binance', {}, { balances: { USDT: '1000' } });
    const { venue } = harness;
    const placed = await venue.placeOrder(request({ clientOrderId: 'rest-1', postOnly: true }));
    expect(placed.status).toBe('open');
    expect((await venue.fetchOpenOrders('BTC/USDT')).map((o) => [o.id, o.clientOrderId])).toEqual([[placed.id, 'rest-1']]);
    expect((await venue.fetchOrder(placed.id, 'BTC/USDT')).clientOrderId).toBe('rest-1');
    expect((await venue.fetchOrder('rest-1', 'BTC/USDT', { byClientOrderId: true })).id).toBe(placed.id);
    const canceled = await venue.cancelOrder(placed.id, 'BTC/USDT');
    expect([canceled.id, canceled.status, canceled.filled.toString()]).toEqual([placed.id, 'canceled', '0']);
    expect(await venue.fetchOpenOrders()).toEqual([]);
  });

  it('refusals become OrderRejectedError naming the ccxt error; other venues are refused up front', async () => {
    harness = await startHarness('binance', {}, { balances: { USDT: '50' } });
    const { venue } = harness;
    const refused = await venue.placeOrder(request({})).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OrderRejectedError);
    expect((refused as OrderRejectedError).context).toMatchObject({
      venue: 'binance',
      action: 'placeOrder',
      ccxtError: 'InsufficientFunds',
    });
    await expect(venue.cancelOrder('12345', 'BTC/USDT')).rejects.toMatchObject({
      code: 'ORDER_REJECTED',
      context: { ccxtError: 'OrderNotFound' },
    });
    await expect(venue.placeOrder(request({ venue: 'okx' }))).rejects.toBeInstanceOf(VenueMismatchError);
  });

  it('orders$ pairs execution reports with their fills; balances$ starts from REST and follows the user stream', async () => {
    harness = await startHarness('binance', {}, { balances: { USDT: '1000' } });
    const { venue, fake } = harness;
    const updates: OrderUpdate[] = [];
    const balances: BalanceSnapshot[] = [];
    const subs = [venue.orders$().subscribe((u) => updates.push(u)), venue.balances$().subscribe((b) => balances.push(b))];
    await until(() => balances.length === 1);
    expect(balanceOf(balances[0], 'USDT')).toEqual(['1000', '0']);
    await fake.waitForSubscription('userDataStream');
    const placed = await venue.placeOrder(request({ clientOrderId: 'pair-1' }));
    // 1 × 90 USDT locked.
    await until(() => balanceOf(balances.at(-1), 'USDT')?.[1] === '90');
    fake.fillOrder(Number(placed.id), '0.4');
    await until(() => updates.some((u) => u.fill !== undefined));
    // 0.4 bought at 90: 36 USDT spent from the lock; 0.4 − 0.1% = 0.3996 BTC received.
    await until(() => balanceOf(balances.at(-1), 'BTC')?.[0] === '0.3996');
    for (const s of subs) s.unsubscribe();
    expect(updates.map((u) => [u.order.status, u.order.filled.toString(), u.fill?.amount.toString()])).toEqual([
      ['open', '0', undefined],
      ['partially_filled', '0.4', '0.4'],
    ]);
    const fill = updates[1]?.fill;
    expect([fill?.orderId, fill?.price.toString(), fill?.liquidity, fill?.fee.asset, fill?.fee.amount.toString()]).toEqual([
      placed.id,
      '90',
      'maker',
      'BTC',
      '0.0004',
    ]);
    expect(balanceOf(balances.at(-1), 'USDT')).toEqual(['910', '54']);
  });
});
