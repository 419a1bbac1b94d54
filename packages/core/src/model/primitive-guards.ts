import { type Decimal, isDecimal, toDecimal } from '../money/decimal';

// Hot paths (leg checks, fills, replayed book events) mostly receive values
// that core itself produced and that already pass the primitive schemas. These
// guards accept exactly such values and yield what the schema would output,
// so a caller can skip zod and fall back to it only when a guard says no (zod
// then builds the same result or the usual ValidationError). A guard may
// refuse a value the schema accepts (e.g. a decimal string): that only costs
// the fallback. It must never accept a value the schema refuses.

/**
 * `toDecimal(value)` when `value` is a Decimal or a number that
 * `NonNegativeDecimal` accepts, else `undefined`. Not exported from the package.
 */
export function asNonNegativeDecimal(value: unknown): Decimal | undefined {
  const d = asFiniteDecimal(value);
  return d?.gte(0) ? d : undefined;
}

/**
 * `toDecimal(value)` when `value` is a Decimal or a number that
 * `PositiveDecimal` accepts, else `undefined`. Not exported from the package.
 */
export function asPositiveDecimal(value: unknown): Decimal | undefined {
  const d = asFiniteDecimal(value);
  return d?.gt(0) ? d : undefined;
}

/**
 * `toDecimal(value)` when `value` is a Decimal or a number that
 * `DecimalSchema` accepts, else `undefined`. Not exported from the package.
 */
export function asFiniteDecimal(value: unknown): Decimal | undefined {
  // Converted first, as the schema does: a Decimal of another clone is re-wrapped before the finiteness test.
  if (isDecimal(value) || (typeof value === 'number' && Number.isFinite(value))) {
    const d = toDecimal(value);
    return d.isFinite() ? d : undefined;
  }
  return undefined;
}

/** `true` when `Id` (a non-empty string) accepts `value`. */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** `true` when `TimestampMs` (a safe integer ≥ 0) accepts `value`. */
export function isTimestampMs(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** `true` when `z.number().int()` (a safe integer) accepts `value`. */
export function isSafeInt(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

/** `true` when `SideSchema` accepts `value`. */
export function isSide(value: unknown): value is 'buy' | 'sell' {
  return value === 'buy' || value === 'sell';
}

/** `true` when `value` is an object zod's `z.object` would read fields from (not null, not an array). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
