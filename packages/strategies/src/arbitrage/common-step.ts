import { type Decimal, toDecimal } from '@arbot/core';

/**
 * The smallest positive amount that is a multiple of both steps (their least
 * common multiple), so one base amount is valid on both markets. When one
 * step divides the other, as with the usual powers of ten, it is the coarser
 * step: `0.001` and `0.0001` give `0.001`; `0.02` and `0.03` give `0.06`.
 */
export function commonStep(a: Decimal, b: Decimal): Decimal {
  const places = Math.max(a.decimalPlaces(), b.decimalPlaces());
  const scale = toDecimal(10).pow(places);
  const x = BigInt(a.times(scale).toFixed(0));
  const y = BigInt(b.times(scale).toFixed(0));
  const lcm = (x / gcd(x, y)) * y;
  return toDecimal(lcm.toString()).div(scale);
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}
