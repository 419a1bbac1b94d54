/**
 * Median of the first `n` values of `scratch` (reordered in place by an
 * insertion sort: venue counts are small, and this allocates nothing): the
 * middle value, or the mean of the two middle values for an even count;
 * `NaN` when `n` is 0.
 */
export function medianInPlace(scratch: Float64Array, n: number): number {
  if (n === 0) return Number.NaN;
  for (let i = 1; i < n; i++) {
    const v = scratch[i] ?? 0;
    let j = i - 1;
    while (j >= 0 && (scratch[j] ?? 0) > v) {
      scratch[j + 1] = scratch[j] ?? 0;
      j--;
    }
    scratch[j + 1] = v;
  }
  const mid = n >> 1;
  const upper = scratch[mid] ?? Number.NaN;
  return n % 2 === 1 ? upper : ((scratch[mid - 1] ?? Number.NaN) + upper) / 2;
}
