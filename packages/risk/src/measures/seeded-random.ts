/**
 * A seeded pseudo-random source: the same seed always gives the same sequence.
 *
 * @example
 * ```ts
 * const rng: SeededRandom = seededRandom(1);
 * const shock = 0.02 * rng.normal();
 * ```
 */
export interface SeededRandom {
  /** A uniformly distributed unsigned 32-bit integer. */
  uint32(): number;
  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /** A standard normal draw (Box–Muller; the second value of each pair is kept for the next call). */
  normal(): number;
}

/**
 * Seeds xoshiro128** (Blackman & Vigna) from a 32-bit seed by running
 * SplitMix32 (golden-ratio increment, MurmurHash3 finalizer) four times, so
 * nearby seeds give unrelated streams and the state is never all zero.
 * Deterministic across platforms (only 32-bit integer arithmetic).
 *
 * @example
 * ```ts
 * const rng = seededRandom(42);
 * rng.uniform(); // same value on every run
 * rng.normal();
 * ```
 */
export function seededRandom(seed: number): SeededRandom {
  if (!Number.isInteger(seed)) throw new RangeError(`seededRandom needs an integer seed, got ${seed}`);
  let sm = seed >>> 0;
  const splitMix = (): number => {
    sm = (sm + 0x9e3779b9) >>> 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  return xoshiro128ss([splitMix(), splitMix(), splitMix(), splitMix()]);
}

/**
 * xoshiro128** from an explicit 4×32-bit state (not all zero). Exposed for
 * checking against the reference implementation; use {@link seededRandom}.
 *
 * @example
 * ```ts
 * xoshiro128ss([1, 2, 3, 4]).uint32(); // 11520
 * ```
 */
export function xoshiro128ss(state: readonly [number, number, number, number]): SeededRandom {
  let [s0, s1, s2, s3] = state.map((x) => x >>> 0) as [number, number, number, number];
  if ((s0 | s1 | s2 | s3) === 0) throw new RangeError('xoshiro128** state must not be all zero');
  let spare = Number.NaN;

  const uint32 = (): number => {
    const t1 = Math.imul(s1, 5);
    const result = Math.imul((t1 << 7) | (t1 >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };
  const uniform = (): number => {
    const high = uint32() >>> 5; // 27 bits
    const low = uint32() >>> 6; // 26 bits
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  };
  const normal = (): number => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = Number.NaN;
      return z;
    }
    // 1 − u is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
  return { uint32, uniform, normal };
}
