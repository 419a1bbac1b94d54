const BITS = 5;
const WIDTH = 1 << BITS;
const MASK = WIDTH - 1;

/** A trie node: children on inner levels, values on the leaf level. Never changed once built. */
type TrieNode = readonly unknown[];

/**
 * An immutable indexed sequence with structural sharing: a 32-way trie where
 * `set` copies only the path to one leaf (⌈log32 n⌉ arrays of ≤ 32 slots), so
 * an update of a 2,000-element vector copies 3 small arrays instead of the
 * whole thing, and every earlier vector stays valid and unchanged. Internal to
 * core (the `BookSet` behind `books()`); not exported from the package.
 */
export class PersistentVector<T> {
  /** Number of elements. */
  readonly length: number;
  private readonly root: TrieNode;
  /** Index bits consumed above the leaf level: 0 while the root is a leaf. */
  private readonly shift: number;

  private constructor(root: TrieNode, shift: number, length: number) {
    this.root = root;
    this.shift = shift;
    this.length = length;
  }

  /** A vector of the given elements, in order. */
  static of<T>(...values: readonly T[]): PersistentVector<T> {
    let vector = new PersistentVector<T>([], 0, 0);
    for (const value of values) vector = vector.set(vector.length, value);
    return vector;
  }

  /** The element at `index`, or `undefined` outside `[0, length)`. */
  get(index: number): T | undefined {
    if (!(index >= 0 && index < this.length)) return undefined;
    let node = this.root;
    for (let level = this.shift; level > 0; level -= BITS) node = node[(index >>> level) & MASK] as TrieNode;
    return node[index & MASK] as T;
  }

  /** A vector where `index` holds `value`; `index === length` appends. This vector is unchanged. */
  set(index: number, value: T): PersistentVector<T> {
    if (!(Number.isInteger(index) && index >= 0 && index <= this.length)) {
      throw new RangeError(`index ${index} is outside [0, ${this.length}]`);
    }
    const length = index === this.length ? this.length + 1 : this.length;
    // A full trie gains a level on append: the old root becomes the first child of a new one.
    if (index === this.length && index === 2 ** (this.shift + BITS)) {
      return new PersistentVector<T>(assoc([this.root], this.shift + BITS, index, value), this.shift + BITS, length);
    }
    return new PersistentVector<T>(assoc(this.root, this.shift, index, value), this.shift, length);
  }

  /** Calls `visit` on every element in index order. */
  forEach(visit: (value: T) => void): void {
    walk(this.root, this.shift, visit as (value: unknown) => void);
  }
}

/** A copy of `node` (absent: empty) with `value` at `index` below it, copying only the path. */
function assoc(node: TrieNode | undefined, level: number, index: number, value: unknown): TrieNode {
  const copy = node === undefined ? [] : node.slice();
  const slot = (index >>> level) & MASK;
  copy[slot] = level === 0 ? value : assoc(copy[slot] as TrieNode | undefined, level - BITS, index, value);
  return copy;
}

function walk(node: TrieNode, level: number, visit: (value: unknown) => void): void {
  // A trie holds exactly its vector's elements (no holes below `length`), so every slot present is visited.
  for (const child of node) {
    if (level === 0) visit(child);
    else walk(child as TrieNode, level - BITS, visit);
  }
}
