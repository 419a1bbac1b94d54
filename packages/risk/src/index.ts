/**
 * `@arbot/risk`: risk filters and guards as RxJS operators (a risk gate of
 * composable policies: profit floors, notional and inventory limits, stale
 * and anomalous data, liquidity, drawdown, circuit breaker, kill switch,
 * volatility sizing), order splitting, and VaR / expected shortfall.
 *
 * @packageDocumentation
 */

export { RiskReason, type RiskReasonCode } from './decision/reason-code';
export type { PolicyFinding, RiskDecision, RiskOutcome } from './decision/risk-decision';
export {
  type ApproveVerdict,
  approve,
  type PolicyVerdict,
  type RejectVerdict,
  type ResizeVerdict,
  type RiskDetails,
  reject,
  resizeBy,
} from './decision/verdict';
export * from './errors/index';
export { type RiskGate, riskGate } from './gate/risk-gate';
export { type HistoricalVarInput, historicalVar } from './measures/historical-var';
export { type MonteCarloVarInput, monteCarloVar } from './measures/monte-carlo-var';
export { normalDensity, normalQuantile } from './measures/normal-distribution';
export { type ParametricVarInput, parametricVar } from './measures/parametric-var';
export {
  type PortfolioRiskInput,
  PortfolioRiskInputSchema,
  portfolioReturns,
  type RiskMeasure,
} from './measures/portfolio-input';
export { type SeededRandom, seededRandom, xoshiro128ss } from './measures/seeded-random';
export { type TailRisk, tailRisk } from './measures/tail-risk';
export {
  type AnomalyGuardOptions,
  AnomalyGuardOptionsSchema,
  anomalyGuard,
} from './policies/anomaly-guard';
export {
  type BreakerState,
  type BreakerTrigger,
  type CircuitBreakerOptions,
  CircuitBreakerOptionsSchema,
  type CircuitBreakerPolicy,
  circuitBreaker,
} from './policies/circuit-breaker';
export { depthWithin } from './policies/depth-within';
export {
  type DrawdownGuardOptions,
  DrawdownGuardOptionsSchema,
  type DrawdownGuardPolicy,
  type DrawdownState,
  drawdownGuard,
} from './policies/drawdown-guard';
export {
  type DynamicSizingOptions,
  DynamicSizingOptionsSchema,
  type DynamicSizingPolicy,
  dynamicSizing,
} from './policies/dynamic-sizing';
export {
  type InventoryLimitsOptions,
  InventoryLimitsOptionsSchema,
  type InventoryLimitsPolicy,
  type InventorySnapshot,
  inventoryLimits,
} from './policies/inventory-limits';
export {
  type KillRequest,
  type KillSwitchOptions,
  KillSwitchOptionsSchema,
  type KillSwitchPolicy,
  type KillSwitchState,
  killSwitch,
} from './policies/kill-switch';
export { type MinLiquidityOptions, MinLiquidityOptionsSchema, minLiquidity } from './policies/min-liquidity';
export { type MinNetBpsOptions, MinNetBpsOptionsSchema, minNetBps } from './policies/min-net-bps';
export { type MinNetProfitOptions, MinNetProfitOptionsSchema, minNetProfit } from './policies/min-net-profit';
export {
  type ExposureSnapshot,
  type NotionalLimitsOptions,
  NotionalLimitsOptionsSchema,
  type NotionalLimitsPolicy,
  notionalLimits,
} from './policies/notional-limits';
export type { CancelAllCommand, FlattenCommand, RiskCommand } from './policies/risk-command';
export { type StaleDataOptions, StaleDataOptionsSchema, staleData } from './policies/stale-data';
export type { MarketSource } from './policy/market-source';
export { type CandidateLeg, type RiskCandidate, riskCandidate } from './policy/risk-candidate';
export { type EquityValue, type RiskContext, RiskContextSchema, type RiskStreamName } from './policy/risk-context';
export type { EvaluationContext, HaltStatus, RiskEnvironment, RiskPolicy } from './policy/risk-policy';
export { commonStep } from './sizing/common-step';
export { type ResizeFailure, type ResizeResult, type ResizeSuccess, resizeOpportunity } from './sizing/resize-opportunity';
export { type SplitOrderOptions, SplitOrderOptionsSchema, splitOrder } from './sizing/split-order';
