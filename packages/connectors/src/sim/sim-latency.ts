import { NonNegativeNumber } from '@arbot/core';
import { z } from 'zod';
import { seededRandom } from '../ccxt/backoff';

/**
 * One delay of the simulated venue: `fixedMs` plus a uniformly distributed
 * jitter in `[0, jitterMs]`, drawn from the venue's seeded generator and
 * rounded to whole milliseconds.
 *
 * @example
 * ```ts
 * SimDelaySchema.parse({ fixedMs: 40, jitterMs: 10 }); // 40–50 ms
 * ```
 */
export const SimDelaySchema = z.object({
  fixedMs: NonNegativeNumber.default(0),
  jitterMs: NonNegativeNumber.default(0),
});

/**
 * The latency model of the simulated venue, all in ms of the venue's clock:
 * - `placement`: from `placeOrder` until the order reaches the matching engine
 *   (it is matched against the book current at that moment);
 * - `cancel`: from `cancelOrder` until the cancel reaches the matching engine;
 * - `fillReport`: from a change at the engine (fill, expiry, cancel, balance
 *   change) until it shows on `orders$` / `balances$`.
 * Every part defaults to 0 (instantaneous).
 *
 * @example
 * ```ts
 * SimLatencySchema.parse({ placement: { fixedMs: 50, jitterMs: 20 }, fillReport: { fixedMs: 5 } });
 * ```
 */
export const SimLatencySchema = z.object({
  placement: SimDelaySchema.prefault({}),
  cancel: SimDelaySchema.prefault({}),
  fillReport: SimDelaySchema.prefault({}),
});
/**
 * What the `latency` option of `simVenue` accepts: see {@link SimLatencySchema}.
 *
 * @example
 * ```ts
 * const latency: SimLatency = { placement: { fixedMs: 30, jitterMs: 15 }, cancel: { fixedMs: 30 } };
 * ```
 */
export type SimLatency = z.input<typeof SimLatencySchema>;

/**
 * Which delay of {@link SimLatencySchema} to draw.
 *
 * @example
 * ```ts
 * const kind: LatencyKind = 'fillReport';
 * ```
 */
export type LatencyKind = 'placement' | 'cancel' | 'fillReport';

const KINDS: readonly LatencyKind[] = ['placement', 'cancel', 'fillReport'];

/**
 * Draws delays. Each kind has its own seeded stream, so adding cancels to a
 * run does not shift the placement delays of its orders.
 *
 * @example
 * ```ts
 * const model = new LatencyModel(SimLatencySchema.parse({ placement: { fixedMs: 40, jitterMs: 20 } }), 7);
 * model.next('placement'); // 40–60, the same sequence for seed 7 every run
 * ```
 */
export class LatencyModel {
  private readonly draws: Record<LatencyKind, () => number>;

  constructor(latency: z.output<typeof SimLatencySchema>, seed: number) {
    const streams = KINDS.map((kind, i) => {
      const delay = latency[kind];
      // Golden-ratio spacing keeps the three streams' seeds far apart for any user seed.
      const random = seededRandom((seed ^ Math.imul(i + 1, 0x9e3779b9)) >>> 0);
      const draw = delay.jitterMs === 0 ? () => Math.round(delay.fixedMs) : () => Math.round(delay.fixedMs + random() * delay.jitterMs);
      return [kind, draw] as const;
    });
    this.draws = Object.fromEntries(streams) as Record<LatencyKind, () => number>;
  }

  /** The next delay of `kind`, whole ms ≥ 0. */
  next(kind: LatencyKind): number {
    return this.draws[kind]();
  }
}
