import type { Level } from '../model/book';

/**
 * Read access to one side of a book as parallel typed arrays. Levels are
 * stored by **key** (`sign * price`: bids `+price`, asks `-price`) in
 * ascending order, so both sides share one search and one walk, and the best
 * level of either side is the LAST one (`keys[length - 1]`). Updates cluster
 * near the touch, so keeping the touch at the end means an insert or a delete
 * there moves only the few levels behind it.
 */
export interface SideLevels {
  /** `+1` for bids, `-1` for asks: `price = sign * key`. */
  readonly sign: 1 | -1;
  /** `sign * price` of each level, strictly ascending over `[0, length)`. */
  readonly keys: Float64Array;
  /** Amount of each level, all `> 0` over `[0, length)`. */
  readonly amounts: Float64Array;
  /** Number of levels in use; slots past it are spare capacity. */
  readonly length: number;
}

const INITIAL_CAPACITY = 64;

/**
 * One mutable side of an L2 book (see {@link SideLevels} for the layout).
 * Internal to the book: callers validate prices and amounts before `set`.
 */
export class BookSide implements SideLevels {
  readonly sign: 1 | -1;
  keys: Float64Array;
  amounts: Float64Array;
  length: number;

  constructor(
    sign: 1 | -1,
    keys: Float64Array = new Float64Array(INITIAL_CAPACITY),
    amounts: Float64Array = new Float64Array(INITIAL_CAPACITY),
    length = 0,
  ) {
    this.sign = sign;
    this.keys = keys;
    this.amounts = amounts;
    this.length = length;
  }

  /** Sets the absolute amount at `price`; an amount of 0 removes the level (a missing one is fine). */
  set(price: number, amount: number): void {
    const key = this.sign * price;
    const n = this.length;
    const keys = this.keys;
    const at = lowerBoundFromTop(keys, n, key);
    if (at < n && keys[at] === key) {
      if (amount === 0) this.removeAt(at);
      else this.amounts[at] = amount;
    } else if (amount !== 0) {
      this.insertAt(at, key, amount);
    }
  }

  /** Price of the level `rank` places from the best (0 = best); `NaN` out of range. */
  priceAt(rank: number): number {
    const i = this.length - 1 - rank;
    return i >= 0 && i < this.length ? this.sign * (this.keys[i] as number) : Number.NaN;
  }

  /** Amount of the level `rank` places from the best; `NaN` out of range. */
  amountAt(rank: number): number {
    const i = this.length - 1 - rank;
    return i >= 0 && i < this.length ? (this.amounts[i] as number) : Number.NaN;
  }

  /** Best price, `undefined` when the side is empty. */
  best(): number | undefined {
    return this.length === 0 ? undefined : this.sign * (this.keys[this.length - 1] as number);
  }

  /** The best `n` levels (all when omitted), best first, as fresh tuples. */
  levels(n?: number): [price: number, amount: number][] {
    // A negative or NaN `n` asks for nothing.
    const count = n === undefined ? this.length : n >= 0 ? Math.min(Math.floor(n), this.length) : 0;
    const out: [price: number, amount: number][] = new Array(count);
    for (let rank = 0; rank < count; rank++) {
      const i = this.length - 1 - rank;
      out[rank] = [this.sign * (this.keys[i] as number), this.amounts[i] as number];
    }
    return out;
  }

  /** Removes every level (keeps the allocated capacity). */
  clear(): void {
    this.length = 0;
  }

  /**
   * Replaces the content with `levels` (already validated: price > 0,
   * amount ≥ 0). Zero amounts are skipped; for a repeated price the last
   * occurrence wins. Input in the usual best-first order loads in one pass.
   */
  load(levels: readonly Level[]): void {
    const n = levels.length;
    this.length = 0;
    this.ensureCapacity(n);
    if (this.loadBestFirst(levels)) return;
    // Unordered or repeated prices: sort positions by key, stable, so the last
    // occurrence of a price is the last of its run.
    const order = Array.from({ length: n }, (_, i) => i);
    const sign = this.sign;
    const keyOf = (i: number): number => sign * (levels[i] as Level)[0];
    order.sort((a, b) => keyOf(a) - keyOf(b) || a - b);
    let length = 0;
    for (let j = 0; j < n; j++) {
      const i = order[j] as number;
      const next = order[j + 1];
      if (next !== undefined && keyOf(next) === keyOf(i)) continue;
      const amount = (levels[i] as Level)[1];
      if (amount === 0) continue;
      this.keys[length] = keyOf(i);
      this.amounts[length] = amount;
      length++;
    }
    this.length = length;
  }

  /**
   * An independent copy of the best `count` levels (≤ length), stored in
   * `storage[offset, offset + 2 * count)`, for immutable views. The caller
   * owns `storage` and never writes it again.
   */
  copyTop(count: number, storage: Float64Array, offset: number): BookSide {
    const from = this.length - count;
    const keys = storage.subarray(offset, offset + count);
    const amounts = storage.subarray(offset + count, offset + 2 * count);
    if (count <= SMALL_COPY) {
      for (let i = 0; i < count; i++) {
        keys[i] = this.keys[from + i] as number;
        amounts[i] = this.amounts[from + i] as number;
      }
    } else {
      keys.set(this.keys.subarray(from, this.length));
      amounts.set(this.amounts.subarray(from, this.length));
    }
    return new BookSide(this.sign, keys, amounts, count);
  }

  private loadBestFirst(levels: readonly Level[]): boolean {
    const n = levels.length;
    let previous = Number.POSITIVE_INFINITY;
    let length = 0;
    // Best first means keys strictly descending; fill from the end backwards.
    for (let i = 0; i < n; i++) {
      const level = levels[i] as Level;
      const key = this.sign * level[0];
      if (!(key < previous)) return false;
      previous = key;
      if (level[1] !== 0) length++;
    }
    let at = length;
    for (let i = 0; i < n; i++) {
      const level = levels[i] as Level;
      if (level[1] === 0) continue;
      at--;
      this.keys[at] = this.sign * level[0];
      this.amounts[at] = level[1];
    }
    this.length = length;
    return true;
  }

  private insertAt(at: number, key: number, amount: number): void {
    const n = this.length;
    this.ensureCapacity(n + 1);
    const keys = this.keys;
    const amounts = this.amounts;
    if (n - at <= SMALL_MOVE) {
      for (let i = n; i > at; i--) {
        keys[i] = keys[i - 1] as number;
        amounts[i] = amounts[i - 1] as number;
      }
    } else {
      keys.copyWithin(at + 1, at, n);
      amounts.copyWithin(at + 1, at, n);
    }
    keys[at] = key;
    amounts[at] = amount;
    this.length = n + 1;
  }

  private removeAt(at: number): void {
    const n = this.length;
    const keys = this.keys;
    const amounts = this.amounts;
    if (n - at <= SMALL_MOVE) {
      for (let i = at + 1; i < n; i++) {
        keys[i - 1] = keys[i] as number;
        amounts[i - 1] = amounts[i] as number;
      }
    } else {
      keys.copyWithin(at, at + 1, n);
      amounts.copyWithin(at, at + 1, n);
    }
    this.length = n - 1;
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.keys.length) return;
    // Doubling keeps growth amortized O(1) per level.
    let capacity = Math.max(INITIAL_CAPACITY, this.keys.length * 2);
    while (capacity < needed) capacity *= 2;
    const keys = new Float64Array(capacity);
    const amounts = new Float64Array(capacity);
    keys.set(this.keys.subarray(0, this.length));
    amounts.set(this.amounts.subarray(0, this.length));
    this.keys = keys;
    this.amounts = amounts;
  }
}

/** Below this many moved slots a plain loop beats the `copyWithin` call overhead. */
const SMALL_MOVE = 16;
/** Below this many copied levels a plain loop beats creating `subarray`s for `set`. */
const SMALL_COPY = 32;

/**
 * Index of the first key `>= key` in the ascending `keys[0, n)` (`n` when
 * none). Gallops down from the top (the touch) before bisecting, so a price
 * `d` levels from the best costs O(log d) comparisons instead of O(log n).
 */
export function lowerBoundFromTop(keys: Float64Array, n: number, key: number): number {
  let hi = n; // every index >= hi holds a key >= key
  let probe = n - 1;
  let step = 1;
  while (probe >= 0 && (keys[probe] as number) >= key) {
    hi = probe;
    probe = hi - step;
    step <<= 1;
  }
  let lo = probe < 0 ? 0 : probe + 1; // keys[probe] < key, so the answer is above it
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as number) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
