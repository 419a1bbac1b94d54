import type { Decimal, Fill } from '@arbot/core';

/**
 * A fill as a backtest records it: the venue's fill, valued in the
 * valuation currency at the moment it happened, and attributed to the
 * strategy and opportunity whose execution placed its order.
 *
 * @example
 * ```ts
 * for (const f of result.fills) console.log(f.strategy, f.fill.side, f.fill.amount.toString(), f.notional.toFixed(2));
 * ```
 */
export interface RecordedFill {
  /** The fill as the venue reported it. */
  readonly fill: Fill;
  /** Base asset of the fill's market. */
  readonly base: string;
  /** Quote asset of the fill's market. */
  readonly quote: string;
  /** `price × amount` in the valuation currency. */
  readonly notional: Decimal;
  /** The fee in the valuation currency. */
  readonly feeValue: Decimal;
  /** Strategy of the opportunity behind the order (`unattributed` when no execution report claims it). */
  readonly strategy: string;
  /** Opportunity behind the order, when an execution report claims it. */
  readonly opportunityId: string | undefined;
}
