/**
 * Median of a small array of numbers (sorts it in place): the middle value,
 * or the mean of the two middle values for an even count; `NaN` when empty.
 */
export function medianInPlace(values: number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  const mid = n >> 1;
  const upper = values[mid] ?? Number.NaN;
  return n % 2 === 1 ? upper : ((values[mid - 1] ?? Number.NaN) + upper) / 2;
}
