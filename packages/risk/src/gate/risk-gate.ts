import type { BalanceSnapshot, ExecutionReport } from '@arbot/core';
import { type Decimal, type Opportunity, type OrderBookView, parseWith } from '@arbot/core';
import { type MonoTypeOperatorFunction, Observable, Subject, type Subscriber, Subscription } from 'rxjs';
import { RiskReason } from '../decision/reason-code';
import type { PolicyFinding, RiskDecision } from '../decision/risk-decision';
import type { RiskDetails } from '../decision/verdict';
import { RiskConfigError } from '../errors/risk-config-error';
import { decimalToNumber } from '../policy/decimal-number';
import { type RiskCandidate, riskCandidate } from '../policy/risk-candidate';
import { type EquityValue, type RiskContext, RiskContextSchema, type RiskStreamName } from '../policy/risk-context';
import type { EvaluationContext, HaltStatus, RiskEnvironment, RiskPolicy } from '../policy/risk-policy';
import { resizeOpportunity } from '../sizing/resize-opportunity';
import { BookRegistry } from './book-registry';

/**
 * A risk gate: the operator that stands between detectors and executors,
 * and the stream of its decisions. See {@link riskGate}.
 *
 * @example
 * ```ts
 * const gate = riskGate([minNetBps({ minBps: 5 })], { clock, markets: catalog });
 * gate.decisions$.subscribe((d) => metrics.count(d.outcome));
 * opportunities$.pipe(gate.operator).subscribe(execute);
 * ```
 */
export interface RiskGate {
  /**
   * Operator over opportunities: emits each approved opportunity (resized when
   * a policy asked for it) and drops rejected ones. Subscribing connects the
   * gate (see {@link RiskGate.connect}) for as long as the subscription lives.
   */
  readonly operator: MonoTypeOperatorFunction<Opportunity>;
  /**
   * Every decision (approved, resized, rejected) with reason codes, policy
   * names, numbers and clock time. Hot: subscribe before opportunities flow.
   * A decision is emitted before its opportunity goes downstream.
   */
  readonly decisions$: Observable<RiskDecision>;
  /** The policies, in evaluation order. */
  readonly policies: readonly RiskPolicy[];
  /** Decides about one opportunity now, emits the decision on `decisions$` and returns it. */
  evaluate(opportunity: Opportunity): RiskDecision;
  /**
   * Subscribes the gate's context streams and connects its policies, if not
   * already connected (reference-counted: the gate disconnects when the last
   * subscription ends). Needed only to use {@link RiskGate.evaluate} without
   * the operator.
   */
  connect(): Subscription;
  /** Every active halt (a halted gate approves nothing), gate-level first. */
  halts(): readonly HaltStatus[];
}

const GATE = 'riskGate';
const NO_FINDINGS: readonly PolicyFinding[] = Object.freeze([]);
const STREAMS: readonly RiskStreamName[] = ['books$', 'balances$', 'reports$', 'equity$'];

/**
 * Builds a risk gate from policies and a context. Each opportunity goes
 * through:
 *
 * 1. the gate's sanity checks (finite positive amounts and prices, else
 *    `INVALID_OPPORTUNITY`);
 * 2. halts: if any policy (kill switch, circuit breaker, drawdown guard) or
 *    a failed context stream halts the gate, the opportunity is rejected with
 *    that halt's code, whatever the other policies would say;
 * 3. the policies, in order: `approve` continues; `resize` scales every leg
 *    (rounded down to each market's step and re-checked against its limits;
 *    a resize that breaks them rejects with `RESIZE_TO_ZERO` /
 *    `RESIZE_INVALID`) and later policies see the smaller opportunity;
 *    `reject` stops. A policy that throws rejects with `POLICY_ERROR`
 *    (fail closed);
 * 4. every policy's `onApproved` hook (reservations), then the decision goes
 *    to `decisions$` and the opportunity downstream.
 *
 * Put sizing policies (limits, inventory, liquidity, drawdown, volatility)
 * before profit floors, so that floors judge the resized opportunity.
 * Throws `RiskConfigError` when a policy needs a stream the context lacks or
 * two policies share a name, and `ValidationError` for a malformed context.
 *
 * @example
 * ```ts
 * const kill = killSwitch({ clock });
 * const gate = riskGate(
 *   [kill, staleData({ maxAgeMs: 500 }), notionalLimits({ maxOrderNotional: 5_000, maxTotalExposure: 20_000 }),
 *    inventoryLimits({ reserve: { USDT: 100 } }), minNetBps({ minBps: 5 })],
 *   { clock, markets: catalog, balances$, reports$ },
 * );
 * gate.decisions$.subscribe((d) => journal.write(d));
 * opportunities$.pipe(gate.operator).subscribe((op) => executor.execute(op));
 * ```
 */
export function riskGate(policies: readonly RiskPolicy[], context: RiskContext): RiskGate {
  const parsed = parseWith(RiskContextSchema, context, 'risk context');
  const names = new Set<string>();
  for (const policy of policies) {
    if (names.has(policy.name)) throw new RiskConfigError(`Two policies are named ${policy.name}`, { policy: policy.name, field: 'name' });
    names.add(policy.name);
    for (const stream of policy.requires ?? []) {
      if (parsed[stream] === undefined) {
        throw new RiskConfigError(`Policy ${policy.name} needs ${stream} in the risk context`, { policy: policy.name, field: stream });
      }
    }
  }
  return new Gate([...policies], parsed);
}

class Gate implements RiskGate {
  readonly policies: readonly RiskPolicy[];
  readonly decisions$: Observable<RiskDecision>;
  readonly operator: MonoTypeOperatorFunction<Opportunity>;
  readonly #context: RiskContext;
  readonly #decisions = new Subject<RiskDecision>();
  readonly #books = new BookRegistry();
  readonly #streamFailures = new Map<RiskStreamName, HaltStatus>();
  readonly #haltable: readonly RiskPolicy[];
  readonly #approvalHooks: readonly RiskPolicy[];
  // One context object reused by every decision (decisions are synchronous), so deciding allocates less.
  readonly #evaluation: { now: number } & EvaluationContext;
  #lastHalt: HaltStatus | undefined;
  #lastHaltDetails: RiskDetails = {};
  #refs = 0;
  #connection: Subscription | undefined;

  constructor(policies: readonly RiskPolicy[], context: RiskContext) {
    this.policies = policies;
    this.#context = context;
    this.#haltable = policies.filter((p) => p.halt !== undefined);
    this.#approvalHooks = policies.filter((p) => p.onApproved !== undefined);
    this.decisions$ = this.#decisions.asObservable();
    const books = this.#books;
    this.#evaluation = { now: 0, markets: context.markets, book: (venue, symbol) => books.get(venue, symbol) };
    this.operator = (source) =>
      new Observable<Opportunity>((subscriber: Subscriber<Opportunity>) => {
        const connection = this.connect();
        const inner = source.subscribe({
          next: (opportunity) => {
            const approved = this.evaluate(opportunity).opportunity;
            if (approved !== undefined) subscriber.next(approved);
          },
          error: (err: unknown) => subscriber.error(err),
          complete: () => subscriber.complete(),
        });
        return () => {
          inner.unsubscribe();
          connection.unsubscribe();
        };
      });
  }

  evaluate(opportunity: Opportunity): RiskDecision {
    const now = this.#context.clock.now();
    const decision = this.#decide(opportunity, now);
    // Subject.next with no observer does nothing but still costs a closure per call; the subject is never closed.
    if (this.#decisions.observed) this.#decisions.next(decision);
    return decision;
  }

  connect(): Subscription {
    if (this.#refs === 0) this.#connection = this.#open();
    this.#refs++;
    return new Subscription(() => {
      this.#refs--;
      if (this.#refs === 0) {
        const connection = this.#connection;
        this.#connection = undefined;
        connection?.unsubscribe();
      }
    });
  }

  halts(): readonly HaltStatus[] {
    const now = this.#context.clock.now();
    const out: HaltStatus[] = [...this.#streamFailures.values()];
    for (const policy of this.#haltable) {
      const halt = policy.halt?.(now);
      if (halt !== undefined) out.push(halt);
    }
    return out;
  }

  #open(): Subscription {
    const connection = new Subscription();
    this.#streamFailures.clear();
    const books = new Subject<OrderBookView>();
    const balances = new Subject<BalanceSnapshot>();
    const reports = new Subject<ExecutionReport>();
    const equity = new Subject<EquityValue>();
    const env: RiskEnvironment = {
      clock: this.#context.clock,
      markets: this.#context.markets,
      books$: books.asObservable(),
      balances$: balances.asObservable(),
      reports$: reports.asObservable(),
      equity$: equity.asObservable(),
      book: (venue, symbol) => this.#books.get(venue, symbol),
    };
    try {
      for (const policy of this.policies) {
        if (policy.connect !== undefined) connection.add(policy.connect(env));
      }
      const sinks: { [K in RiskStreamName]: (value: never) => void } = {
        books$: (view: OrderBookView) => {
          this.#books.set(view);
          books.next(view);
        },
        balances$: (snapshot: BalanceSnapshot) => balances.next(snapshot),
        reports$: (report: ExecutionReport) => reports.next(report),
        equity$: (value: EquityValue) => equity.next(value),
      };
      for (const name of STREAMS) {
        const source = this.#context[name] as Observable<never> | undefined;
        if (source === undefined) continue;
        connection.add(
          source.subscribe({
            next: sinks[name],
            error: (err: unknown) => this.#streamFailures.set(name, this.#streamFailure(name, err)),
          }),
        );
      }
    } catch (err) {
      connection.unsubscribe();
      throw err;
    }
    return connection;
  }

  #streamFailure(stream: RiskStreamName, err: unknown): HaltStatus {
    const message = err instanceof Error ? err.message : String(err);
    return { policy: GATE, code: RiskReason.CONTEXT_STREAM_FAILED, since: this.#context.clock.now(), details: { stream, message } };
  }

  #decide(original: Opportunity, now: number): RiskDecision {
    let candidate: RiskCandidate;
    try {
      candidate = riskCandidate(original, this.#context.markets);
    } catch (err) {
      return rejected(original, now, NO_FINDINGS, finding(GATE, RiskReason.INVALID_OPPORTUNITY, { message: messageOf(err) }));
    }
    const invalid = invalidFigure(candidate);
    if (invalid !== undefined) return rejected(original, now, NO_FINDINGS, finding(GATE, RiskReason.INVALID_OPPORTUNITY, invalid));

    let halt: HaltStatus | undefined;
    try {
      halt = this.#firstHalt(now);
    } catch (err) {
      return rejected(original, now, NO_FINDINGS, finding(GATE, RiskReason.POLICY_ERROR, { stage: 'halt', message: messageOf(err) }));
    }
    if (halt !== undefined) return rejected(original, now, NO_FINDINGS, finding(halt.policy, halt.code, this.#haltDetails(halt)));

    const context = this.#evaluation;
    context.now = now;
    let resizes: PolicyFinding[] | undefined;
    // The ratio of the only resize is the decision's scale; several resizes compound, so the legs are compared then.
    let onlyRatio: Decimal | undefined;
    for (const policy of this.policies) {
      let verdict: ReturnType<RiskPolicy['evaluate']>;
      try {
        verdict = policy.evaluate(candidate, context);
      } catch (err) {
        return rejected(original, now, resizes ?? NO_FINDINGS, finding(policy.name, RiskReason.POLICY_ERROR, { message: messageOf(err) }));
      }
      if (verdict.action === 'approve') continue;
      if (verdict.action === 'reject') {
        return rejected(original, now, resizes ?? NO_FINDINGS, finding(policy.name, verdict.code, verdict.details));
      }
      const { scale } = verdict;
      if (!(scale > 0) || !Number.isFinite(scale)) {
        const details = { message: 'resize scale must be a finite number > 0', code: verdict.code, scale: String(scale) };
        return rejected(original, now, resizes ?? NO_FINDINGS, finding(policy.name, RiskReason.POLICY_ERROR, details));
      }
      if (scale >= 1) continue;
      let resized: ReturnType<typeof resizeOpportunity>;
      try {
        resized = resizeOpportunity(candidate.opportunity, scale, this.#context.markets);
      } catch (err) {
        const details = { message: messageOf(err), requestedBy: verdict.code, scale };
        return rejected(original, now, resizes ?? NO_FINDINGS, finding(policy.name, RiskReason.RESIZE_INVALID, details));
      }
      if (!resized.ok) {
        const details = { ...resized.details, requestedBy: verdict.code, scale };
        return rejected(original, now, resizes ?? NO_FINDINGS, finding(policy.name, resized.code, details));
      }
      onlyRatio = resizes === undefined ? resized.ratio : undefined;
      resizes ??= [];
      resizes.push({ policy: policy.name, code: verdict.code, details: verdict.details, scale });
      candidate = riskCandidate(resized.opportunity, this.#context.markets);
    }

    for (const policy of this.#approvalHooks) {
      try {
        policy.onApproved?.(candidate, now);
      } catch (err) {
        return rejected(original, now, resizes ?? NO_FINDINGS, finding(policy.name, RiskReason.POLICY_ERROR, { message: messageOf(err) }));
      }
    }
    const opportunity = candidate.opportunity;
    return {
      opportunityId: original.id,
      outcome: resizes === undefined ? 'approved' : 'resized',
      at: now,
      original,
      opportunity,
      scale: resizes === undefined ? 1 : onlyRatio !== undefined ? decimalToNumber(onlyRatio) : smallestLegRatio(original, opportunity),
      resizes: resizes ?? NO_FINDINGS,
      rejection: undefined,
    };
  }

  /** The rejection details of a halt; policies keep one status per halt, so a burst while halted reuses them. */
  #haltDetails(halt: HaltStatus): RiskDetails {
    if (this.#lastHalt !== halt) {
      this.#lastHalt = halt;
      this.#lastHaltDetails = Object.freeze(haltDetails(halt));
    }
    return this.#lastHaltDetails;
  }

  #firstHalt(now: number): HaltStatus | undefined {
    if (this.#streamFailures.size > 0) for (const failure of this.#streamFailures.values()) return failure;
    for (const policy of this.#haltable) {
      const halt = policy.halt?.(now);
      if (halt !== undefined) return halt;
    }
    return undefined;
  }
}

function finding(policy: string, code: string, details: RiskDetails): PolicyFinding {
  return { policy, code, details };
}

function rejected(original: Opportunity, at: number, resizes: readonly PolicyFinding[], rejection: PolicyFinding): RiskDecision {
  // `original` may be anything a JavaScript caller pushed; the decision must still be emitted.
  const opportunityId = typeof original?.id === 'string' ? original.id : '';
  return { opportunityId, outcome: 'rejected', at, original, opportunity: undefined, scale: 0, resizes, rejection };
}

function haltDetails(halt: HaltStatus): RiskDetails {
  return halt.until === undefined ? { ...halt.details, since: halt.since } : { ...halt.details, since: halt.since, until: halt.until };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function invalidFigure(candidate: RiskCandidate): RiskDetails | undefined {
  for (const leg of candidate.legs) {
    if (!isPositive(leg.amount)) return { leg: leg.index, field: 'amount', value: String(leg.amount) };
    if (!isPositive(leg.priceLimit)) return { leg: leg.index, field: 'priceLimit', value: String(leg.priceLimit) };
    if (!isPositive(leg.expectedPrice)) return { leg: leg.index, field: 'expectedPrice', value: String(leg.expectedPrice) };
  }
  if (!Number.isFinite(candidate.net)) return { field: 'expected.net', value: String(candidate.net) };
  if (!Number.isFinite(candidate.notional)) return { field: 'expected.notional', value: String(candidate.notional) };
  return undefined;
}

function isPositive(x: number): boolean {
  return x > 0 && Number.isFinite(x);
}

function smallestLegRatio(original: Opportunity, resized: Opportunity): number {
  let ratio = 1;
  for (const [i, leg] of resized.legs.entries()) {
    const before = original.legs[i];
    if (before !== undefined) ratio = Math.min(ratio, leg.amount.div(before.amount).toNumber());
  }
  return ratio;
}
