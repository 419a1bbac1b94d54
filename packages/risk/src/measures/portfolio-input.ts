import { FiniteNumber, PositiveNumber } from '@arbot/core';
import { z } from 'zod';

/**
 * Inputs shared by every VaR / expected-shortfall function. `returns` holds
 * one series of simple per-period returns per asset (0.01 = +1 %), aligned
 * in time; a single series may be given as a flat array. `weights` are the
 * fractions of portfolio value in each asset (rebalanced every period; they
 * need not sum to 1: a long/short book has negative weights). `horizon` is a
 * number of periods of the series.
 */
export const PortfolioRiskInputSchema = z
  .object({
    returns: z.union([z.array(FiniteNumber).min(1), z.array(z.array(FiniteNumber).min(1)).min(1)]),
    /** Fractions of portfolio value per asset; default `[1]` for a single series. */
    weights: z.array(FiniteNumber).min(1).optional(),
    /** Confidence level, e.g. 0.99. */
    confidence: z.number().gt(0).lt(1),
    /** Horizon in periods of the return series (default 1). */
    horizon: z.number().int().positive().default(1),
    /** Portfolio value; when given, results also come in currency units. */
    portfolioValue: PositiveNumber.optional(),
  })
  .transform((input, ctx) => {
    const series = isFlat(input.returns) ? [input.returns] : input.returns;
    const weights = input.weights ?? (series.length === 1 ? [1] : undefined);
    if (weights === undefined) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `give one weight per series (${series.length} series)` });
      return z.NEVER;
    }
    if (weights.length !== series.length) {
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `has ${weights.length} weights for ${series.length} series` });
      return z.NEVER;
    }
    const length = series[0]?.length ?? 0;
    for (const [i, s] of series.entries()) {
      if (s.length !== length) {
        ctx.addIssue({ code: 'custom', path: ['returns', i], message: `has ${s.length} returns, series 0 has ${length}` });
        return z.NEVER;
      }
    }
    return { series, weights, confidence: input.confidence, horizon: input.horizon, portfolioValue: input.portfolioValue };
  });

function isFlat(returns: number[] | number[][]): returns is number[] {
  return typeof returns[0] === 'number';
}

/**
 * What the VaR functions accept: see {@link PortfolioRiskInputSchema}.
 *
 * @example
 * ```ts
 * const input: PortfolioRiskInput = { returns: [btc, eth], weights: [0.7, 0.3], confidence: 0.975, horizon: 5 };
 * ```
 */
export interface PortfolioRiskInput {
  /** Simple per-period returns: one series per asset (aligned), or one flat series. */
  readonly returns: readonly number[] | readonly (readonly number[])[];
  /** Fractions of portfolio value per asset; default `[1]` for a single series. */
  readonly weights?: readonly number[] | undefined;
  /** Confidence level in (0, 1), e.g. 0.99. */
  readonly confidence: number;
  /** Horizon in periods of the series (default 1). */
  readonly horizon?: number | undefined;
  /** Portfolio value; when given, results also come in currency units. */
  readonly portfolioValue?: number | undefined;
}
/** The validated input, one series per asset. */
export type ParsedPortfolioRiskInput = z.output<typeof PortfolioRiskInputSchema>;

/**
 * A VaR / expected-shortfall estimate. Losses are positive numbers.
 *
 * @example
 * ```ts
 * const m = parametricVar({ returns, confidence: 0.99, portfolioValue: 100_000 });
 * console.log(`99% 1-day VaR ${m.valueAtRiskAmount}, ES ${m.expectedShortfallAmount}`);
 * ```
 */
export interface RiskMeasure {
  readonly method: 'historical' | 'parametric' | 'monteCarlo';
  readonly confidence: number;
  readonly horizon: number;
  /**
   * Value at risk as a fraction of portfolio value: the loss not exceeded
   * with probability `confidence` over `horizon` periods (negative when even
   * that quantile is a gain).
   */
  readonly valueAtRisk: number;
  /** Expected shortfall (CVaR) as a fraction: the mean loss in the worst `1 − confidence` of outcomes. */
  readonly expectedShortfall: number;
  /** `valueAtRisk × portfolioValue`, when a value was given. */
  readonly valueAtRiskAmount: number | undefined;
  /** `expectedShortfall × portfolioValue`, when a value was given. */
  readonly expectedShortfallAmount: number | undefined;
  /** Scenarios behind the estimate (historical windows, simulated paths, or return observations). */
  readonly scenarios: number;
}

/** Builds a {@link RiskMeasure} from fractions. */
export function riskMeasure(
  method: RiskMeasure['method'],
  input: ParsedPortfolioRiskInput,
  valueAtRisk: number,
  expectedShortfall: number,
  scenarios: number,
): RiskMeasure {
  const value = input.portfolioValue;
  return {
    method,
    confidence: input.confidence,
    horizon: input.horizon,
    valueAtRisk,
    expectedShortfall,
    valueAtRiskAmount: value === undefined ? undefined : valueAtRisk * value,
    expectedShortfallAmount: value === undefined ? undefined : expectedShortfall * value,
    scenarios,
  };
}

/**
 * Per-period portfolio returns: `r_t = Σ_i w_i · r_{i,t}`.
 *
 * @example
 * ```ts
 * portfolioReturns([[0.01, -0.02], [0.03, 0]], [0.5, 0.5]); // [0.02, -0.01]
 * ```
 */
export function portfolioReturns(series: readonly (readonly number[])[], weights: readonly number[]): number[] {
  const length = series[0]?.length ?? 0;
  const out = new Array<number>(length).fill(0);
  for (const [i, s] of series.entries()) {
    const w = weights[i] ?? 0;
    for (let t = 0; t < length; t++) out[t] = (out[t] ?? 0) + w * (s[t] ?? 0);
  }
  return out;
}
