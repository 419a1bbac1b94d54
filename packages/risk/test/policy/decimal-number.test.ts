import { Decimal } from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToNumber } from '../../src/policy/decimal-number';

describe('decimalToNumber', () => {
  it('converts like Number(toString()) on the fast path and beyond it', () => {
    for (const text of [
      '0',
      '-0',
      '30000.5',
      '0.1',
      '0.0001',
      '-1.25',
      '123456789.123456789',
      '1e-30',
      '9007199254740993',
      '1e25',
      'NaN',
      'Infinity',
    ]) {
      expect(Object.is(decimalToNumber(new Decimal(text)), Number(new Decimal(text).toString()))).toBe(true);
    }
  });

  it('property: equals the parse of the decimal string (brute-force reference)', () => {
    const decimalText = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 30 }))
      .map(([negative, digits, scale]) => new Decimal(`${negative ? '-' : ''}${digits}e-${scale}`));
    fc.assert(
      fc.property(decimalText, (d) => Object.is(decimalToNumber(d), Number(d.toString()))),
      { numRuns: 5_000 },
    );
  });
});
