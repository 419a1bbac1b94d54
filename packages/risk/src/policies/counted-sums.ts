/**
 * Running sums per key that return exactly to zero: each key counts its
 * contributions and its sum is reset to 0 when the last one is removed, so
 * float round-off from add/subtract never leaves phantom exposure behind.
 * Keys (assets, venues) are few, so emptied entries are kept and reused
 * rather than deleted and re-created on every approval.
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
      entry.sum = entry.count === 0 ? value : entry.sum + value;
      entry.count++;
    }
  }

  remove(key: string, value: number): void {
    const entry = this.#sums.get(key);
    if (entry === undefined || entry.count === 0) return;
    entry.count--;
    entry.sum = entry.count === 0 ? 0 : entry.sum - value;
  }

  /** Every key with at least one contribution, and its sum. */
  entries(): [string, number][] {
    const out: [string, number][] = [];
    for (const [key, { sum, count }] of this.#sums) if (count > 0) out.push([key, sum]);
    return out;
  }
}

/**
 * One running sum with the same exact-return-to-zero rule as {@link CountedSums}
 * (for a single key, without the Map lookup).
 */
export class CountedSum {
  #sum = 0;
  #count = 0;

  get(): number {
    return this.#sum;
  }

  add(value: number): void {
    this.#sum = this.#count === 0 ? value : this.#sum + value;
    this.#count++;
  }

  remove(value: number): void {
    if (this.#count === 0) return;
    this.#count--;
    this.#sum = this.#count === 0 ? 0 : this.#sum - value;
  }
}
