/**
 * Standard normal CDF Φ(z) = 1 − erfc(z/√2)/2, with erfc from the Chebyshev
 * fit of Numerical Recipes (`erfcc`, fractional error < 1.2e-7 everywhere),
 * ample for an acquisition function.
 */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/**
 * Expected improvement over `best` of a Gaussian prediction (maximizing):
 * `EI = (μ − best − ξ) Φ(z) + σ φ(z)` with `z = (μ − best − ξ) / σ`
 * (Jones, Schonlau & Welch 1998); `max(0, μ − best − ξ)` when σ = 0. ξ ≥ 0
 * trades exploitation for exploration.
 */
export function expectedImprovement(mean: number, sd: number, best: number, xi: number): number {
  const gain = mean - best - xi;
  if (!(sd > 1e-12)) return Math.max(0, gain);
  const z = gain / sd;
  return gain * normalCdf(z) + sd * normalPdf(z);
}
