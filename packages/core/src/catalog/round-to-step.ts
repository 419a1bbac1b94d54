import { z } from 'zod';
import { parseWith } from '../model/parse';
import { DecimalSchema, PositiveDecimal } from '../model/primitives';
import type { Decimal, DecimalLike } from '../money/decimal';

/**
 * How a value is moved onto a step grid: `down` to the largest multiple
 * ≤ value, `up` to the smallest multiple ≥ value, `nearest` to the closest
 * multiple (an exact tie goes `up`).
 *
 * @example
 * ```ts
 * const mode = StepRoundingSchema.parse(options.rounding ?? 'down');
 * ```
 */
export const StepRoundingSchema = z.enum(['down', 'up', 'nearest']);
/**
 * `'down' | 'up' | 'nearest'`: see {@link StepRoundingSchema}.
 *
 * @example
 * ```ts
 * const mode: StepRounding = 'nearest';
 * ```
 */
export type StepRounding = z.infer<typeof StepRoundingSchema>;

const RoundToStepArgs = z.object({ value: DecimalSchema, step: PositiveDecimal, mode: StepRoundingSchema });

/**
 * Moves `value` onto the grid of multiples of `step`, exactly (no binary
 * floating point is involved; the remainder is computed with decimal
 * arithmetic, so `0.3` on a `0.1` grid stays `0.3`).
 *
 * Throws a `ValidationError` if `value` is not a finite decimal or `step`
 * is not > 0.
 *
 * @example
 * ```ts
 * roundToStep('0.123456789', '0.00001', 'down').toString(); // '0.12345'
 * roundToStep('0.123456789', '0.00001', 'up').toString();   // '0.12346'
 * roundToStep('7.4', '5', 'nearest').toString();            // '5'
 * ```
 */
export function roundToStep(value: DecimalLike, step: DecimalLike, mode: StepRounding = 'down'): Decimal {
  const args = parseWith(RoundToStepArgs, { value, step, mode }, 'rounding arguments');
  return roundOnGrid(args.value, args.step, args.mode);
}

/**
 * `true` when `value` is an exact multiple of `step` (including zero).
 *
 * @example
 * ```ts
 * isMultipleOfStep('30000.01', '0.01'); // true
 * isMultipleOfStep('0.000015', '0.00001'); // false
 * ```
 */
export function isMultipleOfStep(value: DecimalLike, step: DecimalLike): boolean {
  const args = parseWith(RoundToStepArgs, { value, step, mode: 'down' }, 'rounding arguments');
  return isOnGrid(args.value, args.step);
}

/**
 * `value mod step == 0`, exactly, for a finite `value` and a `step` > 0, mostly
 * without the 40-digit division of `mod`: a multiple of `step` has no more
 * decimal places than `step`, and when `step` is 10^-k (the usual lot and
 * tick) having at most k places is also enough. Not exported from the package.
 */
export function isOnGrid(value: Decimal, step: Decimal): boolean {
  const places = step.decimalPlaces();
  if (value.decimalPlaces() > places) return false;
  return isPowerOfTenStep(step, places) || value.mod(step).isZero();
}

/** Whether each step Decimal (markets hold a few, reused on every check) is 10^-k; Decimals never change. */
const powerOfTenSteps = new WeakMap<Decimal, boolean>();

function isPowerOfTenStep(step: Decimal, places: number): boolean {
  let known = powerOfTenSteps.get(step);
  if (known === undefined) {
    known = step.eq(`1e-${places}`);
    powerOfTenSteps.set(step, known);
  }
  return known;
}

/**
 * The unchecked core of {@link roundToStep}, for callers in this package that
 * already hold validated Decimals (a `Market`'s steps are validated when it
 * is built). Not exported from the package.
 */
export function roundOnGrid(value: Decimal, step: Decimal, mode: StepRounding): Decimal {
  // decimal.js `mod` truncates the quotient (remainder takes the sign of
  // `value`); shifting a negative remainder by one step gives the floor
  // remainder in [0, step), so `value - r` is the floor multiple for any sign.
  // The on-grid test comes first: -0 counts as negative in decimal.js.
  if (isOnGrid(value, step)) return value;
  let remainder = value.mod(step);
  if (remainder.isNeg()) remainder = remainder.plus(step);
  const floor = value.minus(remainder);
  switch (mode) {
    case 'down':
      return floor;
    case 'up':
      return floor.plus(step);
    case 'nearest':
      return remainder.times(2).gte(step) ? floor.plus(step) : floor;
  }
}
