/**
 * Mean and sample standard deviation of the last `capacity` values, in O(1)
 * per value. The running sums are recomputed from the ring every
 * `capacity` pushes so float drift cannot accumulate.
 */
export class RollingMoments {
  readonly #values: Float64Array;
  #count = 0;
  #next = 0;
  #sum = 0;
  #sumSquares = 0;
  #sinceRefresh = 0;

  constructor(capacity: number) {
    this.#values = new Float64Array(capacity);
  }

  /** Number of values held (at most the capacity). */
  get count(): number {
    return this.#count;
  }

  push(value: number): void {
    const capacity = this.#values.length;
    if (this.#count === capacity) {
      const old = this.#values[this.#next] ?? 0;
      this.#sum -= old;
      this.#sumSquares -= old * old;
    } else {
      this.#count++;
    }
    this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % capacity;
    this.#sum += value;
    this.#sumSquares += value * value;
    if (++this.#sinceRefresh >= capacity) this.#refresh();
  }

  get mean(): number {
    return this.#count === 0 ? Number.NaN : this.#sum / this.#count;
  }

  /** Sample standard deviation (n − 1); `NaN` with fewer than two values. */
  get std(): number {
    const n = this.#count;
    if (n < 2) return Number.NaN;
    const variance = (this.#sumSquares - (this.#sum * this.#sum) / n) / (n - 1);
    return Math.sqrt(Math.max(0, variance));
  }

  #refresh(): void {
    this.#sinceRefresh = 0;
    let sum = 0;
    let sumSquares = 0;
    const capacity = this.#values.length;
    for (let k = 0; k < this.#count; k++) {
      const v = this.#values[(this.#next - 1 - k + capacity) % capacity] ?? 0;
      sum += v;
      sumSquares += v * v;
    }
    this.#sum = sum;
    this.#sumSquares = sumSquares;
  }
}
