import { ArbotError } from '@arbot/core';

/** Why a leg could not be split: see {@link SplitOrderError}. */
export type SplitOrderErrorCode = 'NO_LIQUIDITY' | 'CHILD_BELOW_MINIMUM' | 'TOO_MANY_CHILDREN';

/**
 * Thrown by `splitOrder` when a leg cannot be cut into valid child orders:
 * `NO_LIQUIDITY` (the child cap rounds to zero: no depth within the band or a
 * max child notional below one amount step), `CHILD_BELOW_MINIMUM` (children
 * small enough for the caps break the market's minimum amount or notional;
 * `context.violation` holds the market's code) or `TOO_MANY_CHILDREN` (more
 * than `maxChildren` would be needed). `context` holds the venue, symbol and
 * the numbers behind the decision.
 *
 * @example
 * ```ts
 * try {
 *   splitOrder(leg, { market, book, maxChildNotional: 1 });
 * } catch (err) {
 *   if (err instanceof SplitOrderError) console.log(err.code, err.context);
 * }
 * ```
 */
export class SplitOrderError extends ArbotError {
  declare readonly code: SplitOrderErrorCode;

  constructor(code: SplitOrderErrorCode, message: string, context: Record<string, unknown>) {
    super(code, message, context);
  }
}
