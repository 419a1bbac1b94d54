/**
 * A fixed-capacity FIFO of numbers on a `Float64Array`: the window of a
 * rolling indicator. `push` returns the value it evicts once full, so states
 * can update their aggregates in O(1).
 *
 * @example
 * ```ts
 * const w = new RingBuffer(2);
 * w.push(1); w.push(2);
 * w.push(3); // returns 1 (evicted)
 * w.toArray(); // [2, 3]
 * ```
 */
export class RingBuffer {
  private readonly data: Float64Array;
  private start = 0;
  private size = 0;

  constructor(readonly capacity: number) {
    this.data = new Float64Array(capacity);
  }

  /** Number of values held (≤ capacity). */
  get length(): number {
    return this.size;
  }

  /** `true` when `capacity` values are held. */
  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Appends `x`; returns the evicted oldest value when full, else `undefined`. */
  push(x: number): number | undefined {
    if (this.size < this.capacity) {
      this.data[this.slot(this.size)] = x;
      this.size++;
      return undefined;
    }
    const evicted = this.data[this.start] as number;
    this.data[this.start] = x;
    this.start = this.start + 1 === this.capacity ? 0 : this.start + 1;
    return evicted;
  }

  /** The `i`-th value, oldest first (0 ≤ i < length). */
  at(i: number): number {
    return this.data[this.slot(i)] as number;
  }

  // A compare instead of `%`: the hot path of every window indicator.
  private slot(i: number): number {
    const j = this.start + i;
    return j >= this.capacity ? j - this.capacity : j;
  }

  /** The oldest value (the next to be evicted); `undefined` when empty. */
  get oldest(): number | undefined {
    return this.size === 0 ? undefined : this.data[this.start];
  }

  /** Copy of the contents, oldest first. */
  toArray(): number[] {
    const out = new Array<number>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.at(i);
    return out;
  }

  /** Empties the buffer. */
  clear(): void {
    this.start = 0;
    this.size = 0;
  }
}
