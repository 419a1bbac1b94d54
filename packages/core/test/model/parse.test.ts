import { describe, expect, it } from 'vitest';
import { parseOrderRequest, parseTrade, ValidationError } from '../../src/index';

describe('model parsing', () => {
  it('names the field and the value of bad input', () => {
    let caught: unknown;
    try {
      parseTrade({ venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 2, price: -5, amount: 1, side: 'buy' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    const err = caught as ValidationError;
    expect(err.code).toBe('VALIDATION');
    expect(err.issues[0]?.field).toBe('price');
    expect(err.issues[0]?.value).toBe(-5);
    expect(err.message).toMatch(/^Invalid trade: price = -5: /);
  });

  it('turns decimal strings into Decimals and applies defaults', () => {
    const req = parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: '0.1', price: 30000.5 });
    expect(req.amount.toString()).toBe('0.1');
    expect(req.price?.toString()).toBe('30000.5');
    expect(req.timeInForce).toBe('GTC');
    expect(req.postOnly).toBe(false);
  });

  it('requires a price on limit orders', () => {
    expect(() => parseOrderRequest({ venue: 'b', symbol: 'X/Y', side: 'sell', type: 'limit', amount: '1' })).toThrow(
      /Invalid order request: price = undefined: a limit order needs a price/,
    );
  });

  it('rejects malformed decimal strings naming the field', () => {
    expect(() => parseOrderRequest({ venue: 'b', symbol: 'X/Y', side: 'sell', type: 'market', amount: 'abc' })).toThrow(/amount = "abc"/);
  });
});
