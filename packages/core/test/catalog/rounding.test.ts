import { describe, expect, it } from 'vitest';
import { checkOrder, isMultipleOfStep, MinAmountError, roundAmount, roundPrice, roundToStep, ValidationError } from '../../src/index';
import { btcUsdt } from './markets';

describe('roundAmount (BTC/USDT, step 0.00001)', () => {
  it('0.123456789 → 0.12345 down, 0.12346 up and nearest', () => {
    // 0.123456789 = 12345 steps + 0.000006789; 0.000006789 ≥ half a step (0.000005) so nearest goes up
    expect(roundAmount(btcUsdt, '0.123456789').toString()).toBe('0.12345');
    expect(roundAmount(btcUsdt, '0.123456789', 'down').toString()).toBe('0.12345');
    expect(roundAmount(btcUsdt, '0.123456789', 'up').toString()).toBe('0.12346');
    expect(roundAmount(btcUsdt, '0.123456789', 'nearest').toString()).toBe('0.12346');
    // 0.123454 is 0.000004 past 0.12345: nearest goes down
    expect(roundAmount(btcUsdt, '0.123454', 'nearest').toString()).toBe('0.12345');
  });

  it('takes numbers through their shortest string', () => {
    expect(roundAmount(btcUsdt, 0.123456789).toString()).toBe('0.12345');
    // 0.1 + 0.2 = 0.30000000000000004 as a double: down gives 0.3, up one step more
    expect(roundAmount(btcUsdt, 0.1 + 0.2).toString()).toBe('0.3');
    expect(roundAmount(btcUsdt, 0.1 + 0.2, 'up').toString()).toBe('0.30001');
  });

  it('leaves values already on the step unchanged in every mode', () => {
    for (const mode of ['down', 'up', 'nearest'] as const) {
      expect(roundAmount(btcUsdt, '0.12345', mode).toString()).toBe('0.12345');
      expect(roundAmount(btcUsdt, '9000', mode).toString()).toBe('9000');
      expect(roundAmount(btcUsdt, '0', mode).toString()).toBe('0');
    }
  });

  it('rounds a tiny amount down to 0, which checkOrder refuses with MinAmountError', () => {
    const amount = roundAmount(btcUsdt, '0.000009');
    expect(amount.toString()).toBe('0');
    expect(roundAmount(btcUsdt, '0.000009', 'up').toString()).toBe('0.00001');
    expect(() => checkOrder(btcUsdt, { side: 'buy', amount, price: '30000' })).toThrow(MinAmountError);
  });

  it('refuses a negative or malformed amount with a ValidationError naming it', () => {
    expect(() => roundAmount(btcUsdt, '-1')).toThrow(ValidationError);
    expect(() => roundAmount(btcUsdt, '-1')).toThrow(/amount = "-1": must be >= 0/);
    expect(() => roundAmount(btcUsdt, Number.NaN)).toThrow(/amount = NaN/);
  });
});

describe('roundPrice (BTC/USDT, tick 0.01)', () => {
  it('30000.005: a buy rounds down to 30000.00, a sell up to 30000.01', () => {
    expect(roundPrice(btcUsdt, '30000.005', 'buy').toString()).toBe('30000');
    expect(roundPrice(btcUsdt, '30000.005', 'buy').eq('30000.00')).toBe(true);
    expect(roundPrice(btcUsdt, '30000.005', 'sell').toString()).toBe('30000.01');
  });

  it('accepts an explicit mode; an exact half tick goes up with nearest', () => {
    expect(roundPrice(btcUsdt, '30000.005', 'nearest').toString()).toBe('30000.01');
    expect(roundPrice(btcUsdt, '30000.0049', 'nearest').toString()).toBe('30000');
    expect(roundPrice(btcUsdt, '30000.0099', 'down').toString()).toBe('30000');
    expect(roundPrice(btcUsdt, '30000.0001', 'up').toString()).toBe('30000.01');
  });

  it('leaves prices already on the tick unchanged for both sides', () => {
    expect(roundPrice(btcUsdt, '30000.01', 'buy').toString()).toBe('30000.01');
    expect(roundPrice(btcUsdt, '30000.01', 'sell').toString()).toBe('30000.01');
  });

  it('refuses an unknown direction', () => {
    expect(() => roundPrice(btcUsdt, '1', 'long' as 'buy')).toThrow(/direction = "long"/);
  });
});

describe('roundToStep / isMultipleOfStep', () => {
  it('works with steps that are not powers of ten', () => {
    // step 5: 7.4 is 2.4 past 5 (< 2.5) → 5; 7.5 is exactly half way → up to 10
    expect(roundToStep('7.4', '5', 'nearest').toString()).toBe('5');
    expect(roundToStep('7.5', '5', 'nearest').toString()).toBe('10');
    // step 0.25: 12.49 = 49 × 0.25 + 0.24 → 12.25 down, 12.5 up
    expect(roundToStep('12.49', '0.25', 'down').toString()).toBe('12.25');
    expect(roundToStep('12.49', '0.25', 'up').toString()).toBe('12.5');
    // step 0.3: 1 / 0.3 does not terminate, the remainder is still exact: 1 = 3 × 0.3 + 0.1
    expect(roundToStep('1', '0.3', 'down').toString()).toBe('0.9');
    expect(roundToStep('1', '0.3', 'up').toString()).toBe('1.2');
  });

  it('rounds negative values toward −∞ (down) and +∞ (up)', () => {
    // -0.15 lies between -0.2 and -0.1; it is an exact half step, so nearest goes up to -0.1
    expect(roundToStep('-0.15', '0.1', 'down').toString()).toBe('-0.2');
    expect(roundToStep('-0.15', '0.1', 'up').toString()).toBe('-0.1');
    expect(roundToStep('-0.15', '0.1', 'nearest').toString()).toBe('-0.1');
  });

  it('treats -0 as zero in every mode (decimal.js marks -0 as negative)', () => {
    for (const mode of ['down', 'up', 'nearest'] as const) expect(roundToStep('-0', '0.01', mode).isZero()).toBe(true);
    expect(roundAmount(btcUsdt, '-0', 'down').isZero()).toBe(true);
  });

  it('defaults to down and validates the step', () => {
    expect(roundToStep('0.129', '0.01').toString()).toBe('0.12');
    expect(() => roundToStep('1', '0')).toThrow(/step = "0": must be > 0/);
    expect(() => roundToStep('1', '-0.1')).toThrow(ValidationError);
  });

  it('isMultipleOfStep', () => {
    expect(isMultipleOfStep('30000.01', '0.01')).toBe(true);
    expect(isMultipleOfStep('0.000015', '0.00001')).toBe(false);
    expect(isMultipleOfStep('0', '0.5')).toBe(true);
    expect(isMultipleOfStep('0.75', '0.25')).toBe(true);
    expect(isMultipleOfStep(0.1 + 0.2, '0.1')).toBe(false);
  });
});
