import { ValidationError, VirtualClock } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { minNetBps, minNetProfit, resizeBy, riskGate } from '../../src/index';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();
const clock = new VirtualClock();

describe('minNetProfit', () => {
  const gate = riskGate([minNetProfit({ minNet: '1', currency: 'USDT' })], { clock, markets });

  it('approves at or above the floor (exact decimal comparison)', () => {
    expect(gate.evaluate(spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30030', net: '1.5' })).outcome).toBe('approved');
    expect(gate.evaluate(spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30030', net: '1.000' })).outcome).toBe('approved');
  });

  it('rejects below the floor with MIN_NET_PROFIT and the numbers', () => {
    const d = gate.evaluate(spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30030', net: '0.9999' }));
    expect(d.rejection).toEqual({ policy: 'minNetProfit', code: 'MIN_NET_PROFIT', details: { net: '0.9999', minNet: '1' } });
  });

  it('judges the resized opportunity when placed after a sizing policy', () => {
    // net 1.6 on 0.2 BTC, halved to 0.1 BTC → net 0.8 < 1.
    const sized = riskGate([{ name: 'half', evaluate: () => resizeBy(0.5, 'HALF') }, minNetProfit({ minNet: 1 })], { clock, markets });
    const d = sized.evaluate(spatial({ amount: '0.2', buyPrice: '30000', sellPrice: '30010', net: '1.6' }));
    expect(d.outcome).toBe('rejected');
    expect(d.resizes.map((r) => r.code)).toEqual(['HALF']);
    expect(d.rejection).toMatchObject({ code: 'MIN_NET_PROFIT', details: { net: '0.8', minNet: '1' } });
  });

  it('rejects another currency and validates its options', () => {
    const op = spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30100' });
    const eur = { ...op, expected: { ...op.expected, currency: 'EUR' } };
    expect(gate.evaluate(eur).rejection).toMatchObject({ code: 'CURRENCY_MISMATCH', details: { currency: 'EUR', expected: 'USDT' } });
    expect(() => minNetProfit({ minNet: 'lots' })).toThrow(ValidationError);
  });
});

describe('minNetBps', () => {
  const gate = riskGate([minNetBps({ minBps: 5 })], { clock, markets });

  it('approves at or above the floor and rejects below it with MIN_NET_BPS', () => {
    expect(gate.evaluate(spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30030', netBps: 5 })).outcome).toBe('approved');
    const d = gate.evaluate(spatial({ amount: '0.1', buyPrice: '30000', sellPrice: '30030', netBps: 4.99 }));
    expect(d.rejection).toEqual({ policy: 'minNetBps', code: 'MIN_NET_BPS', details: { netBps: 4.99, minBps: 5 } });
  });

  it('is unaffected by resizing (a return does not depend on size)', () => {
    const sized = riskGate([{ name: 'half', evaluate: () => resizeBy(0.5, 'HALF') }, minNetBps({ minBps: 5 })], { clock, markets });
    const d = sized.evaluate(spatial({ amount: '0.2', buyPrice: '30000', sellPrice: '30030', netBps: 6 }));
    expect(d.outcome).toBe('resized');
    expect(d.opportunity?.expected.netBps).toBe(6);
  });

  it('validates its options', () => {
    expect(() => minNetBps({ minBps: Number.NaN })).toThrow(ValidationError);
  });
});
