/**
 * Lower-triangular L with L·Lᵀ = A for a symmetric positive semi-definite A.
 * A pivot that is zero up to round-off (perfectly correlated or constant
 * series) gives a zero column instead of failing, which is still a valid
 * factor of a semi-definite matrix.
 */
export function cholesky(matrix: readonly (readonly number[])[]): number[][] {
  const n = matrix.length;
  const lower = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const rowJ = lower[j] ?? [];
    let diagonal = matrix[j]?.[j] ?? 0;
    for (let k = 0; k < j; k++) diagonal -= (rowJ[k] ?? 0) ** 2;
    const scale = Math.abs(matrix[j]?.[j] ?? 0);
    const pivot = diagonal > 1e-14 * Math.max(scale, Number.MIN_VALUE) ? Math.sqrt(diagonal) : 0;
    rowJ[j] = pivot;
    for (let i = j + 1; i < n; i++) {
      const rowI = lower[i] ?? [];
      let acc = matrix[i]?.[j] ?? 0;
      for (let k = 0; k < j; k++) acc -= (rowI[k] ?? 0) * (rowJ[k] ?? 0);
      rowI[j] = pivot === 0 ? 0 : acc / pivot;
    }
  }
  return lower;
}
