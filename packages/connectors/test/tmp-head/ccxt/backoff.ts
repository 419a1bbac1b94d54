/**
 * How reconnect delays grow: `initialMs × factor^(attempt-1)`, capped at `maxMs`, then jittered.
 *
 * @example
 * ```ts
 * const policy: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };
 * ```
 */
export interface BackoffPolicy {
  /** Delay before the first retry, ms. */
  readonly initialMs: number;
  /** Upper bound of the un-jittered delay, ms. */
  readonly maxMs: number;
  /** Growth per attempt (≥ 1). */
  readonly factor: number;
  /**
   * Fraction of the delay that is randomized, in [0, 1]: the delay is drawn
   * uniformly from `[d × (1 - jitter), d]` ("equal jitter" for 0.5, "full
   * jitter" for 1), so many clients dropped together do not reconnect in step.
   */
  readonly jitter: number;
}

/**
 * The delay before reconnect attempt `attempt` (1 = first retry), with the
 * jitter drawn from `random()` (a number in [0, 1), e.g. `Math.random` or a
 * seeded {@link seededRandom}).
 *
 * @example
 * ```ts
 * const policy = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.5 };
 * backoffDelay(3, policy, () => 0); // 500 × 2² = 2000, jittered down by half: 1000
 * backoffDelay(3, policy, () => 0.999999); // ≈ 2000
 * ```
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const exponent = Math.max(0, attempt - 1);
  const raw = Math.min(policy.maxMs, policy.initialMs * policy.factor ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(raw * (1 - policy.jitter + policy.jitter * r));
}

/**
 * A deterministic generator of numbers in [0, 1) (mulberry32), for
 * reproducible jitter in tests and backtests.
 *
 * @example
 * ```ts
 * const random = seededRandom(42);
 * const a = random(); // always the same first value for seed 42
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
