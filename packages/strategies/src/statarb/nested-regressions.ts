import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { SingularMatrixError } from './statarb-errors';

/**
 * All the regressions of y on the first k columns of X (k = 1…q) at once,
 * from one Cholesky factorisation L·Lᵀ of the augmented Gram matrix
 * [X y]ᵀ[X y] (order q + 1, y last). With l the last row of L:
 * - the residual sum of squares on the first k columns is Σ_{j ≥ k} l_j²
 *   (a sum of squares: no cancellation);
 * - the coefficient of column k−1 in that regression is l_{k−1}/L_{k−1,k−1}
 *   and its standard error σ_k/L_{k−1,k−1}, so its t-value is l_{k−1}/σ_k.
 * This is how ADF lag selection fits every lag length for the price of one.
 * When the model has a constant, pass centred columns and the constant as
 * `extraParameters` (Frisch–Waugh: same fit, same t-values).
 *
 * @example
 * ```ts
 * // X = [1, 2, 3]ᵀ, y = [2, 4, 6]ᵀ → Gram [[14, 28], [28, 56 + ε]]
 * const r = new NestedRegressions([[14, 28], [28, 56.0001]], 3, 0, 'example');
 * r.ssr(1); // ≈ 0.0001
 * ```
 */
export class NestedRegressions {
  private readonly lower: Matrix;
  /** Number of regressors q (the Gram order minus one). */
  readonly columns: number;

  constructor(
    gram: readonly (readonly number[])[],
    /** Observations in the regressions. */
    readonly nobs: number,
    /** Parameters not among the columns (a constant removed by centring). */
    readonly extraParameters: number,
    what: string,
  ) {
    const decomposition = new CholeskyDecomposition(new Matrix(gram.map((row) => [...row])));
    if (!decomposition.isPositiveDefinite()) throw new SingularMatrixError(what, 'the regression Gram matrix');
    this.lower = decomposition.lowerTriangularMatrix;
    this.columns = gram.length - 1;
  }

  /** Residual sum of squares of y on the first `k` columns (0 ≤ k ≤ q). */
  ssr(k: number): number {
    const q = this.columns;
    let sum = 0;
    for (let j = k; j <= q; j++) {
      const l = this.lower.get(q, j);
      sum += l * l;
    }
    return sum;
  }

  /** Parameters of the regression on the first `k` columns, counting `extraParameters`. */
  parameters(k: number): number {
    return k + this.extraParameters;
  }

  /** t-value of the last of the first `k` columns (k ≥ 1) in the regression on them. */
  lastTValue(k: number): number {
    const dof = this.nobs - this.parameters(k);
    const sigma = Math.sqrt(this.ssr(k) / dof);
    return this.lower.get(this.columns, k - 1) / sigma;
  }

  /** Gaussian log-likelihood of the regression on the first `k` columns, as statsmodels' OLS `llf`. */
  logLikelihood(k: number): number {
    const n = this.nobs;
    return (-n / 2) * (Math.log(2 * Math.PI) + Math.log(this.ssr(k) / n) + 1);
  }
}
