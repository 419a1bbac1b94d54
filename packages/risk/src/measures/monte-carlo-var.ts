import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { cholesky } from './cholesky';
import { type PortfolioRiskInput, PortfolioRiskInputSchema, type RiskMeasure, riskMeasure } from './portfolio-input';
import { sampleMoments } from './sample-moments';
import { seededRandom } from './seeded-random';
import { tailRisk } from './tail-risk';

const MonteCarloOptionsSchema = z.object({
  /** Number of simulated paths (default 100 000). */
  paths: z.number().int().min(100).max(10_000_000).default(100_000),
  /** Seed of the xoshiro128** generator: the same seed gives the same figures. */
  seed: z.number().int(),
  /**
   * `false` (default): the horizon return is the sum of the simulated
   * per-period returns, exactly the normal model of `parametricVar`, which
   * it converges to. `true`: per-period simple returns compound,
   * `(1 + r_1)…(1 + r_h) − 1`.
   */
  compound: z.boolean().default(false),
});

/** What {@link monteCarloVar} accepts. */
export type MonteCarloVarInput = PortfolioRiskInput & z.input<typeof MonteCarloOptionsSchema>;

/**
 * Monte Carlo VaR and expected shortfall: fits a multivariate normal to the
 * series (sample means, covariance with n − 1), simulates `paths` paths of
 * `horizon` periods (correlated draws via the Cholesky factor, normals from
 * a seeded xoshiro128** + Box–Muller), and reads the tail of the simulated
 * portfolio losses with `tailRisk`. The standard error of the VaR is about
 * σ_h·√(c(1−c)/paths)/φ(z).
 *
 * @example
 * ```ts
 * monteCarloVar({ returns: [btc, eth], weights: [0.5, 0.5], confidence: 0.99, horizon: 5, seed: 7 }).valueAtRisk;
 * ```
 */
export function monteCarloVar(input: MonteCarloVarInput): RiskMeasure {
  const parsed = parseWith(PortfolioRiskInputSchema, input, 'monteCarloVar input');
  const o = parseWith(MonteCarloOptionsSchema, { paths: input.paths, seed: input.seed, compound: input.compound }, 'monteCarloVar input');
  const { means, covariance } = sampleMoments(parsed.series);
  const lower = cholesky(covariance);
  const k = means.length;
  const weights = parsed.weights;
  const rng = seededRandom(o.seed);
  const draws = new Float64Array(k);
  const losses = new Array<number>(o.paths);
  for (let p = 0; p < o.paths; p++) {
    let total = 0;
    let growth = 1;
    for (let step = 0; step < parsed.horizon; step++) {
      for (let i = 0; i < k; i++) draws[i] = rng.normal();
      let portfolio = 0;
      for (let i = 0; i < k; i++) {
        const row = lower[i] ?? [];
        let r = means[i] ?? 0;
        for (let j = 0; j <= i; j++) r += (row[j] ?? 0) * (draws[j] ?? 0);
        portfolio += (weights[i] ?? 0) * r;
      }
      total += portfolio;
      growth *= 1 + portfolio;
    }
    losses[p] = o.compound ? 1 - growth : -total;
  }
  const tail = tailRisk(losses, parsed.confidence);
  return riskMeasure('monteCarlo', parsed, tail.valueAtRisk, tail.expectedShortfall, o.paths);
}
