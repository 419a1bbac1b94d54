import type { BalanceSnapshot, Clock, ExecutionReport, OrderBookView } from '@arbot/core';
import type { Observable, TeardownLogic } from 'rxjs';
import type { PolicyVerdict, RiskDetails } from '../decision/verdict';
import type { MarketSource } from './market-source';
import type { RiskCandidate } from './risk-candidate';
import type { EquityValue, RiskStreamName } from './risk-context';

/**
 * What a policy sees while evaluating: the decision time and lookups.
 *
 * @example
 * ```ts
 * evaluate: (c, ctx: EvaluationContext) => (ctx.book(c.legs[0]?.venue ?? '', c.legs[0]?.symbol ?? '') ? approve() : reject('NO_BOOK', {})),
 * ```
 */
export interface EvaluationContext {
  /** Clock time of this decision, ms (read once per opportunity). */
  readonly now: number;
  readonly markets: MarketSource;
  /** The latest book of a venue and symbol from the context's `books$`, if any arrived. */
  book(venue: string, symbol: string): OrderBookView | undefined;
}

/**
 * What a policy receives when a gate connects: the clock and the context
 * streams (shared; a stream the context lacks never emits).
 *
 * @example
 * ```ts
 * connect: (env: RiskEnvironment) => env.reports$.subscribe((r) => tally(r.realizedPnl)),
 * ```
 */
export interface RiskEnvironment {
  readonly clock: Clock;
  readonly markets: MarketSource;
  readonly books$: Observable<OrderBookView>;
  readonly balances$: Observable<BalanceSnapshot>;
  readonly reports$: Observable<ExecutionReport>;
  readonly equity$: Observable<EquityValue>;
  /** The latest book of a venue and symbol, if any arrived. */
  book(venue: string, symbol: string): OrderBookView | undefined;
}

/**
 * An active halt: while any policy reports one, the gate approves nothing.
 *
 * @example
 * ```ts
 * for (const h of gate.halts()) console.warn(`${h.policy} halted since ${h.since}: ${h.code}`);
 * ```
 */
export interface HaltStatus {
  /** The halting policy's name. */
  readonly policy: string;
  /** Reason code, e.g. `KILL_SWITCH`, `CIRCUIT_OPEN`, `DRAWDOWN_HALT`. */
  readonly code: string;
  /** Clock time the halt began, ms. */
  readonly since: number;
  /** Clock time it lifts by itself, ms; absent when only a manual resume lifts it. */
  readonly until?: number;
  readonly details: RiskDetails;
}

/**
 * A risk policy: a small, named rule a gate applies to each opportunity.
 * `evaluate` must be synchronous and cheap (it runs on the hot path); state
 * from the outside world comes in through `connect`.
 *
 * @example
 * ```ts
 * const onlySpatial: RiskPolicy = {
 *   name: 'onlySpatial',
 *   evaluate: (c) => (c.opportunity.kind === 'spatial' ? approve() : reject('KIND_NOT_ALLOWED', { kind: c.opportunity.kind })),
 * };
 * ```
 */
export interface RiskPolicy {
  /** Unique within a gate; appears in every finding. */
  readonly name: string;
  /** Context streams this policy reads; a gate whose context lacks one refuses to build. */
  readonly requires?: readonly RiskStreamName[];
  /** Approve, resize or reject the candidate (the opportunity as resized by earlier policies). */
  evaluate(candidate: RiskCandidate, context: EvaluationContext): PolicyVerdict;
  /** The active halt, if this policy is halting the gate at `now`. Checked before any `evaluate`. */
  halt?(now: number): HaltStatus | undefined;
  /** Subscribes to the streams the policy needs; the teardown runs when the gate disconnects. */
  connect?(env: RiskEnvironment): TeardownLogic;
  /** Told about every opportunity the gate finally lets through (e.g. to reserve its exposure). */
  onApproved?(candidate: RiskCandidate, now: number): void;
}
