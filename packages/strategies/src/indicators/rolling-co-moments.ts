import { NeumaierSum } from './neumaier-sum';
import { RingBuffer } from './ring-buffer';

const COLLAPSE_RATIO = 1e-3;
const FLAT_ULPS = 16;

/**
 * Means and population (co)variances of the last `period` (x, y) pairs, in
 * O(1) amortized per pair: the bivariate form of {@link RollingMoments}
 * (Welford's update to fill, the exact replace-one update to slide, and an
 * exact compensated recomputation every `period` slides or when a sum of
 * squares collapses). The basis of {@link rollingOLS} and pairs z-scores.
 *
 * @example
 * ```ts
 * const c = new RollingCoMoments(3);
 * [[1, 2], [2, 4], [3, 6]].forEach(([x, y]) => c.push(x, y));
 * c.covariance / c.varianceX; // 2 (y = 2x)
 * ```
 */
export class RollingCoMoments {
  private readonly xs: RingBuffer;
  private readonly ys: RingBuffer;
  private mx = 0;
  private my = 0;
  private cxx = 0;
  private cyy = 0;
  private cxy = 0;
  private peakXX = 0;
  private peakYY = 0;
  private slidesSinceRefresh = 0;

  constructor(readonly period: number) {
    this.xs = new RingBuffer(period);
    this.ys = new RingBuffer(period);
  }

  /** Number of pairs in the window. */
  get count(): number {
    return this.xs.length;
  }

  /** `true` once `period` pairs are held. */
  get full(): boolean {
    return this.xs.full;
  }

  /** Mean of x. */
  get meanX(): number {
    return this.mx;
  }

  /** Mean of y. */
  get meanY(): number {
    return this.my;
  }

  /** Sum of squared deviations of x (n × population variance). */
  get sxx(): number {
    return Math.max(0, this.cxx);
  }

  /** Sum of squared deviations of y. */
  get syy(): number {
    return Math.max(0, this.cyy);
  }

  /** Sum of cross deviations Σ(x − x̄)(y − ȳ). */
  get sxy(): number {
    return this.cxy;
  }

  /** Population variance of x. */
  get varianceX(): number {
    return this.count === 0 ? 0 : this.sxx / this.count;
  }

  /** Population variance of y. */
  get varianceY(): number {
    return this.count === 0 ? 0 : this.syy / this.count;
  }

  /** Population covariance of x and y. */
  get covariance(): number {
    return this.count === 0 ? 0 : this.cxy / this.count;
  }

  /** `true` when x does not vary within rounding noise (no slope can be fitted). */
  get flatX(): boolean {
    return isFlat(this.sxx, this.count, this.mx);
  }

  /** `true` when y does not vary within rounding noise. */
  get flatY(): boolean {
    return isFlat(this.syy, this.count, this.my);
  }

  /** Adds a pair, evicting the oldest once the window is full. */
  push(x: number, y: number): void {
    const ex = this.xs.push(x);
    const ey = this.ys.push(y);
    if (ex === undefined || ey === undefined) {
      const n = this.xs.length;
      const dx = x - this.mx;
      const dy = y - this.my;
      this.mx += dx / n;
      this.my += dy / n;
      this.cxx += dx * (x - this.mx);
      this.cyy += dy * (y - this.my);
      this.cxy += dx * (y - this.my);
    } else {
      const n = this.period;
      const dx = x - ex;
      const dy = y - ey;
      const mxNew = this.mx + dx / n;
      const myNew = this.my + dy / n;
      // Replace-one updates: S' = S + dx·(old_y − ȳ) + dy·(new_x − x̄'), the
      // bivariate form of Welford's sliding update (exact in real arithmetic).
      this.cxx += dx * (ex - this.mx) + dx * (x - mxNew);
      this.cyy += dy * (ey - this.my) + dy * (y - myNew);
      this.cxy += dx * (ey - this.my) + dy * (x - mxNew);
      this.mx = mxNew;
      this.my = myNew;
      this.slidesSinceRefresh++;
      if (this.slidesSinceRefresh >= n || this.cxx < COLLAPSE_RATIO * this.peakXX || this.cyy < COLLAPSE_RATIO * this.peakYY) {
        this.refresh();
        return;
      }
    }
    if (this.cxx > this.peakXX) this.peakXX = this.cxx;
    if (this.cyy > this.peakYY) this.peakYY = this.cyy;
  }

  /** Empties the window. */
  reset(): void {
    this.xs.clear();
    this.ys.clear();
    this.mx = 0;
    this.my = 0;
    this.cxx = 0;
    this.cyy = 0;
    this.cxy = 0;
    this.peakXX = 0;
    this.peakYY = 0;
    this.slidesSinceRefresh = 0;
  }

  private refresh(): void {
    const n = this.xs.length;
    const sx = new NeumaierSum();
    const sy = new NeumaierSum();
    for (let i = 0; i < n; i++) {
      sx.add(this.xs.at(i));
      sy.add(this.ys.at(i));
    }
    let mx = sx.value / n;
    let my = sy.value / n;
    const rx = new NeumaierSum();
    const ry = new NeumaierSum();
    const xx = new NeumaierSum();
    const yy = new NeumaierSum();
    const xy = new NeumaierSum();
    for (let i = 0; i < n; i++) {
      const dx = this.xs.at(i) - mx;
      const dy = this.ys.at(i) - my;
      rx.add(dx);
      ry.add(dy);
      xx.add(dx * dx);
      yy.add(dy * dy);
      xy.add(dx * dy);
    }
    const cx = rx.value;
    const cy = ry.value;
    mx += cx / n;
    my += cy / n;
    this.mx = mx;
    this.my = my;
    this.cxx = Math.max(0, xx.value - (cx * cx) / n);
    this.cyy = Math.max(0, yy.value - (cy * cy) / n);
    this.cxy = xy.value - (cx * cy) / n;
    this.peakXX = this.cxx;
    this.peakYY = this.cyy;
    this.slidesSinceRefresh = 0;
  }
}

function isFlat(sumSquares: number, count: number, mean: number): boolean {
  if (count === 0 || sumSquares <= 0) return true;
  return Math.sqrt(sumSquares / count) <= FLAT_ULPS * Number.EPSILON * Math.abs(mean);
}
