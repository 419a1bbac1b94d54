import { expect } from 'vitest';

/**
 * Element-wise agreement: NaN where the reference is NaN, else
 * |a − b| ≤ rel·max(|b|, floor). `floor` keeps values near zero (a MACD
 * histogram, a z-score) from demanding an impossible relative precision.
 */
export function expectSeriesClose(actual: readonly number[], expected: readonly (number | null)[], rel: number, floor = 1): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  let where = -1;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i] as number;
    if (e === null || e === undefined || Number.isNaN(e)) {
      if (!Number.isNaN(a)) throw new Error(`index ${i}: expected warm-up NaN, got ${a}`);
      continue;
    }
    const err = Math.abs(a - e) / Math.max(Math.abs(e), floor);
    if (!(err <= worst)) {
      worst = err;
      where = i;
    }
  }
  if (!(worst <= rel))
    throw new Error(`worst relative error ${worst} at index ${where} (actual ${actual[where]}, expected ${expected[where]})`);
}
