import type { Decimal } from '@arbot/core';

// Past 2^40 steps the float estimate's error nears a whole step; such sizes take the exact path.
const MAX_UNITS = 2 ** 40;

/**
 * ⌊q⌋ from a float estimate of a non-negative quotient q, when the estimate
 * sits far enough from an integer that its error (a few ulps, plus the
 * factor's own rounding) cannot move the floor; `undefined` when it is that
 * close, or out of range, and the caller must decide in Decimal.
 *
 * @example
 * ```ts
 * safeFloor((0.5 * 0.33337) / 0.0001); // 1666 (estimate 1666.85)
 * safeFloor((0.2 * 0.5) / 0.0001);     // undefined (estimate ≈ 1000: exactly a grid point, or a hair off)
 * ```
 */
export function safeFloor(estimate: number): number | undefined {
  if (!(estimate >= 0) || estimate > MAX_UNITS) return undefined;
  const whole = Math.floor(estimate);
  const fraction = estimate - whole;
  const margin = Math.max(1e-9, estimate * 1e-12);
  return fraction > margin && fraction < 1 - margin ? whole : undefined;
}

/**
 * The largest multiple of `step` at or below a non-negative `value`, exactly.
 *
 * @example
 * ```ts
 * floorToStep(new Decimal('0.16665'), new Decimal('0.0001')).toString(); // '0.1666'
 * ```
 */
export function floorToStep(value: Decimal, step: Decimal): Decimal {
  // decimal.js `mod` takes the sign of the dividend, so for value ≥ 0 the remainder is in [0, step).
  const remainder = value.mod(step);
  return remainder.isZero() ? value : value.minus(remainder);
}
