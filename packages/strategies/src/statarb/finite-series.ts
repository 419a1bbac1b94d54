import { ValidationError } from '@arbot/core';

/**
 * Checks that `values` is an array of finite numbers with at least
 * `minLength` entries; throws a `ValidationError` naming the first offending
 * index and value.
 *
 * @example
 * ```ts
 * assertFiniteSeries([1, 2, 3], 'spread', 2); // ok
 * assertFiniteSeries([1, Number.NaN], 'spread', 2); // throws: spread.1 = NaN
 * ```
 */
export function assertFiniteSeries(values: readonly number[], field: string, minLength = 1): void {
  if (!Array.isArray(values)) {
    throw new ValidationError(field, [{ field, value: values, message: 'must be an array of numbers' }]);
  }
  if (values.length < minLength) {
    throw new ValidationError(field, [{ field, value: values.length, message: `needs at least ${minLength} values` }]);
  }
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new ValidationError(field, [{ field: `${field}.${i}`, value: v, message: 'must be a finite number' }]);
    }
  }
}
