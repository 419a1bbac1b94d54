/**
 * Round axis ticks covering `[min, max]`: about `count` values spaced by
 * 1, 2 or 5 × a power of ten, the first ≤ min and the last ≥ max.
 *
 * @example
 * ```ts
 * niceTicks(0.3, 9.6, 5); // [0, 2, 4, 6, 8, 10]
 * ```
 */
export function niceTicks(min: number, max: number, count: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.01 : 1;
    return niceTicks(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  // Whole multiples of the step, rounded to its decimals: no drift from adding steps up.
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const ticks: number[] = [];
  for (let k = Math.floor(min / step + 1e-9); ; k++) {
    const v = Number((k * step).toFixed(decimals)) + 0;
    ticks.push(v);
    if (v >= max - step * 1e-9) break;
  }
  return ticks;
}
