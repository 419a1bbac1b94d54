import type { Opportunity } from '@arbot/core';
import type { RiskDetails } from './verdict';

/**
 * One policy's finding that changed the outcome: a resize it asked for, or the rejection.
 *
 * @example
 * ```ts
 * for (const r of decision.resizes) console.log(r.policy, r.code, r.scale, r.details);
 * ```
 */
export interface PolicyFinding {
  /** Name of the policy (or `riskGate` for the gate's own checks). */
  readonly policy: string;
  /** Machine-readable reason code, e.g. `TOTAL_EXPOSURE_LIMIT`. */
  readonly code: string;
  /** The numbers behind it. */
  readonly details: RiskDetails;
  /** For a resize: the scale the policy asked for, relative to the size it saw. */
  readonly scale?: number;
}

/** `approved` (unchanged), `resized` (smaller legs) or `rejected`. */
export type RiskOutcome = 'approved' | 'resized' | 'rejected';

/**
 * The gate's decision about one opportunity, emitted on `decisions$` for
 * every opportunity (approved or not), before an approved opportunity is
 * passed downstream.
 *
 * @example
 * ```ts
 * gate.decisions$.subscribe((d) => {
 *   if (d.outcome === 'rejected') log.info(d.opportunityId, d.rejection?.policy, d.rejection?.code, d.rejection?.details);
 * });
 * ```
 */
export interface RiskDecision {
  readonly opportunityId: string;
  readonly outcome: RiskOutcome;
  /** Clock time of the decision, ms. */
  readonly at: number;
  /** The opportunity as it reached the gate. */
  readonly original: Opportunity;
  /** What goes downstream: `original` when approved, a resized copy when resized, `undefined` when rejected. */
  readonly opportunity: Opportunity | undefined;
  /**
   * Final size relative to `original`: the smallest leg ratio new/old amount
   * (1 when approved unchanged, 0 when rejected).
   */
  readonly scale: number;
  /** Each resize applied, in policy order. */
  readonly resizes: readonly PolicyFinding[];
  /** Why it was rejected, when it was. */
  readonly rejection: PolicyFinding | undefined;
}
