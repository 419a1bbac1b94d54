import { describe, expect, it } from 'vitest';
import { ASKS, BIDS, balanceOf, btcOrder, fillsOf, simFixture, statusesOf } from './sim-fixture';

// Every test: BTC/USDT, step 0.01, maker 0.1 %, taker 0.2 %, fees in the asset received.
// Book: bids 100×1, 99×3, 97×5 | asks 101×1, 102×2, 104×5. Balances 10,000 USDT, 5 BTC.

describe('market orders', () => {
  it('walk the asks level by level, one fill per level, taker fee in base', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const order = await venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '2.5' }));
    // 1 @ 101 (fee 1 × 0.002 = 0.002 BTC) + 1.5 @ 102 (fee 0.003 BTC); cost 101 + 153 = 254; average 254 / 2.5 = 101.6
    expect(fillsOf(updates)).toEqual([
      ['101', '1', '0.002 BTC', 'taker'],
      ['102', '1.5', '0.003 BTC', 'taker'],
    ]);
    expect(statusesOf(updates)).toEqual(['partially_filled', 'filled']);
    expect(order.status).toBe('filled');
    expect(order.filled.toString()).toBe('2.5');
    expect(order.cost.toString()).toBe('254');
    expect(order.average?.toString()).toBe('101.6');
    expect(order.fees.map((f) => `${f.amount} ${f.asset}`)).toEqual(['0.005 BTC']);
    // USDT 10000 − 254 = 9746; BTC 5 + 2.5 − 0.005 = 7.495
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '9746', locked: '0' });
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '7.495', locked: '0' });
  });

  it('walk the bids for a sell, fee in quote', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const order = await venue.placeOrder(btcOrder({ side: 'sell', type: 'market', amount: '1.5' }));
    // 1 @ 100 (fee 100 × 0.002 = 0.2 USDT) + 0.5 @ 99 (49.5 × 0.002 = 0.099 USDT)
    expect(fillsOf(updates)).toEqual([
      ['100', '1', '0.2 USDT', 'taker'],
      ['99', '0.5', '0.099 USDT', 'taker'],
    ]);
    expect(order.cost.toString()).toBe('149.5');
    expect(order.average?.toFixed(6)).toBe('99.666667'); // 149.5 / 1.5
    // USDT 10000 + 149.5 − 0.299 = 10149.201; BTC 5 − 1.5 = 3.5 (reserved at placement, spent by the fills)
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '10149.201', locked: '0' });
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '3.5', locked: '0' });
  });

  it('take the whole side and expire the remainder when the book is too thin', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const order = await venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '9' }));
    // asks hold 1 + 2 + 5 = 8: cost 101 + 204 + 520 = 825; fees 0.002 + 0.004 + 0.01 = 0.016 BTC
    expect(fillsOf(updates).map(([p, a]) => `${a}@${p}`)).toEqual(['1@101', '2@102', '5@104']);
    expect(order).toMatchObject({ status: 'expired', reason: 'no more liquidity in the book' });
    expect(order.filled.toString()).toBe('8');
    expect(order.cost.toString()).toBe('825');
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '9175', locked: '0' });
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '12.984', locked: '0' });
  });

  it('a market buy stops where the free quote runs out', async () => {
    const { clock, data, venue, updates } = simFixture({ balances: { USDT: '300' }, latency: { placement: { fixedMs: 10 } } });
    data.show('BTC/USDT', BIDS, [[100, 3]]);
    // At placement 3 @ 100 = 300 ≤ 300 free: accepted.
    const placed = venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '3' }));
    data.show('BTC/USDT', BIDS, ASKS);
    clock.advanceBy(10);
    const order = await placed;
    // At arrival: 1 @ 101 leaves 199; 199 / 102 = 1.95… → 1.95 (1.95 × 102 = 198.9 ≤ 199), then nothing more is affordable.
    expect(fillsOf(updates).map(([p, a]) => `${a}@${p}`)).toEqual(['1@101', '1.95@102']);
    expect(order).toMatchObject({ status: 'expired', reason: 'insufficient balance' });
    expect(order.cost.toString()).toBe('299.9');
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '0.1', locked: '0' });
  });
});

describe('IOC limit orders', () => {
  it('take the levels at or better than the limit and expire the rest', async () => {
    const { data, venue, updates, snapshots } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const order = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '4', price: '102', timeInForce: 'IOC' }));
    // 1 @ 101 + 2 @ 102 = 305 for 3; the 4th unit would need 104 > 102: expired.
    expect(fillsOf(updates)).toEqual([
      ['101', '1', '0.002 BTC', 'taker'],
      ['102', '2', '0.004 BTC', 'taker'],
    ]);
    expect(statusesOf(updates)).toEqual(['partially_filled', 'partially_filled', 'expired']);
    expect(order).toMatchObject({ status: 'expired', reason: 'IOC remainder' });
    // Placement reserved 4 × 102 = 408 USDT.
    expect(snapshots[1]?.balances.find((b) => b.asset === 'USDT')?.locked.toString()).toBe('408');
    // USDT 10000 − 305 = 9695, nothing left locked; BTC 5 + 3 − 0.006 = 7.994
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '9695', locked: '0' });
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '7.994', locked: '0' });
  });

  it('expire untouched when nothing is at the limit', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const order = await venue.placeOrder(btcOrder({ side: 'sell', type: 'limit', amount: '1', price: '100.5', timeInForce: 'IOC' }));
    expect(order.status).toBe('expired');
    expect(order.filled.toString()).toBe('0');
    expect(fillsOf(updates)).toEqual([]);
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '5', locked: '0' });
  });
});

describe('FOK orders', () => {
  it('fill completely against the depth at arrival…', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const order = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '8', price: '104', timeInForce: 'FOK' }));
    // 1 + 2 + 5 = 8 at ≤ 104: 101 + 204 + 520 = 825
    expect(order.status).toBe('filled');
    expect(order.cost.toString()).toBe('825');
    expect(fillsOf(updates)).toHaveLength(3);
  });

  it('…or not at all', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const buy = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '9', price: '104', timeInForce: 'FOK' }));
    // only 8 at ≤ 104
    expect(buy).toMatchObject({ status: 'expired', reason: 'FOK order cannot be filled in full' });
    const sell = await venue.placeOrder(btcOrder({ side: 'sell', type: 'limit', amount: '5', price: '99', timeInForce: 'FOK' }));
    // only 1 + 3 = 4 at ≥ 99
    expect(sell.status).toBe('expired');
    const marketFok = await venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '8.01', timeInForce: 'FOK' }));
    expect(marketFok.status).toBe('expired');
    expect(fillsOf(updates)).toEqual([]);
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '10000', locked: '0' });
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '5', locked: '0' });
  });
});

describe('post-only orders', () => {
  it('are rejected when they would take, and rest otherwise', async () => {
    const { data, venue } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const taking = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '101', postOnly: true }));
    expect(taking).toMatchObject({ status: 'rejected', reason: 'post-only order would take liquidity' });
    const takingSell = await venue.placeOrder(btcOrder({ side: 'sell', type: 'limit', amount: '1', price: '100', postOnly: true }));
    expect(takingSell.status).toBe('rejected');
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '10000', locked: '0' });
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '5', locked: '0' });

    const making = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.5', postOnly: true }));
    expect(making.status).toBe('open');
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '9899.5', locked: '100.5' });
  });
});

describe('GTC limit orders', () => {
  it('take what crosses, rest the rest, and fill as maker at their price when the book trades through', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const placed = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '2', price: '101.5' }));
    // 1 @ 101 taker; 1 rests @ 101.5. Reserved 203, spent 101, price improvement 0.5 released: locked 1 × 101.5.
    expect(placed.status).toBe('partially_filled');
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '9797.5', locked: '101.5' });
    expect(await venue.fetchOpenOrders()).toHaveLength(1);

    // Sellers reach 101.5 with 0.4: maker fill 0.4 @ 101.5, fee 0.4 × 0.001 = 0.0004 BTC; locked 0.6 × 101.5 = 60.9
    data.show('BTC/USDT', BIDS, [
      [101.5, 0.4],
      [102, 2],
    ]);
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '9797.5', locked: '60.9' });
    // Asks drop through to 101: the rest fills at the order's own price 101.5, not 101.
    data.show('BTC/USDT', BIDS, [[101, 3]]);
    expect(fillsOf(updates)).toEqual([
      ['101', '1', '0.002 BTC', 'taker'],
      ['101.5', '0.4', '0.0004 BTC', 'maker'],
      ['101.5', '0.6', '0.0006 BTC', 'maker'],
    ]);
    const done = await venue.fetchOrder(placed.id, 'BTC/USDT');
    // cost 101 + 40.6 + 60.9 = 202.5, average 101.25
    expect(done).toMatchObject({ status: 'filled' });
    expect(done.cost.toString()).toBe('202.5');
    expect(done.average?.toString()).toBe('101.25');
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '9797.5', locked: '0' });
    // BTC 5 + 2 − 0.002 − 0.0004 − 0.0006 = 6.997
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '6.997', locked: '0' });
    expect(await venue.fetchOpenOrders()).toEqual([]);
  });

  it('do not fill when the book only touches their price from their own side', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.5' }));
    // Other bids join at 100.5 and the ask stays above: we are at the back of that queue, nothing trades.
    data.show(
      'BTC/USDT',
      [
        [100.5, 10],
        [100, 1],
      ],
      [[100.51, 1]],
    );
    expect(fillsOf(updates)).toEqual([]);
    // A seller at 100.5 means the bids at 100.5 ahead of us are gone: 0.3 fills.
    data.show('BTC/USDT', [[100, 1]], [[100.5, 0.3]]);
    expect(fillsOf(updates)).toEqual([['100.5', '0.3', '0.0003 BTC', 'maker']]);
  });

  it('resting sells fill against bids at or above their price, in one maker fill per book update', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const placed = await venue.placeOrder(btcOrder({ side: 'sell', type: 'limit', amount: '1', price: '103' }));
    expect(placed.status).toBe('open');
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '4', locked: '1' });
    data.show(
      'BTC/USDT',
      [
        [103.5, 0.25],
        [103, 1],
      ],
      [[104, 1]],
    );
    // 0.25 + 0.75 = 1 @ 103; fee 103 × 0.001 = 0.103 USDT; USDT 10000 + 103 − 0.103 = 10102.897
    expect(fillsOf(updates)).toEqual([['103', '1', '0.103 USDT', 'maker']]);
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '10102.897', locked: '0' });
    expect(balanceOf(venue, 'BTC')).toEqual({ free: '4', locked: '0' });
  });

  it('fill by price, then time priority', async () => {
    const { data, venue, updates } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    const a = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.5' }));
    const b = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.8' }));
    const c = await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.8' }));
    data.show('BTC/USDT', BIDS, [[100.4, 1.5]]);
    // 1.5 offered: B (best price, first) takes 1, C (same price, later) 0.5, A nothing.
    expect(updates.filter((u) => u.fill).map((u) => `${u.order.id} ${u.fill?.amount}@${u.fill?.price}`)).toEqual([
      `${b.id} 1@100.8`,
      `${c.id} 0.5@100.8`,
    ]);
    expect((await venue.fetchOrder(a.id, 'BTC/USDT')).status).toBe('open');
  });
});
