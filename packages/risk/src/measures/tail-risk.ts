/**
 * VaR and expected shortfall of a sample of losses.
 *
 * @example
 * ```ts
 * const { valueAtRisk, expectedShortfall }: TailRisk = tailRisk(losses, 0.99);
 * ```
 */
export interface TailRisk {
  readonly valueAtRisk: number;
  readonly expectedShortfall: number;
}

/**
 * VaR and expected shortfall of an empirical loss sample (losses positive).
 * With the losses sorted worst first, L(1) ≥ L(2) ≥ … ≥ L(n), and tail mass
 * m = n·(1 − confidence):
 *
 * - VaR = L(⌈m⌉), the smallest loss inside the worst m outcomes (500
 *   scenarios at 99 % → the 5th worst, Hull's convention);
 * - ES = (L(1) + … + L(⌊m⌋) + (m − ⌊m⌋)·L(⌊m⌋+1)) / m, the Acerbi–Tasche
 *   (2002) estimator: the mean of exactly the worst m outcomes, so it is
 *   coherent and, for integer m, the plain mean of the m worst losses.
 *
 * m is rounded to 9 decimals first, so 500 × (1 − 0.99) counts as 5. When
 * m < 1 both are the worst loss. Throws a `RangeError` on an empty sample.
 *
 * @example
 * ```ts
 * tailRisk([5, 1, 9, 3, 7, 2, 8, 4, 6, 10], 0.8); // m = 2: VaR 9, ES (10 + 9) / 2 = 9.5
 * ```
 */
export function tailRisk(losses: readonly number[], confidence: number): TailRisk {
  const n = losses.length;
  if (n === 0) throw new RangeError('tailRisk needs at least one loss');
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const sorted = Float64Array.from(losses).sort().reverse();
  const m = Math.round(n * (1 - confidence) * 1e9) / 1e9;
  const whole = Math.floor(m);
  const at = (k: number): number => sorted[Math.min(n, Math.max(1, k)) - 1] ?? Number.NaN;
  const valueAtRisk = at(Math.ceil(m));
  if (m < 1) return { valueAtRisk, expectedShortfall: at(1) };
  let sum = 0;
  for (let i = 1; i <= whole; i++) sum += at(i);
  const fraction = m - whole;
  if (fraction > 0) sum += fraction * at(whole + 1);
  return { valueAtRisk, expectedShortfall: sum / m };
}
