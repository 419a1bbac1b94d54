import { describe, expect, it } from 'vitest';
import { fitOrder, MinAmountError, MinNotionalError, PriceLimitError, tradeFee, ValidationError } from '../../src/index';
import { btcUsdt, btcUsdtWith } from './markets';

describe('fitOrder (BTC/USDT: step 0.00001, tick 0.01, min notional 10)', () => {
  it('a buy rounds the amount down and the price down to stay under the limit', () => {
    const o = fitOrder(btcUsdt, { side: 'buy', amount: '0.123456789', priceLimit: '30000.005' });
    expect(o.side).toBe('buy');
    expect(o.amount.toString()).toBe('0.12345');
    expect(o.price.toString()).toBe('30000');
    // 0.12345 × 30000 = 3703.5
    expect(o.notional.toString()).toBe('3703.5');
  });

  it('a sell rounds the price up to stay above the limit', () => {
    const o = fitOrder(btcUsdt, { side: 'sell', amount: 0.123456789, priceLimit: 30000.005 });
    expect(o.amount.toString()).toBe('0.12345');
    expect(o.price.toString()).toBe('30000.01');
    // 0.12345 × 30000.01 = 3703.5 + 0.12345 × 0.01 = 3703.5 + 0.0012345
    expect(o.notional.toString()).toBe('3703.5012345');
  });

  it('throws when rounding leaves too little: 0.000339 → 0.00033, × 30000 = 9.9 < 10', () => {
    expect(() => fitOrder(btcUsdt, { side: 'buy', amount: '0.000339', priceLimit: '30000' })).toThrow(MinNotionalError);
    try {
      fitOrder(btcUsdt, { side: 'buy', amount: '0.000339', priceLimit: '30000' });
    } catch (err) {
      expect((err as MinNotionalError).context.value).toBe('9.9');
    }
  });

  it('throws MinAmountError when the amount rounds to zero, PriceLimitError when a buy limit rounds to zero', () => {
    expect(() => fitOrder(btcUsdt, { side: 'buy', amount: '0.000009', priceLimit: '30000' })).toThrow(MinAmountError);
    // no price minimum, so only the tick bounds it: 0.004 rounds down to 0 < 0.01
    const noPriceMin = btcUsdtWith({ limits: { amount: { min: '0.00001' }, price: {}, cost: {} } });
    expect(() => fitOrder(noPriceMin, { side: 'buy', amount: '1', priceLimit: '0.004' })).toThrow(PriceLimitError);
    // the sell side rounds 0.004 up to one tick, 0.01, and 1 × 0.01 passes without a min notional
    expect(fitOrder(noPriceMin, { side: 'sell', amount: '1', priceLimit: '0.004' }).price.toString()).toBe('0.01');
  });

  it('validates its input', () => {
    expect(() => fitOrder(btcUsdt, { side: 'buy', amount: '0', priceLimit: '30000' })).toThrow(/amount = "0": must be > 0/);
    expect(() => fitOrder(btcUsdt, { side: 'hold' as 'buy', amount: '1', priceLimit: '30000' })).toThrow(ValidationError);
  });
});

describe('tradeFee', () => {
  it('is notional × the market rate, exactly', () => {
    // 3703.5 × 0.001 = 3.7035
    expect(tradeFee(btcUsdt, '3703.5', 'taker').toString()).toBe('3.7035');
    expect(tradeFee(btcUsdt, 3703.5, 'maker').toString()).toBe('3.7035');
  });

  it('uses the override rate when given: 3703.5 × 0.00075 = 2.777625', () => {
    expect(tradeFee(btcUsdt, '3703.5', 'maker', '0.00075').toString()).toBe('2.777625');
  });

  it('a maker rebate gives a negative fee: 1000 × -0.0001 = -0.1', () => {
    const rebate = btcUsdtWith({ fees: { maker: '-0.0001', taker: '0.0005' } });
    expect(tradeFee(rebate, '1000', 'maker').toString()).toBe('-0.1');
    // 1000 × 0.0005 = 0.5
    expect(tradeFee(rebate, '1000', 'taker').toString()).toBe('0.5');
  });

  it('validates its input', () => {
    expect(() => tradeFee(btcUsdt, '-1', 'taker')).toThrow(/notional = "-1"/);
    expect(() => tradeFee(btcUsdt, '1', 'both' as 'maker')).toThrow(/liquidity = "both"/);
  });
});
