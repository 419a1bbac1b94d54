import { FiniteNumber, parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, reject } from '../decision/verdict';
import type { RiskPolicy } from '../policy/risk-policy';

/** Options of {@link minNetBps}. */
export const MinNetBpsOptionsSchema = z.object({
  /** Smallest acceptable expected net return on the committed notional, in basis points (1 bp = 0.01 %). */
  minBps: FiniteNumber,
  name: z.string().min(1).default('minNetBps'),
});
/** What {@link minNetBps} accepts. */
export type MinNetBpsOptions = z.input<typeof MinNetBpsOptionsSchema>;

/**
 * Rejects opportunities whose expected net return after fees
 * (`expected.netBps`) is below `minBps`, with `MIN_NET_BPS` (details:
 * `netBps`, `minBps`). Resizing keeps `netBps`, so its place in the policy
 * order does not matter.
 *
 * @example
 * ```ts
 * riskGate([minNetBps({ minBps: 8 })], ctx); // 8 bp = 0.08 % after fees
 * ```
 */
export function minNetBps(options: MinNetBpsOptions): RiskPolicy {
  const { minBps, name } = parseWith(MinNetBpsOptionsSchema, options, 'minNetBps options');
  return {
    name,
    evaluate: (candidate) =>
      candidate.netBps >= minBps ? approve() : reject(RiskReason.MIN_NET_BPS, { netBps: candidate.netBps, minBps }),
  };
}
