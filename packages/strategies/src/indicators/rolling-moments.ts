import { NeumaierSum } from './neumaier-sum';
import { RingBuffer } from './ring-buffer';

/**
 * Ratio below which a sum of squared deviations is considered to have
 * collapsed from its peak; the cancellation error of the sliding update is
 * then too large relative to what is left, so the window is recomputed.
 */
const COLLAPSE_RATIO = 1e-3;

/** Standard deviations below this many ulps of the mean are rounding noise of a flat window. */
const FLAT_ULPS = 16;

/**
 * Mean and population variance of the last `period` numbers, in O(1)
 * amortized per value. Values enter with Welford's update and the window
 * slides with the exact replace-one update of the sum of squared deviations
 * (no Σx² − (Σx)²/n cancellation). To stop rounding from accumulating over
 * millions of updates, both are recomputed exactly (compensated two-pass
 * over the ring buffer) every `period` slides, and sooner when the sum of
 * squares collapses by 1000× (a window turning flat), so the cost stays
 * O(1) amortized and the error stays a few ulps of a fresh computation.
 *
 * @example
 * ```ts
 * const m = new RollingMoments(3);
 * [2, 4, 6, 8].forEach((x) => m.push(x));
 * m.mean;     // 6 (window 4, 6, 8)
 * m.variance; // 8/3: ((−2)² + 0² + 2²) / 3
 * ```
 */
export class RollingMoments {
  private readonly window: RingBuffer;
  private meanValue = 0;
  private m2 = 0;
  private m2Peak = 0;
  private slidesSinceRefresh = 0;

  constructor(readonly period: number) {
    this.window = new RingBuffer(period);
  }

  /** Number of values in the window (≤ period). */
  get count(): number {
    return this.window.length;
  }

  /** `true` once `period` values are held. */
  get full(): boolean {
    return this.window.full;
  }

  /** Mean of the window. */
  get mean(): number {
    return this.meanValue;
  }

  /** Population variance of the window (divides by the count), never negative. */
  get variance(): number {
    const n = this.window.length;
    return n === 0 || this.m2 <= 0 ? 0 : this.m2 / n;
  }

  /**
   * Population standard deviation of the window; exactly 0 for a flat
   * window (where a fresh computation can leave a residue of an ulp or two).
   */
  get stddev(): number {
    const sd = Math.sqrt(this.variance);
    return sd <= FLAT_ULPS * Number.EPSILON * Math.abs(this.meanValue) ? 0 : sd;
  }

  /** The window contents, oldest first. */
  values(): number[] {
    return this.window.toArray();
  }

  /** Adds `x`, evicting the oldest value once the window is full. */
  push(x: number): void {
    const evicted = this.window.push(x);
    if (evicted === undefined) {
      const delta = x - this.meanValue;
      this.meanValue += delta / this.window.length;
      this.m2 += delta * (x - this.meanValue);
    } else {
      const oldMean = this.meanValue;
      const dx = x - evicted;
      const newMean = oldMean + dx / this.period;
      this.m2 += dx * (x - newMean + evicted - oldMean);
      this.meanValue = newMean;
      this.slidesSinceRefresh++;
      if (this.slidesSinceRefresh >= this.period || this.m2 < COLLAPSE_RATIO * this.m2Peak) {
        this.refresh();
        return;
      }
    }
    if (this.m2 > this.m2Peak) this.m2Peak = this.m2;
  }

  /** Empties the window. */
  reset(): void {
    this.window.clear();
    this.meanValue = 0;
    this.m2 = 0;
    this.m2Peak = 0;
    this.slidesSinceRefresh = 0;
  }

  private refresh(): void {
    const n = this.window.length;
    const sum = new NeumaierSum();
    for (let i = 0; i < n; i++) sum.add(this.window.at(i));
    let mean = sum.value / n;
    // Corrected two-pass: the mean's own rounding is removed by the residual sum.
    const residual = new NeumaierSum();
    const squares = new NeumaierSum();
    for (let i = 0; i < n; i++) {
      const d = this.window.at(i) - mean;
      residual.add(d);
      squares.add(d * d);
    }
    const r = residual.value;
    mean += r / n;
    this.meanValue = mean;
    this.m2 = Math.max(0, squares.value - (r * r) / n);
    this.m2Peak = this.m2;
    this.slidesSinceRefresh = 0;
  }
}
