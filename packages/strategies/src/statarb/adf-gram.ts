import { NeumaierSum } from '../indicators/neumaier-sum';
import type { MackinnonRegression } from './mackinnon-tables';

/** A column of the ADF regression: `trend`, `level` (x_{t−1}), or the lag-`j` difference Δx_{t−j} (j = 0 is the regressand). */
export type AdfColumn = 'trend' | 'level' | number;

/**
 * Cross products of the columns of an ADF regression with `lags` lagged
 * differences, over the sample statsmodels uses (the first `lags` + 1
 * observations are consumed by differencing and lagging). With a constant
 * in the model every column is centred on its sample mean, which keeps the
 * Gram matrix well conditioned (a log price of ~10 is otherwise nearly
 * collinear with the constant); the constant itself is then implicit.
 *
 * Cost O(nobs·lags): the difference×difference block is built from the
 * first row by the sliding identity
 * Σ_t Δ_{t−i}Δ_{t−j} = Σ_t Δ_{t−i+1}Δ_{t−j+1} + (edge terms).
 *
 * @example
 * ```ts
 * const g = new AdfGram(logPrices, 2, 'c');
 * g.matrix(['level', 1, 2, 0]); // 4×4 centred cross products, regressand last
 * ```
 */
export class AdfGram {
  /** Observations in the regression. */
  readonly nobs: number;
  private readonly centred: boolean;
  /** Raw cross products of the differences, dd[i][j] for 0 ≤ i ≤ j ≤ lags. */
  private readonly dd: Float64Array[];
  private readonly dSum: Float64Array;
  private readonly levelDiff: Float64Array;
  private readonly trendDiff: Float64Array;
  private readonly levelSum: number;
  private readonly levelSquares: number;
  private readonly trendSquares: number;
  private readonly trendLevel: number;

  constructor(x: readonly number[], lags: number, regression: MackinnonRegression) {
    const n = x.length;
    const t0 = lags;
    const t1 = n - 2;
    const nobs = t1 - t0 + 1;
    this.nobs = nobs;
    this.centred = regression !== 'n';
    const withTrend = regression === 'ct';

    // Differences, shifted by their overall mean when a constant absorbs the shift.
    const diff = new Float64Array(n - 1);
    for (let t = 0; t < n - 1; t++) diff[t] = (x[t + 1] as number) - (x[t] as number);
    if (this.centred) {
      const sum = new NeumaierSum();
      for (let t = 0; t < n - 1; t++) sum.add(diff[t] as number);
      const shift = sum.value / (n - 1);
      for (let t = 0; t < n - 1; t++) diff[t] = (diff[t] as number) - shift;
    }

    // Level x_t for Δ_t = x_{t+1} − x_t, centred exactly (two-pass) when there is a constant.
    let levelMean = 0;
    if (this.centred) {
      const sum = new NeumaierSum();
      for (let t = t0; t <= t1; t++) sum.add(x[t] as number);
      levelMean = sum.value / nobs;
      const residual = new NeumaierSum();
      for (let t = t0; t <= t1; t++) residual.add((x[t] as number) - levelMean);
      levelMean += residual.value / nobs;
    }
    const level = new Float64Array(nobs);
    for (let i = 0; i < nobs; i++) level[i] = (x[t0 + i] as number) - levelMean;
    const trendMean = (nobs - 1) / 2;

    // First row of the difference block, the level and trend rows: one pass per lag.
    // (Plain loops over typed arrays: this is the hot path of scanPairs.)
    const first = new Float64Array(lags + 1);
    this.levelDiff = new Float64Array(lags + 1);
    this.trendDiff = new Float64Array(lags + 1);
    for (let j = 0; j <= lags; j++) {
      let dd = 0;
      let ld = 0;
      const lagged = t0 - j;
      for (let i = 0; i < nobs; i++) {
        const dj = diff[lagged + i] as number;
        dd += (diff[t0 + i] as number) * dj;
        ld += (level[i] as number) * dj;
      }
      first[j] = dd;
      this.levelDiff[j] = ld;
      if (!withTrend) continue;
      let td = 0;
      for (let i = 0; i < nobs; i++) td += (i - trendMean) * (diff[lagged + i] as number);
      this.trendDiff[j] = td;
    }
    this.dd = [first];
    for (let i = 1; i <= lags; i++) {
      const row = new Float64Array(lags + 1);
      const above = this.dd[i - 1] as Float64Array;
      const headI = diff[t0 - i] as number;
      const tailI = diff[t1 - i + 1] as number;
      for (let j = i; j <= lags; j++) {
        row[j] = (above[j - 1] as number) + headI * (diff[t0 - j] as number) - tailI * (diff[t1 - j + 1] as number);
      }
      this.dd.push(row);
    }
    this.dSum = new Float64Array(lags + 1);
    let s0 = 0;
    for (let t = t0; t <= t1; t++) s0 += diff[t] as number;
    this.dSum[0] = s0;
    for (let j = 1; j <= lags; j++) this.dSum[j] = (this.dSum[j - 1] as number) + (diff[t0 - j] as number) - (diff[t1 - j + 1] as number);

    let levelSum = 0;
    let levelSquares = 0;
    let trendSquares = 0;
    let trendLevel = 0;
    for (let i = 0; i < nobs; i++) {
      const l = level[i] as number;
      const tr = i - trendMean;
      levelSum += l;
      levelSquares += l * l;
      trendSquares += tr * tr;
      trendLevel += tr * l;
    }
    this.levelSum = levelSum;
    this.levelSquares = levelSquares;
    this.trendSquares = trendSquares;
    this.trendLevel = trendLevel;
  }

  /** The Gram matrix of `columns` (in that order), centred when the model has a constant. */
  matrix(columns: readonly AdfColumn[]): number[][] {
    const size = columns.length;
    const out: number[][] = [];
    for (let a = 0; a < size; a++) out.push(new Array<number>(size).fill(0));
    for (let a = 0; a < size; a++) {
      for (let b = a; b < size; b++) {
        const v = this.entry(columns[a] as AdfColumn, columns[b] as AdfColumn);
        (out[a] as number[])[b] = v;
        (out[b] as number[])[a] = v;
      }
    }
    return out;
  }

  private entry(a: AdfColumn, b: AdfColumn): number {
    if (typeof a === 'number' && typeof b === 'number') {
      const i = Math.min(a, b);
      const j = Math.max(a, b);
      const raw = (this.dd[i] as Float64Array)[j] as number;
      return this.centred ? raw - ((this.dSum[i] as number) * (this.dSum[j] as number)) / this.nobs : raw;
    }
    if (typeof a === 'number') return this.entry(b, a);
    if (a === 'trend') {
      // The centred trend sums to exactly 0, so no mean correction is needed.
      if (b === 'trend') return this.trendSquares;
      if (b === 'level') return this.trendLevel;
      return this.trendDiff[b] as number;
    }
    if (b === 'trend') return this.trendLevel;
    if (b === 'level') return this.centred ? this.levelSquares - (this.levelSum * this.levelSum) / this.nobs : this.levelSquares;
    const raw = this.levelDiff[b] as number;
    return this.centred ? raw - (this.levelSum * (this.dSum[b] as number)) / this.nobs : raw;
  }
}
