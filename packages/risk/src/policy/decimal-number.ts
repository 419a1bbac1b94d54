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
  if (words === null || words === undefined || words.length === 0 || words.length > 3) return Number(value.toString());
  const last = words.length - 1;
  if (last <= 1) {
    // One or two words form an integer below 10¹⁴ < 2⁵³ with their trailing zeros kept, so the fast path
    // applies without stripping them (same correctly rounded double as the stripped mantissa gives).
    const first = words[0] ?? 0;
    if (first === 0) return 0; // only zero has a zero leading word; like Number('0')
    const whole = last === 0 ? first : first * 10_000_000 + (words[1] ?? 0);
    const scale = value.e + 1 - digitCount(first) - 7 * last;
    const sign = value.s < 0 ? -whole : whole;
    if (scale >= 0 && scale <= 22) return sign * (POW10[scale] ?? 1);
    if (scale < 0 && scale >= -22) return sign / (POW10[-scale] ?? 1);
  }
  // decimal.js drops trailing zero words, so the number's trailing zeros are
  // those of its last word: strip them there, in small-integer arithmetic.
  let tail = words[last] ?? 0;
  if (tail === 0) return 0; // only zero ends in a zero word; like Number('0') (decimal.js prints −0 as '0')
  let zeros = 0;
  while (tail % 10 === 0) {
    tail /= 10;
    zeros++;
  }
  let mantissa = last === 0 ? tail : (words[0] ?? 0);
  for (let i = 1; i < last; i++) mantissa = mantissa * 10_000_000 + (words[i] ?? 0);
  if (last > 0) mantissa = mantissa * (POW10[7 - zeros] ?? 1) + tail;
  if (mantissa > MAX_EXACT) return Number(value.toString());
  const digits = (last === 0 ? digitCount(words[0] ?? 0) : digitCount(words[0] ?? 0) + 7 * last) - zeros;
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
