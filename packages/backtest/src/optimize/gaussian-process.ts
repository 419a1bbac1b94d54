import { cholesky, solveLower, solveUpperTransposed } from './cholesky';

/** Prediction of a Gaussian process at one point. */
export interface GpPrediction {
  readonly mean: number;
  readonly variance: number;
}

/**
 * A Gaussian-process regression with a unit-variance RBF kernel with one
 * length scale per dimension, `k(a, b) = exp(−Σ_d (a_d − b_d)² / (2ℓ_d²))`,
 * and Gaussian noise σ², on targets the caller standardized. Fitting is a Cholesky factorization of
 * `K + σ²I` (O(n³)); each prediction is O(n²):
 * mean `k*ᵀ α` with `α = (K + σ²I)⁻¹ y`, variance `1 − |L⁻¹ k*|²`.
 */
export class GaussianProcess {
  private constructor(
    private readonly xs: readonly (readonly number[])[],
    private readonly l: number[][],
    private readonly alpha: number[],
    readonly lengthScales: readonly number[],
    readonly noise: number,
    /** log p(y | X, ℓ, σ²) = −½ yᵀα − Σ log L_ii − (n/2) log 2π. */
    readonly logMarginalLikelihood: number,
  ) {}

  /** Fits the process; `undefined` when the kernel matrix is numerically singular. */
  static fit(
    xs: readonly (readonly number[])[],
    ys: readonly number[],
    lengthScales: readonly number[],
    noise: number,
  ): GaussianProcess | undefined {
    const n = xs.length;
    const k = xs.map((a, i) => xs.map((b, j) => rbf(a, b, lengthScales) + (i === j ? noise : 0)));
    const l = cholesky(k);
    if (l === undefined) return undefined;
    const alpha = solveUpperTransposed(l, solveLower(l, ys));
    let fit = 0;
    for (let i = 0; i < n; i++) fit += (ys[i] as number) * (alpha[i] as number);
    let logDet = 0;
    for (let i = 0; i < n; i++) logDet += Math.log((l[i] as number[])[i] as number);
    const lml = -0.5 * fit - logDet - (n / 2) * Math.log(2 * Math.PI);
    return new GaussianProcess(xs, l, alpha, lengthScales, noise, lml);
  }

  /** Posterior mean and variance of the latent function at `x`. */
  predict(x: readonly number[]): GpPrediction {
    const kStar = this.xs.map((a) => rbf(a, x, this.lengthScales));
    let mean = 0;
    for (let i = 0; i < kStar.length; i++) mean += (kStar[i] as number) * (this.alpha[i] as number);
    const v = solveLower(this.l, kStar);
    let reduction = 0;
    for (const vi of v) reduction += vi * vi;
    return { mean, variance: Math.max(0, 1 - reduction) };
  }
}

function rbf(a: readonly number[], b: readonly number[], lengthScales: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = ((a[i] as number) - (b[i] as number)) / (lengthScales[i] ?? 1);
    sum += d * d;
  }
  return Math.exp(-sum / 2);
}
