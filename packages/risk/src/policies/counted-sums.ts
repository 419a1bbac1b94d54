/**
 * Running sums per key that return exactly to zero: each key counts its
 * contributions and is dropped when the last one is removed, so float
 * round-off from add/subtract never leaves phantom exposure behind.
 */
export class CountedSums {
  readonly #sums = new Map<string, { sum: number; count: number }>();

  get(key: string): number {
    return this.#sums.get(key)?.sum ?? 0;
  }

  add(key: string, value: number): void {
    const entry = this.#sums.get(key);
    if (entry === undefined) this.#sums.set(key, { sum: value, count: 1 });
    else {
      entry.sum += value;
      entry.count++;
    }
  }

  remove(key: string, value: number): void {
    const entry = this.#sums.get(key);
    if (entry === undefined) return;
    entry.count--;
    if (entry.count <= 0) this.#sums.delete(key);
    else entry.sum -= value;
  }

  /** Every non-empty key and its sum. */
  entries(): [string, number][] {
    return [...this.#sums].map(([key, { sum }]) => [key, sum]);
  }
}
