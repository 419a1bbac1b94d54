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
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v < max + step * 0.5; v += step) ticks.push(Number(v.toPrecision(12)));
  const last = ticks[ticks.length - 1];
  if (last !== undefined && last < max) ticks.push(Number((last + step).toPrecision(12)));
  return ticks;
}
