import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { CRITICAL_SURFACES, type MackinnonRegression, PVALUE_SURFACES } from './mackinnon-tables';
import { normalCdf } from './normal-cdf';

export type { MackinnonRegression } from './mackinnon-tables';

/**
 * Deterministic terms of a unit-root or cointegration regression: `n` none, `c` constant, `ct` constant + linear trend.
 *
 * @example
 * ```ts
 * RegressionSchema.parse('ct'); // 'ct'
 * ```
 */
export const RegressionSchema = z.enum(['n', 'c', 'ct']);

/** Critical values of a left-tailed test, keyed by size. */
export interface CriticalValues {
  readonly '1%': number;
  readonly '5%': number;
  readonly '10%': number;
}

const PValueArgs = z.object({
  statistic: z.number().refine((v) => !Number.isNaN(v), { message: 'must be a number' }),
  regression: RegressionSchema,
  n: z.number().int().min(1).max(6),
});

const CriticalArgs = z
  .object({
    regression: RegressionSchema,
    n: z.number().int().min(1).max(12),
    nobs: z.custom<number>((v) => typeof v === 'number' && v > 0, { message: 'must be a positive number or Infinity' }),
  })
  .refine((a) => a.regression !== 'n' || a.n === 1, { message: "no-constant ('n') critical values exist for n = 1 only", path: ['n'] });

/**
 * MacKinnon's (1994) approximate asymptotic p-value of a Dickey–Fuller τ
 * statistic: Φ of a polynomial in τ, with the small-p fit left of τ* and
 * the large-p fit right of it; 0 below τmin and 1 above τmax. `n` is the
 * number of I(1) series: 1 for ADF, the number of series for Engle–Granger.
 *
 * @example
 * ```ts
 * mackinnonPValue(-2.86, 'c', 1); // ≈ 0.050 (the 5 % critical value)
 * mackinnonPValue(-4.38, 'c', 2); // ≈ 0.0019 (a cointegrated pair)
 * ```
 */
export function mackinnonPValue(statistic: number, regression: MackinnonRegression, n = 1): number {
  parseWith(PValueArgs, { statistic, regression, n }, 'mackinnonPValue() arguments');
  const surface = PVALUE_SURFACES[regression];
  const i = n - 1;
  if (statistic > (surface.tauMax[i] as number)) return 1;
  if (statistic < (surface.tauMin[i] as number)) return 0;
  const t = statistic;
  if (t <= (surface.tauStar[i] as number)) {
    const [g0, g1, g2] = surface.smallP[i] as readonly [number, number, number];
    return normalCdf(g0 + g1 * t + g2 * 1e-2 * t * t);
  }
  const [g0, g1, g2, g3] = surface.largeP[i] as readonly [number, number, number, number];
  return normalCdf(g0 + g1 * 1e-1 * t + g2 * 1e-1 * t * t + g3 * 1e-2 * t * t * t);
}

/**
 * MacKinnon's (2010) finite-sample critical values at 1 %, 5 % and 10 % for
 * a sample of `nobs` observations (`Infinity` for the asymptotic ones):
 * β∞ + β₁/T + β₂/T² + β₃/T³. `n` is the number of I(1) series (1–12).
 *
 * @example
 * ```ts
 * mackinnonCriticalValues(1, 'c', Number.POSITIVE_INFINITY); // { '1%': -3.43035, '5%': -2.86154, '10%': -2.56677 }
 * mackinnonCriticalValues(2, 'c', 500)['5%'];                // ≈ -3.3484
 * ```
 */
export function mackinnonCriticalValues(n: number, regression: MackinnonRegression, nobs: number): CriticalValues {
  parseWith(CriticalArgs, { n, regression, nobs }, 'mackinnonCriticalValues() arguments');
  const row = CRITICAL_SURFACES[regression][n - 1] as readonly (readonly [number, number, number, number])[];
  const value = (b: readonly [number, number, number, number]): number => {
    if (nobs === Number.POSITIVE_INFINITY) return b[0];
    const u = 1 / nobs;
    return b[0] + u * (b[1] + u * (b[2] + u * b[3]));
  };
  return {
    '1%': value(row[0] as readonly [number, number, number, number]),
    '5%': value(row[1] as readonly [number, number, number, number]),
    '10%': value(row[2] as readonly [number, number, number, number]),
  };
}
