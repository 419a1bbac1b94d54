import { Decimal } from 'decimal.js';

/**
 * The arbitrary-precision decimal type used for every amount that becomes an
 * order, a balance, a fee or PnL. Re-exported so that every ArBot package and
 * user shares one `Decimal` class (instances from two copies of decimal.js do
 * not mix).
 *
 * @example
 * ```ts
 * import { Decimal } from '@arbot/core';
 * new Decimal('0.1').plus('0.2').toString(); // '0.3'
 * ```
 */
const ArbotDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -30, toExpPos: 40 });
type ArbotDecimal = Decimal;

export { ArbotDecimal as Decimal };

/** Anything that can be turned into a {@link Decimal} without loss: a Decimal, a decimal string, or a finite number. */
export type DecimalLike = Decimal | string | number;

/**
 * Converts a {@link DecimalLike} into a {@link Decimal}. Numbers are converted
 * through their shortest round-trip string, so `toDecimal(0.1)` is exactly `0.1`.
 *
 * @example
 * ```ts
 * toDecimal(0.1).plus(toDecimal('0.2')).eq('0.3'); // true
 * ```
 */
export function toDecimal(value: DecimalLike): Decimal {
  // A Decimal from another decimal.js copy or clone keeps its own precision in
  // arithmetic, so re-wrap anything that is not ours.
  return value instanceof Decimal && value.constructor === ArbotDecimal ? value : new ArbotDecimal(value);
}

/** `true` when `value` is a decimal.js instance (from this or any clone). */
export function isDecimal(value: unknown): value is Decimal {
  return Decimal.isDecimal(value);
}
