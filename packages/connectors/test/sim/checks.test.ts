import {
  InsufficientBalanceError,
  MinAmountError,
  MinNotionalError,
  MissingPriceError,
  PrecisionError,
  parseMarket,
  UnknownMarketError,
  ValidationError,
} from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { StreamFailedError, VenueMismatchError } from '../../src/ccxt/ccxt-venue-errors';
import { NoBookError } from '../../src/sim/index';
import { ASKS, BIDS, balanceOf, btcOrder, simFixture } from './sim-fixture';

describe('placement checks throw typed errors and place nothing', () => {
  it('insufficient free balance, with funds locked by an open order not counted', async () => {
    const { data, venue } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    // 100 × 101 = 10,100 > 10,000 free
    const tooBig = venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '100', price: '101' }));
    await expect(tooBig).rejects.toBeInstanceOf(InsufficientBalanceError);
    await expect(tooBig).rejects.toMatchObject({ code: 'INSUFFICIENT_BALANCE', context: { asset: 'USDT', bucket: 'free' } });

    // A resting buy locks 50 × 99 = 4,950; the total is still 10,000 but only 5,050 is free.
    await venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '50', price: '99' }));
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '5050', locked: '4950' });
    const second = venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '60', price: '98' })); // 5,880 > 5,050
    await expect(second).rejects.toSatisfy(
      (err) => err instanceof InsufficientBalanceError && err.available.toString() === '5050' && err.requested.toString() === '5880',
    );
    // Selling more base than is free.
    await expect(venue.placeOrder(btcOrder({ side: 'sell', type: 'limit', amount: '5.01', price: '120' }))).rejects.toBeInstanceOf(
      InsufficientBalanceError,
    );
    // A market buy is judged at the book, the part beyond the depth at the worst level:
    // 60 BTC = 825 for the 8 on the book (101 + 204 + 520) + 52 × 104 = 5,408 → 6,233 > 5,050 free.
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '60' }))).rejects.toMatchObject({
      code: 'INSUFFICIENT_BALANCE',
      context: { asset: 'USDT' },
    });
    expect(await venue.fetchOpenOrders()).toHaveLength(1);
  });

  it('market rules from the catalog: minimum amount, minimum notional, precision', async () => {
    const { data, venue } = simFixture();
    data.show('BTC/USDT', BIDS, ASKS);
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '0.001', price: '100' }))).rejects.toBeInstanceOf(
      MinAmountError,
    );
    // 0.05 × 100 = 5 < 10
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '0.05', price: '100' }))).rejects.toBeInstanceOf(
      MinNotionalError,
    );
    // a market sell's notional at the best bid: 0.09 × 100 = 9 < 10
    await expect(venue.placeOrder(btcOrder({ side: 'sell', type: 'market', amount: '0.09' }))).rejects.toMatchObject({
      code: 'MIN_NOTIONAL',
    });
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100.005' }))).rejects.toMatchObject({
      code: 'PRECISION',
      context: { field: 'price' },
    });
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1.005', price: '100' }))).rejects.toBeInstanceOf(
      PrecisionError,
    );
    expect(balanceOf(venue, 'USDT')).toEqual({ free: '10000', locked: '0' });
  });

  it('unknown symbol, another venue, a malformed request', async () => {
    const { venue } = simFixture();
    await expect(venue.placeOrder({ venue: 'sim', symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: '1' })).rejects.toBeInstanceOf(
      UnknownMarketError,
    );
    await expect(venue.placeOrder({ venue: 'okx', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '1' })).rejects.toBeInstanceOf(
      VenueMismatchError,
    );
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1' }))).rejects.toBeInstanceOf(ValidationError);
    // post-only can neither take nor, as IOC, rest
    await expect(
      venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '90', postOnly: true, timeInForce: 'IOC' })),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('timeInForce') });
  });

  it('a market order needs a book to be priced', async () => {
    const { data, venue } = simFixture();
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '1' }))).rejects.toBeInstanceOf(NoBookError);
    data.show('BTC/USDT', BIDS, []);
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'market', amount: '1' }))).rejects.toMatchObject({
      code: 'NO_BOOK',
      context: { side: 'buy' },
    });
    // A limit order does not: it rests until the book comes.
    expect((await venue.placeOrder(btcOrder({ side: 'sell', type: 'limit', amount: '1', price: '110' }))).status).toBe('open');
  });

  it('a failed book feed refuses further orders on its symbol', async () => {
    const { data, venue } = simFixture();
    data.fail('BTC/USDT', new Error('socket closed for good'));
    await expect(venue.placeOrder(btcOrder({ side: 'buy', type: 'limit', amount: '1', price: '100' }))).rejects.toSatisfy(
      (err) => err instanceof StreamFailedError && err.message.includes('socket closed for good'),
    );
  });

  it('a cross pair needs a mark for its quote in the ledger', async () => {
    const ethBtc = parseMarket({
      venue: 'sim',
      symbol: 'ETH/BTC',
      id: 'ETHBTC',
      base: 'ETH',
      quote: 'BTC',
      precision: { amount: '0.001', price: '0.00001' },
      limits: {},
      fees: { maker: '0.001', taker: '0.001' },
    });
    const { data, venue } = simFixture({ markets: [ethBtc] });
    data.show('ETH/BTC', [[0.05, 10]], [[0.051, 10]]);
    const order = { venue: 'sim', symbol: 'ETH/BTC', side: 'buy', type: 'limit', amount: '1', price: '0.05' } as const;
    await expect(venue.placeOrder(order)).rejects.toBeInstanceOf(MissingPriceError);
    venue.ledger.setPrice('BTC', '30000');
    expect((await venue.placeOrder(order)).status).toBe('open');
  });
});

describe('option validation', () => {
  it('rejects bad options with the field named', () => {
    expect(() => simFixture({ latency: { placement: { fixedMs: -1 } } })).toThrow(/latency\.placement\.fixedMs/);
    expect(() => simFixture({ fees: { 'BTC/USDT': { taker: '-0.001' } } })).toThrow(ValidationError);
    expect(() => simFixture({ fees: { 'ETH/USDT': { taker: '0.001' } } })).toThrow(/fees\.ETH\/USDT/);
    expect(() => simFixture({ symbols: ['DOGE/USDT'] })).toThrow(UnknownMarketError);
    // 5 BTC without a cost basis or a mark
    expect(() => simFixture({ startPrices: {} })).toThrow(MissingPriceError);
  });
});
