/**
 * The Cholesky factor L (lower triangular, `A = L Lᵀ`) of a symmetric
 * positive-definite matrix given as rows; `undefined` when A is not
 * positive definite (a pivot ≤ 0).
 */
export function cholesky(a: readonly (readonly number[])[]): number[][] | undefined {
  const n = a.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    const li = l[i] as number[];
    for (let j = 0; j <= i; j++) {
      const lj = l[j] as number[];
      let sum = (a[i] as readonly number[])[j] as number;
      for (let k = 0; k < j; k++) sum -= (li[k] as number) * (lj[k] as number);
      if (i === j) {
        if (!(sum > 0)) return undefined;
        li[i] = Math.sqrt(sum);
      } else li[j] = sum / (lj[j] as number);
    }
  }
  return l;
}

/** Solves `L x = b` for lower-triangular L (forward substitution). */
export function solveLower(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const x = new Array<number>(b.length).fill(0);
  for (let i = 0; i < b.length; i++) {
    const row = l[i] as readonly number[];
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (row[k] as number) * (x[k] as number);
    x[i] = sum / (row[i] as number);
  }
  return x;
}

/** Solves `Lᵀ x = b` for lower-triangular L (back substitution). */
export function solveUpperTransposed(l: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i] as number;
    for (let k = i + 1; k < n; k++) sum -= ((l[k] as readonly number[])[i] as number) * (x[k] as number);
    x[i] = sum / ((l[i] as readonly number[])[i] as number);
  }
  return x;
}
