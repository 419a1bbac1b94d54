/**
 * A running sum with Neumaier's compensation: the rounding error of every
 * addition is captured and added back, so adding and later subtracting
 * millions of terms keeps the sum within a few ulps of the exact value
 * instead of drifting like a naive `sum += x`.
 *
 * @example
 * ```ts
 * const s = new NeumaierSum();
 * s.add(1e16); s.add(1); s.add(-1e16);
 * s.value; // 1 (a naive sum gives 0)
 * ```
 */
export class NeumaierSum {
  private sum = 0;
  private compensation = 0;

  /** Adds `x` (subtract by adding `-x`). */
  add(x: number): void {
    const t = this.sum + x;
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  /**
   * Adds another compensated sum times `sign` (±1) without first rounding it
   * to one double, so no error enters (a WMA subtracts its plain window sum
   * from its weighted one this way).
   */
  addSum(other: NeumaierSum, sign: 1 | -1): void {
    this.add(sign * other.sum);
    this.add(sign * other.compensation);
  }

  /** The compensated total. */
  get value(): number {
    return this.sum + this.compensation;
  }

  /** Back to zero. */
  reset(): void {
    this.sum = 0;
    this.compensation = 0;
  }
}
