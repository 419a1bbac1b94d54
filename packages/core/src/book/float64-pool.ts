/**
 * Allocation of the small `Float64Array`s behind immutable book views.
 *
 * V8 gives a typed array over 64 bytes its own off-heap backing store, which
 * costs about a microsecond to allocate — more than applying a delta. The
 * `book()` operator takes a view per delta, so small arrays are carved from a
 * shared slab instead (the technique of Node's `Buffer` pool). A slab is
 * garbage-collected once no view over it is left; keeping one small view
 * alive therefore pins at most one slab (16 KiB).
 */

const SLAB_BYTES = 16 * 1024;
/** Larger requests (views deeper than 128 levels a side) get their own buffer. */
const MAX_POOLED_LENGTH = 512;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/**
 * A `Float64Array` of `length` elements, NOT zero-filled when pooled: callers overwrite every element.
 *
 * @example
 * ```ts
 * const storage = allocateFloat64(4 * depth); // keys and amounts of both sides
 * ```
 */
export function allocateFloat64(length: number): Float64Array {
  if (length > MAX_POOLED_LENGTH) return new Float64Array(length);
  const bytes = length * Float64Array.BYTES_PER_ELEMENT;
  if (used + bytes > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const out = new Float64Array(slab, used, length);
  used += bytes;
  return out;
}
