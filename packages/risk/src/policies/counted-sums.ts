/**
 * One running sum that returns exactly to zero: it counts its contributions
 * and resets to 0 when the last one is removed, so float round-off from
 * add/subtract never leaves phantom exposure behind.
 */
export class CountedSum {
  #sum = 0;
  #count = 0;

  get(): number {
    return this.#sum;
  }

  /** Contributions currently counted. */
  get count(): number {
    return this.#count;
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

/**
 * A {@link CountedSum} per key (asset, venue). Keys are few, so a key's sum
 * is kept once created: callers hold on to the {@link CountedSum} that
 * `slot` returns (e.g. inside a reservation) and release into it later
 * without looking the key up again.
 */
export class CountedSums {
  readonly #sums = new Map<string, CountedSum>();

  get(key: string): number {
    return this.#sums.get(key)?.get() ?? 0;
  }

  /** The running sum of `key`, created empty on first use. */
  slot(key: string): CountedSum {
    let sum = this.#sums.get(key);
    if (sum === undefined) {
      sum = new CountedSum();
      this.#sums.set(key, sum);
    }
    return sum;
  }

  /** Every key with at least one contribution, and its sum. */
  entries(): [string, number][] {
    const out: [string, number][] = [];
    for (const [key, sum] of this.#sums) if (sum.count > 0) out.push([key, sum.get()]);
    return out;
  }
}
