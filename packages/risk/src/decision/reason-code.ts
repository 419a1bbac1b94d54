/**
 * Every reason code the built-in policies and the gate use, grouped by
 * source. Branch on these (never on messages); custom policies may add
 * their own codes.
 *
 * @example
 * ```ts
 * gate.decisions$.pipe(filter((d) => d.rejection?.code === RiskReason.KILL_SWITCH)).subscribe(alert);
 * ```
 */
export const RiskReason = {
  // gate
  /** An opportunity with a non-finite or non-positive number the gate cannot reason about. */
  INVALID_OPPORTUNITY: 'INVALID_OPPORTUNITY',
  /** A policy threw or returned a malformed verdict; the gate fails closed. */
  POLICY_ERROR: 'POLICY_ERROR',
  /** A context stream (books$, balances$, reports$, equity$) errored: the gate halts until reconnected. */
  CONTEXT_STREAM_FAILED: 'CONTEXT_STREAM_FAILED',
  /** A resize needed a market the catalog does not hold. */
  UNKNOWN_MARKET: 'UNKNOWN_MARKET',
  /** Rounding a resized leg down to its amount step left nothing. */
  RESIZE_TO_ZERO: 'RESIZE_TO_ZERO',
  /** A resized leg breaks the market's limits (details.violation holds the market's code, e.g. MIN_NOTIONAL). */
  RESIZE_INVALID: 'RESIZE_INVALID',
  // profit
  MIN_NET_PROFIT: 'MIN_NET_PROFIT',
  MIN_NET_BPS: 'MIN_NET_BPS',
  // notional limits
  ORDER_NOTIONAL_LIMIT: 'ORDER_NOTIONAL_LIMIT',
  ASSET_EXPOSURE_LIMIT: 'ASSET_EXPOSURE_LIMIT',
  VENUE_EXPOSURE_LIMIT: 'VENUE_EXPOSURE_LIMIT',
  TOTAL_EXPOSURE_LIMIT: 'TOTAL_EXPOSURE_LIMIT',
  /** A leg's notional cannot be expressed in the opportunity's currency from the legs' prices. */
  UNVALUED_LEG: 'UNVALUED_LEG',
  /** An open residual position has no known price, so exposure cannot be bounded. */
  UNVALUED_EXPOSURE: 'UNVALUED_EXPOSURE',
  /** The opportunity's (or report's) currency differs from the policy's. */
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
  // inventory
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  NO_BALANCE_DATA: 'NO_BALANCE_DATA',
  // data quality
  STALE_DATA: 'STALE_DATA',
  NO_SOURCE_DATA: 'NO_SOURCE_DATA',
  MISSING_BOOK: 'MISSING_BOOK',
  FLASH_CRASH: 'FLASH_CRASH',
  ABNORMAL_SPREAD: 'ABNORMAL_SPREAD',
  CROSSED_BOOK: 'CROSSED_BOOK',
  LOCKED_BOOK: 'LOCKED_BOOK',
  PRICE_DEVIATION: 'PRICE_DEVIATION',
  INSUFFICIENT_LIQUIDITY: 'INSUFFICIENT_LIQUIDITY',
  // sizing
  VOLATILITY_SCALING: 'VOLATILITY_SCALING',
  VOLATILITY_TOO_HIGH: 'VOLATILITY_TOO_HIGH',
  VOLATILITY_WARMUP: 'VOLATILITY_WARMUP',
  // halts
  DRAWDOWN_SOFT: 'DRAWDOWN_SOFT',
  DRAWDOWN_HALT: 'DRAWDOWN_HALT',
  NO_EQUITY_DATA: 'NO_EQUITY_DATA',
  CIRCUIT_OPEN: 'CIRCUIT_OPEN',
  KILL_SWITCH: 'KILL_SWITCH',
} as const;

/** One of the built-in reason codes: see {@link RiskReason}. */
export type RiskReasonCode = (typeof RiskReason)[keyof typeof RiskReason];
