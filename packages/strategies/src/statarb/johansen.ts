import { parseWith, ValidationError } from '@arbot/core';
import { Matrix, QrDecomposition, SingularValueDecomposition, solve } from 'ml-matrix';
import { z } from 'zod';
import { assertFiniteSeries } from './finite-series';
import { JOHANSEN_MAX_EIGEN, JOHANSEN_TRACE } from './johansen-critical-values';
import { InsufficientDataError, SingularMatrixError } from './statarb-errors';

/**
 * Options of {@link johansen}.
 *
 * @example
 * ```ts
 * JohansenOptionsSchema.parse({}); // { detOrder: 0, kArDiff: 1 }
 * ```
 */
export const JohansenOptionsSchema = z.object({
  /** Deterministic terms: −1 none, 0 constant (default), 1 constant and linear trend. */
  detOrder: z.union([z.literal(-1), z.literal(0), z.literal(1)]).default(0),
  /** Lagged differences in the VECM (default 1). */
  kArDiff: z.number().int().min(0).default(1),
});
/** Options of {@link johansen}: see {@link JohansenOptionsSchema}. */
export type JohansenOptions = z.input<typeof JohansenOptionsSchema>;

/** Critical values of a Johansen statistic. */
export interface JohansenCriticalValues {
  readonly '90%': number;
  readonly '95%': number;
  readonly '99%': number;
}

/** Result of {@link johansen}; index r of each array is the test of rank ≤ r. */
export interface JohansenResult {
  /** Squared canonical correlations λ₁ ≥ λ₂ ≥ …, in [0, 1). */
  readonly eigenvalues: number[];
  /**
   * Cointegrating vectors: column i (`eigenvectors[row][i]`) belongs to
   * `eigenvalues[i]`, scaled so vᵀS₁₁v = 1 and signed so that its first
   * non-zero entry is positive. For a pair, −v[1]/v[0] of column 0 is a hedge ratio.
   */
  readonly eigenvectors: number[][];
  /** −T·Σ_{j ≥ r} ln(1 − λ_j): tests rank ≤ r against rank = n. */
  readonly traceStatistics: number[];
  /** −T·ln(1 − λ_r): tests rank = r against rank = r + 1. */
  readonly maxEigenStatistics: number[];
  /** Critical values per r (NaN beyond 12 series). */
  readonly criticalValues: { readonly trace: JohansenCriticalValues[]; readonly maxEigen: JohansenCriticalValues[] };
  /** Cointegration rank chosen at 5 % by the sequential trace and max-eigenvalue tests. */
  readonly rank: { readonly trace: number; readonly maxEigen: number };
  /** Observations in the reduced-rank regression. */
  readonly nobs: number;
}

/**
 * Johansen's cointegration rank test on a VECM, as statsmodels'
 * `coint_johansen`: the series are detrended to `detOrder`, the differences
 * and the lagged levels are purged of `kArDiff` lagged differences, and the
 * eigenvalues solve |λS₁₁ − S₁₀S₀₀⁻¹S₀₁| = 0. Rows of `observations` are
 * time steps, columns are series. As in statsmodels, levels enter at lag
 * `kArDiff` (the long-run form of the VECM) and with `detOrder` 1 the
 * differences are only demeaned.
 *
 * Linear algebra by ml-matrix: the eigenvalues are the squared canonical
 * correlations of the two residual sets, computed from their QR factors and
 * an SVD (never forming S₁₁, so ill-conditioned inputs lose half as many digits).
 * Throws `SingularMatrixError` for constant or collinear series,
 * `InsufficientDataError` for too few rows, `ValidationError` for ragged or
 * non-finite input.
 *
 * @example
 * ```ts
 * const rows = btcUsdt.map((p, t) => [Math.log(p), Math.log(btcUsdc[t])]);
 * const j = johansen(rows, { detOrder: 0, kArDiff: 1 });
 * console.log(j.traceStatistics[0], '>', j.criticalValues.trace[0]['95%'], '→ rank', j.rank.trace);
 * ```
 */
export function johansen(observations: readonly (readonly number[])[], options: JohansenOptions = {}): JohansenResult {
  const { detOrder, kArDiff } = parseWith(JohansenOptionsSchema, options, 'johansen() options');
  const { rows, columns } = checkShape(observations);
  if (rows - 1 - kArDiff < columns * (kArDiff + 1) + 2) {
    throw new InsufficientDataError('johansen', `${rows} rows are too few for ${columns} series and kArDiff ${kArDiff}`, {
      rows,
      columns,
      kArDiff,
    });
  }
  const levels = detrend(new Matrix(observations.map((r) => [...r])), detOrder);
  const f = detOrder > -1 ? 0 : -1;
  const diffs = difference(levels);
  const sample = diffs.rows - kArDiff;
  const lagged = new Matrix(sample, columns * kArDiff);
  for (let t = 0; t < sample; t++) {
    for (let lag = 1; lag <= kArDiff; lag++) {
      for (let c = 0; c < columns; c++) lagged.set(t, (lag - 1) * columns + c, diffs.get(t + kArDiff - lag, c));
    }
  }
  const z = detrend(lagged, f);
  const r0 = residualsOn(detrend(diffs.subMatrix(kArDiff, diffs.rows - 1, 0, columns - 1), f), z);
  const rk = residualsOn(detrend(levels.subMatrix(1, levels.rows - kArDiff - 1, 0, columns - 1), f), z);
  const T = rk.rows;
  // Squared canonical correlations of rk and r0 from their QR factors: with
  // rk = Q₁R₁ and r0 = Q₀R₀, S₁₁⁻¹S₁₀S₀₀⁻¹S₀₁ = R₁⁻¹(MMᵀ)R₁ where M = Q₁ᵀQ₀, so
  // λ are the squared singular values of M and v = √T·R₁⁻¹u. This never forms
  // S₁₁, whose condition number is the square of rk's (log prices of one
  // asset on three venues make it ~1e8).
  const qr1 = new QrDecomposition(rk);
  if (!numericallyFullRank(qr1, rk.rows)) throw new SingularMatrixError('johansen', 'S11 (levels moment matrix)');
  const qr0 = new QrDecomposition(r0);
  if (!numericallyFullRank(qr0, r0.rows)) throw new SingularMatrixError('johansen', 'S00 (differences moment matrix)');
  const svd = new SingularValueDecomposition(qr1.orthogonalMatrix.transpose().mmul(qr0.orthogonalMatrix), {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: false,
  });
  const order = svd.diagonal.map((value, index) => ({ value, index })).sort((p, q) => q.value - p.value);
  const vectors = solve(qr1.upperTriangularMatrix, svd.leftSingularVectors).mul(Math.sqrt(T));

  const eigenvalues = order.map((o) => Math.min(o.value * o.value, 1));
  const eigenvectors: number[][] = [];
  for (let r = 0; r < columns; r++) eigenvectors.push(new Array<number>(columns).fill(0));
  order.forEach(({ index }, col) => {
    const column = vectors.getColumn(index);
    const lead = column.find((v) => v !== 0) ?? 1;
    const sign = lead < 0 ? -1 : 1;
    for (let r = 0; r < columns; r++) (eigenvectors[r] as number[])[col] = sign * (column[r] as number);
  });

  const logs = eigenvalues.map((l) => Math.log(1 - l));
  const traceStatistics = eigenvalues.map((_, i) => -T * logs.slice(i).reduce((s, v) => s + v, 0));
  const maxEigenStatistics = logs.map((v) => -T * v);
  const key = String(detOrder) as '-1' | '0' | '1';
  const trace = eigenvalues.map((_, i) => critical(JOHANSEN_TRACE[key], columns - i));
  const maxEigen = eigenvalues.map((_, i) => critical(JOHANSEN_MAX_EIGEN[key], columns - i));
  return {
    eigenvalues,
    eigenvectors,
    traceStatistics,
    maxEigenStatistics,
    criticalValues: { trace, maxEigen },
    rank: { trace: sequentialRank(traceStatistics, trace), maxEigen: sequentialRank(maxEigenStatistics, maxEigen) },
    nobs: T,
  };
}

function checkShape(observations: readonly (readonly number[])[]): { rows: number; columns: number } {
  if (!Array.isArray(observations) || observations.length === 0) {
    throw new ValidationError('johansen observations', [
      { field: 'observations', value: observations, message: 'must be a non-empty array of rows' },
    ]);
  }
  const columns = observations[0]?.length ?? 0;
  if (columns < 1)
    throw new ValidationError('johansen observations', [
      { field: 'observations.0', value: columns, message: 'must have at least one series' },
    ]);
  observations.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== columns) {
      throw new ValidationError('johansen observations', [
        { field: `observations.${i}`, value: row?.length, message: `must have ${columns} values` },
      ]);
    }
    assertFiniteSeries(row, `observations.${i}`);
  });
  return { rows: observations.length, columns };
}

/** Residuals of each column on a polynomial time trend of `order` (−1: unchanged, 0: demeaned, 1: linear trend removed). */
function detrend(y: Matrix, order: number): Matrix {
  if (order < 0 || y.columns === 0) return y;
  const design = new Matrix(y.rows, order + 1);
  const mid = (y.rows - 1) / 2;
  for (let t = 0; t < y.rows; t++) {
    design.set(t, 0, 1);
    if (order >= 1) design.set(t, 1, t - mid);
  }
  return residualsOn(y, design);
}

/** y minus its least-squares projection on the columns of x (y itself when x has no columns). */
function residualsOn(y: Matrix, x: Matrix): Matrix {
  if (x.columns === 0) return y;
  const coefficients = solve(x, y);
  return y.clone().sub(x.mmul(coefficients));
}

/** Rank test on R's diagonal with numpy's matrix_rank tolerance: max|Rᵢᵢ|·max(m, n)·ε. */
function numericallyFullRank(qr: QrDecomposition, rows: number): boolean {
  const r = qr.upperTriangularMatrix;
  const diagonal = Array.from({ length: r.columns }, (_, i) => Math.abs(r.get(i, i)));
  const tolerance = Math.max(...diagonal) * Math.max(rows, r.columns) * Number.EPSILON;
  return diagonal.every((d) => d > tolerance);
}

function difference(m: Matrix): Matrix {
  const out = new Matrix(m.rows - 1, m.columns);
  for (let t = 1; t < m.rows; t++) for (let c = 0; c < m.columns; c++) out.set(t - 1, c, m.get(t, c) - m.get(t - 1, c));
  return out;
}

function critical(table: readonly (readonly [number, number, number])[], trends: number): JohansenCriticalValues {
  const row = table[trends - 1];
  if (row === undefined) return { '90%': Number.NaN, '95%': Number.NaN, '99%': Number.NaN };
  return { '90%': row[0], '95%': row[1], '99%': row[2] };
}

function sequentialRank(statistics: readonly number[], criticals: readonly JohansenCriticalValues[]): number {
  let rank = 0;
  while (rank < statistics.length && (statistics[rank] as number) > (criticals[rank] as JohansenCriticalValues)['95%']) rank++;
  return rank;
}
