import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { normalDensity, normalQuantile } from './normal-distribution';
import { type PortfolioRiskInput, PortfolioRiskInputSchema, type RiskMeasure, riskMeasure } from './portfolio-input';
import { portfolioMoments, sampleMoments } from './sample-moments';

const ParametricOptionsSchema = z.object({
  /** Subtract the expected return over the horizon (default true); false gives the zero-mean figures common for short horizons. */
  includeMean: z.boolean().default(true),
});

/** What {@link parametricVar} accepts. */
export type ParametricVarInput = PortfolioRiskInput & z.input<typeof ParametricOptionsSchema>;

/**
 * Parametric (variance–covariance, normal) VaR and expected shortfall. From
 * the sample means μ and covariance Σ (n − 1) of the series, the portfolio
 * return over h periods is taken as normal with mean h·wᵀμ and standard
 * deviation √h·√(wᵀΣw) (square-root-of-time). With z = Φ⁻¹(c):
 *
 * - VaR = σ_h·z − μ_h
 * - ES  = σ_h·φ(z)/(1 − c) − μ_h
 *
 * @example
 * ```ts
 * // daily σ 2 %, zero mean, 10 days, 99 %: 0.02 × √10 × 2.3263 = 14.71 % of value
 * parametricVar({ returns, confidence: 0.99, horizon: 10, includeMean: false, portfolioValue: 10_000_000 }).valueAtRiskAmount;
 * ```
 */
export function parametricVar(input: ParametricVarInput): RiskMeasure {
  const parsed = parseWith(PortfolioRiskInputSchema, input, 'parametricVar input');
  const { includeMean } = parseWith(ParametricOptionsSchema, { includeMean: input.includeMean }, 'parametricVar input');
  const moments = sampleMoments(parsed.series);
  const { mean, variance } = portfolioMoments(moments, parsed.weights);
  const h = parsed.horizon;
  const mu = includeMean ? mean * h : 0;
  const sigma = Math.sqrt(variance * h);
  const z = normalQuantile(parsed.confidence);
  const valueAtRisk = sigma * z - mu;
  const expectedShortfall = (sigma * normalDensity(z)) / (1 - parsed.confidence) - mu;
  return riskMeasure('parametric', parsed, valueAtRisk, expectedShortfall, parsed.series[0]?.length ?? 0);
}
