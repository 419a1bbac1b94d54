import { Decimal } from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalToNumber } from '../../src/policy/decimal-number';

describe('decimalToNumber over short mantissas and wide exponents', () => {
  it('property: one- and two-word decimals (≤ 14 digits) at any exponent equal the parse of their string', () => {
    // Up to 14 significant digits fit in two base-10⁷ words; exponents from 1e-60 to 1e+60 cross both ends of
    // the exact powers of ten (±22), so the short-word path and its fallbacks are both exercised.
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n - 1n }), fc.integer({ min: -60, max: 60 }))
      .map(([negative, digits, exponent]) => new Decimal(`${negative ? '-' : ''}${digits}e${exponent}`));
    fc.assert(
      fc.property(decimal, (d) => Object.is(decimalToNumber(d), Number(d.toString()))),
      { numRuns: 5_000 },
    );
  });

  it('keeps trailing zeros of the last word exact: 0.2, 30000.5, 6000.1, 1e7, 12345678901234', () => {
    // Values whose last word ends in zeros (0.2 → [2000000], 30000.5 → [30000, 5000000]) and whole words.
    for (const text of ['0.2', '30000.5', '6000.1', '10000000', '12345678901234', '-0.00000012', '99999999999999e-30']) {
      expect(Object.is(decimalToNumber(new Decimal(text)), Number(text))).toBe(true);
    }
  });
});
