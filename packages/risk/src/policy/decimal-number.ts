import type { Decimal } from '@arbot/core';

// Exact powers of ten as doubles (10^22 is the largest one a double holds exactly).
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const MAX_EXACT = 2 ** 53;

/**
 * The double nearest to a Decimal, the same value `Number(d.toString())`
 * gives, without building the string. decimal.js keeps the digits in
 * base-10⁷ words (`d`) with a decimal exponent (`e`); when they form an
 * integer mantissa M ≤ 2⁵³ scaled by 10^p with |p| ≤ 22, `M × 10^p` (or
 * `M / 10^−p`) is one correctly rounded operation on exact operands
 * (Clinger's fast path), so the result is the nearest double. Other values
 * fall back to parsing the string.
 *
 * @example
 * ```ts
 * decimalToNumber(new Decimal('30000.5')); // 30000.5
 * decimalToNumber(new Decimal('0.1'));     // 0.1
 * ```
 */
export function decimalToNumber(value: Decimal): number {
  const words = value.d;
  if (words === null || words === undefined || words.length > 3) return Number(value.toString());
  let mantissa = 0;
  let digits = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? 0;
    mantissa = i === 0 ? word : mantissa * 10_000_000 + word;
    digits += i === 0 ? digitCount(word) : 7;
  }
  if (mantissa > MAX_EXACT) return Number(value.toString());
  while (mantissa !== 0 && mantissa % 10 === 0) {
    mantissa /= 10;
    digits--;
  }
  const power = value.e + 1 - digits;
  const signed = value.s < 0 ? -mantissa : mantissa;
  if (power >= 0 && power <= 22) return signed * (POW10[power] ?? 1);
  if (power < 0 && power >= -22) return signed / (POW10[-power] ?? 1);
  return Number(value.toString());
}

/** Number of decimal digits of a base-10⁷ word (0 counts as one digit). */
function digitCount(word: number): number {
  let n = 1;
  for (let bound = 10; n < 7 && word >= bound; bound *= 10) n++;
  return n;
}
