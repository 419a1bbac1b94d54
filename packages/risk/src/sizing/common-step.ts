import { Decimal } from '@arbot/core';

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/**
 * The smallest positive amount that is a whole multiple of every step (the
 * least common multiple of decimal steps), exactly. Legs that must carry the
 * same base amount on markets with different amount steps are rounded to it,
 * so they stay equal and on every market's grid.
 *
 * @example
 * ```ts
 * commonStep([new Decimal('0.001'), new Decimal('0.0004')]).toString(); // '0.002'
 * commonStep([new Decimal('0.00001'), new Decimal('0.0001')]).toString(); // '0.0001'
 * ```
 */
export function commonStep(steps: readonly Decimal[]): Decimal {
  let places = 0;
  for (const step of steps) places = Math.max(places, step.decimalPlaces());
  const unit = new Decimal(10).pow(places);
  let lcm = 1n;
  for (const step of steps) {
    const n = BigInt(step.times(unit).toFixed(0));
    lcm = (lcm / gcd(lcm, n)) * n;
  }
  return new Decimal(lcm.toString()).div(unit);
}

const pairSteps = new WeakMap<Decimal, WeakMap<Decimal, Decimal>>();

/**
 * {@link commonStep} for the markets of one leg group, without the BigInt
 * work on the hot path: equal steps are their own common step, and the
 * common step of two different ones is remembered (market steps are
 * long-lived Decimals).
 *
 * @example
 * ```ts
 * groupStep([okx.precision.amount, kraken.precision.amount]).toString(); // '0.002' for steps 0.001 and 0.0004
 * ```
 */
export function groupStep(steps: readonly Decimal[]): Decimal {
  const first = steps[0];
  if (first === undefined) return commonStep(steps);
  let other: Decimal | undefined;
  for (const step of steps) {
    if (step === first || step.eq(first)) continue;
    if (other !== undefined && step !== other && !step.eq(other)) return commonStep(steps);
    other = step;
  }
  if (other === undefined) return first;
  let byOther = pairSteps.get(first);
  if (byOther === undefined) {
    byOther = new WeakMap();
    pairSteps.set(first, byOther);
  }
  let step = byOther.get(other);
  if (step === undefined) {
    step = commonStep([first, other]);
    byOther.set(other, step);
  }
  return step;
}
