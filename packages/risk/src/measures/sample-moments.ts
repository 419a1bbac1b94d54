import { InsufficientDataError } from '../errors/insufficient-data-error';

/** Sample means and covariance matrix (n − 1 denominator) of aligned series. */
export interface SampleMoments {
  readonly means: number[];
  readonly covariance: number[][];
}

/** Means and sample covariance of aligned return series; needs at least two observations. */
export function sampleMoments(series: readonly (readonly number[])[]): SampleMoments {
  const n = series[0]?.length ?? 0;
  if (n < 2) throw new InsufficientDataError(`A covariance needs at least 2 observations, got ${n}`, { field: 'returns', observations: n });
  const means = series.map((s) => s.reduce((a, b) => a + b, 0) / n);
  const covariance = series.map((si, i) =>
    series.map((sj, j) => {
      const mi = means[i] ?? 0;
      const mj = means[j] ?? 0;
      let acc = 0;
      for (let t = 0; t < n; t++) acc += ((si[t] ?? 0) - mi) * ((sj[t] ?? 0) - mj);
      return acc / (n - 1);
    }),
  );
  return { means, covariance };
}

/** `wᵀ μ` and `wᵀ Σ w`. */
export function portfolioMoments(moments: SampleMoments, weights: readonly number[]): { mean: number; variance: number } {
  let mean = 0;
  let variance = 0;
  for (const [i, wi] of weights.entries()) {
    mean += wi * (moments.means[i] ?? 0);
    for (const [j, wj] of weights.entries()) variance += wi * wj * (moments.covariance[i]?.[j] ?? 0);
  }
  return { mean, variance: Math.max(0, variance) };
}
