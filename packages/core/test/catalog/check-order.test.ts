import { describe, expect, it } from 'vitest';
import {
  ArbotError,
  checkOrder,
  InactiveMarketError,
  MaxAmountError,
  MaxNotionalError,
  MinAmountError,
  MinNotionalError,
  type OrderCheckInput,
  OrderLimitError,
  OrderViolationError,
  orderViolations,
  PrecisionError,
  PriceLimitError,
  parseOrderRequest,
  ValidationError,
} from '../../src/index';
import { btcUsdt, btcUsdtWith } from './markets';

function thrown(order: OrderCheckInput, market = btcUsdt): unknown {
  try {
    checkOrder(market, order);
  } catch (err) {
    return err;
  }
  throw new Error('expected checkOrder to throw');
}

describe('checkOrder: min notional boundary (BTC/USDT, min notional 10)', () => {
  it('exactly equal passes: 0.0004 × 25000 = 10', () => {
    const ok = checkOrder(btcUsdt, { side: 'buy', amount: '0.0004', price: '25000' });
    expect(ok.notional.toString()).toBe('10');
    expect(ok.amount.toString()).toBe('0.0004');
    expect(ok.price?.toString()).toBe('25000');
    expect(ok.type).toBe('limit');
  });

  it('one amount step below fails: 0.00039 × 25000 = 9.75', () => {
    const err = thrown({ side: 'buy', amount: '0.00039', price: '25000' });
    expect(err).toBeInstanceOf(MinNotionalError);
    const e = err as MinNotionalError;
    expect(e.code).toBe('MIN_NOTIONAL');
    expect(e.context).toEqual({ venue: 'binance', symbol: 'BTC/USDT', field: 'notional', bound: 'min', value: '9.75', limit: '10' });
    expect(e.value.toString()).toBe('9.75');
    expect(e.limit.toString()).toBe('10');
    expect(e.message).toBe('binance BTC/USDT: notional 9.75 is below the minimum 10');
  });

  it('one tick below fails: 0.0004 × 24999.99 = 9.999996', () => {
    const e = thrown({ side: 'sell', amount: '0.0004', price: '24999.99' }) as MinNotionalError;
    expect(e).toBeInstanceOf(MinNotionalError);
    expect(e.value.toString()).toBe('9.999996');
  });
});

describe('checkOrder: each violation with its code and context', () => {
  it('MinAmountError: zero amount against min 0.00001', () => {
    const e = thrown({ side: 'buy', amount: '0', price: '30000' }) as MinAmountError;
    expect(e).toBeInstanceOf(MinAmountError);
    expect(e.code).toBe('MIN_AMOUNT');
    expect(e.context).toEqual({ venue: 'binance', symbol: 'BTC/USDT', field: 'amount', bound: 'min', value: '0', limit: '0.00001' });
  });

  it('MinAmountError without a market minimum: one step is the floor', () => {
    const noMin = btcUsdtWith({ limits: { amount: {}, price: {}, cost: {} } });
    const e = thrown({ side: 'buy', amount: '0', price: '30000' }, noMin) as MinAmountError;
    expect(e.limit.toString()).toBe('0.00001');
  });

  it('MaxAmountError: 9000.00001 against max 9000', () => {
    const e = thrown({ side: 'sell', amount: '9000.00001', price: '30000' }) as MaxAmountError;
    expect(e).toBeInstanceOf(MaxAmountError);
    expect(e.code).toBe('MAX_AMOUNT');
    expect(e.context).toMatchObject({ field: 'amount', bound: 'max', value: '9000.00001', limit: '9000' });
  });

  it('PriceLimitError above max 1000000 and at zero (below one tick)', () => {
    const high = thrown({ side: 'sell', amount: '0.001', price: '1000000.01' }) as PriceLimitError;
    expect(high).toBeInstanceOf(PriceLimitError);
    expect(high.code).toBe('PRICE_LIMIT');
    expect(high.context).toMatchObject({ field: 'price', bound: 'max', value: '1000000.01', limit: '1000000' });
    const zero = thrown({ side: 'buy', amount: '0.001', price: '0' }) as PriceLimitError;
    expect(zero.bound).toBe('min');
    expect(zero.context).toMatchObject({ field: 'price', bound: 'min', value: '0', limit: '0.01' });
  });

  it('PrecisionError names the field, the value and the step', () => {
    const amount = thrown({ side: 'buy', amount: '0.000015', price: '30000' }) as PrecisionError;
    expect(amount).toBeInstanceOf(PrecisionError);
    expect(amount.code).toBe('PRECISION');
    expect(amount.context).toEqual({ venue: 'binance', symbol: 'BTC/USDT', field: 'amount', value: '0.000015', step: '0.00001' });
    const price = thrown({ side: 'buy', amount: '0.1', price: '30000.005' }) as PrecisionError;
    expect(price.context).toEqual({ venue: 'binance', symbol: 'BTC/USDT', field: 'price', value: '30000.005', step: '0.01' });
    expect(price.step.toString()).toBe('0.01');
    expect(price.message).toBe('binance BTC/USDT: price 30000.005 is not a multiple of the price step 0.01');
  });

  it('MaxNotionalError: 4 × 30000 = 120000 above a 100000 cap', () => {
    const capped = btcUsdtWith({ limits: { amount: { min: '0.00001' }, price: {}, cost: { min: '10', max: '100000' } } });
    const e = thrown({ side: 'buy', amount: '4', price: '30000' }, capped) as MaxNotionalError;
    expect(e).toBeInstanceOf(MaxNotionalError);
    expect(e.code).toBe('MAX_NOTIONAL');
    expect(e.context).toMatchObject({ field: 'notional', bound: 'max', value: '120000', limit: '100000' });
    // 100000 / 30000 = 3.333…, so 3.33333 × 30000 = 99999.9 fits
    expect(checkOrder(capped, { side: 'buy', amount: '3.33333', price: '30000' }).notional.toString()).toBe('99999.9');
  });

  it('InactiveMarketError comes first', () => {
    const halted = btcUsdtWith({ active: false });
    const e = thrown({ side: 'buy', amount: '1', price: '30000' }, halted) as InactiveMarketError;
    expect(e).toBeInstanceOf(InactiveMarketError);
    expect(e.code).toBe('INACTIVE_MARKET');
    expect(e.context).toEqual({ venue: 'binance', symbol: 'BTC/USDT', field: 'active' });
  });

  it('every violation is an ArbotError with a class hierarchy to branch on', () => {
    const e = thrown({ side: 'buy', amount: '0', price: '30000' });
    expect(e).toBeInstanceOf(OrderLimitError);
    expect(e).toBeInstanceOf(OrderViolationError);
    expect(e).toBeInstanceOf(ArbotError);
    expect((e as Error).name).toBe('MinAmountError');
  });
});

describe('checkOrder: market orders', () => {
  it('use referencePrice for the notional: 0.0003 × 30000 = 9 < 10', () => {
    const e = thrown({ side: 'buy', type: 'market', amount: '0.0003', referencePrice: '30000' }) as MinNotionalError;
    expect(e).toBeInstanceOf(MinNotionalError);
    expect(e.value.toString()).toBe('9');
    // 0.001 × 29990 = 29.99
    const ok = checkOrder(btcUsdt, { side: 'sell', type: 'market', amount: '0.001', referencePrice: '29990' });
    expect(ok.notional.toString()).toBe('29.99');
    expect(ok.price).toBeUndefined();
  });

  it('skip the price checks: an off-tick reference price beyond max price is fine', () => {
    // 0.001 × 2000000.005 = 2000.000005
    const ok = checkOrder(btcUsdt, { side: 'buy', type: 'market', amount: '0.001', referencePrice: '2000000.005' });
    expect(ok.notional.toString()).toBe('2000.000005');
  });

  it('fall back to `price` as the reference, and need one of the two', () => {
    expect(checkOrder(btcUsdt, { side: 'buy', type: 'market', amount: '0.001', price: '30000' }).notional.toString()).toBe('30');
    expect(() => checkOrder(btcUsdt, { side: 'buy', type: 'market', amount: '0.001' })).toThrow(
      /referencePrice = undefined: a market order needs a referencePrice/,
    );
  });
});

describe('checkOrder: input', () => {
  it('accepts an OrderRequest as is', () => {
    const req = parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.001', price: '30000' });
    expect(checkOrder(btcUsdt, req).notional.toString()).toBe('30');
  });

  it('refuses an order for another market, a limit order without price, a negative amount', () => {
    expect(() => checkOrder(btcUsdt, { symbol: 'ETH/USDT', side: 'buy', amount: '1', price: '1' })).toThrow(
      /symbol = "ETH\/USDT": does not match the market's symbol BTC\/USDT/,
    );
    expect(() => checkOrder(btcUsdt, { venue: 'okx', side: 'buy', amount: '1', price: '1' })).toThrow(/venue = "okx"/);
    expect(() => checkOrder(btcUsdt, { side: 'buy', amount: '1' })).toThrow(/price = undefined: a limit order needs a price/);
    expect(() => checkOrder(btcUsdt, { side: 'buy', amount: '-1', price: '1' })).toThrow(ValidationError);
  });
});

describe('orderViolations', () => {
  it('lists every violation in a fixed order', () => {
    // amount 0.000005 < min 0.00001 and off the 0.00001 step; price 30000.001 off the 0.01 tick;
    // notional 0.000005 × 30000.001 = 0.150000005 < 10
    const vs = orderViolations(btcUsdt, { side: 'buy', amount: '0.000005', price: '30000.001' });
    expect(vs.map((v) => [v.code, v.field])).toEqual([
      ['MIN_AMOUNT', 'amount'],
      ['PRECISION', 'amount'],
      ['PRECISION', 'price'],
      ['MIN_NOTIONAL', 'notional'],
    ]);
    expect(vs[3]?.context.value).toBe('0.150000005');
  });

  it('includes the inactive market first, and is empty for a good order', () => {
    // 9000.5 > max 9000 (on the step); 1000000.005 > max price and off the 0.01 tick
    const halted = btcUsdtWith({ active: false });
    expect(orderViolations(halted, { side: 'sell', amount: '9000.5', price: '1000000.005' }).map((v) => v.code)).toEqual([
      'INACTIVE_MARKET',
      'MAX_AMOUNT',
      'PRICE_LIMIT',
      'PRECISION',
    ]);
    expect(orderViolations(btcUsdt, { side: 'sell', amount: '0.001', price: '30000' })).toEqual([]);
  });

  it('still throws on malformed input', () => {
    expect(() => orderViolations(btcUsdt, { side: 'buy', amount: 'lots', price: '1' })).toThrow(/amount = "lots"/);
  });
});
