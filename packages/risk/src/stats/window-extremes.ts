/**
 * Lowest and highest value seen within the last `windowMs` (by the times
 * pushed with each value), in amortized O(1): two monotonic queues, one
 * holding candidates for the minimum and one for the maximum.
 */
export class WindowExtremes {
  readonly #windowMs: number;
  readonly #minTimes: number[] = [];
  readonly #minValues: number[] = [];
  readonly #maxTimes: number[] = [];
  readonly #maxValues: number[] = [];
  #minHead = 0;
  #maxHead = 0;

  constructor(windowMs: number) {
    this.#windowMs = windowMs;
  }

  push(time: number, value: number): void {
    while (this.#minValues.length > this.#minHead && (this.#minValues[this.#minValues.length - 1] ?? 0) >= value) {
      this.#minValues.pop();
      this.#minTimes.pop();
    }
    this.#minValues.push(value);
    this.#minTimes.push(time);
    while (this.#maxValues.length > this.#maxHead && (this.#maxValues[this.#maxValues.length - 1] ?? 0) <= value) {
      this.#maxValues.pop();
      this.#maxTimes.pop();
    }
    this.#maxValues.push(value);
    this.#maxTimes.push(time);
    // Prune as values arrive too, so memory stays bounded by the window even when nobody asks.
    this.min(time);
    this.max(time);
    this.#compact();
  }

  /** Lowest value pushed at a time ≥ `now − windowMs`, `NaN` when none. */
  min(now: number): number {
    const cutoff = now - this.#windowMs;
    while (this.#minHead < this.#minTimes.length && (this.#minTimes[this.#minHead] ?? 0) < cutoff) this.#minHead++;
    return this.#minValues[this.#minHead] ?? Number.NaN;
  }

  /** Highest value pushed at a time ≥ `now − windowMs`, `NaN` when none. */
  max(now: number): number {
    const cutoff = now - this.#windowMs;
    while (this.#maxHead < this.#maxTimes.length && (this.#maxTimes[this.#maxHead] ?? 0) < cutoff) this.#maxHead++;
    return this.#maxValues[this.#maxHead] ?? Number.NaN;
  }

  #compact(): void {
    if (this.#minHead > 256 && this.#minHead * 2 > this.#minTimes.length) {
      this.#minTimes.splice(0, this.#minHead);
      this.#minValues.splice(0, this.#minHead);
      this.#minHead = 0;
    }
    if (this.#maxHead > 256 && this.#maxHead * 2 > this.#maxTimes.length) {
      this.#maxTimes.splice(0, this.#maxHead);
      this.#maxValues.splice(0, this.#maxHead);
      this.#maxHead = 0;
    }
  }
}
