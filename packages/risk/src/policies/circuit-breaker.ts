import { type Clock, Decimal, type ExecutionReport, PositiveDecimal, parseWith } from '@arbot/core';
import { BehaviorSubject, type Observable, type Subscription } from 'rxjs';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, type RiskDetails } from '../decision/verdict';
import { PolicyNotConnectedError } from '../errors/policy-not-connected-error';
import type { HaltStatus, RiskPolicy } from '../policy/risk-policy';

/** Options of {@link circuitBreaker}. */
export const CircuitBreakerOptionsSchema = z
  .object({
    /** Trip after this many losing executions in a row (a winning one resets the count; a zero-PnL one leaves it). */
    maxConsecutiveLosses: z.number().int().positive().optional(),
    /** Trip when the net realized PnL of the executions reported within `windowMs` is a loss larger than this (currency units). */
    maxLoss: PositiveDecimal.optional(),
    /** Length of the loss window, ms (by the Clock, from each report's arrival). */
    windowMs: z.number().int().positive().optional(),
    /** Close by itself this long after tripping, ms; without it only `resume()` closes it. */
    cooldownMs: z.number().int().positive().optional(),
    /** When set, a report in another currency trips the breaker (`CURRENCY_MISMATCH`): its PnL cannot be added up. */
    currency: z.string().min(1).optional(),
    name: z.string().min(1).default('circuitBreaker'),
  })
  .refine((o) => o.maxConsecutiveLosses !== undefined || o.maxLoss !== undefined, {
    message: 'set maxConsecutiveLosses and/or maxLoss',
  })
  .refine((o) => o.maxLoss === undefined || o.windowMs !== undefined, { message: 'maxLoss needs windowMs', path: ['windowMs'] });
/** What {@link circuitBreaker} accepts. */
export type CircuitBreakerOptions = z.input<typeof CircuitBreakerOptionsSchema>;

/** What tripped the breaker. */
export type BreakerTrigger = 'CONSECUTIVE_LOSSES' | 'WINDOW_LOSS' | 'CURRENCY_MISMATCH' | 'MANUAL';

/** The breaker's state: `closed` lets opportunities through, `open` halts the gate. */
export type BreakerState =
  | { readonly status: 'closed'; readonly at: number | undefined }
  | {
      readonly status: 'open';
      readonly at: number;
      /** When it closes by itself (absent without a cooldown). */
      readonly until: number | undefined;
      readonly trigger: BreakerTrigger;
      readonly details: RiskDetails;
    };

/**
 * The circuit breaker policy, with its state stream and manual controls.
 *
 * @example
 * ```ts
 * const breaker = circuitBreaker({ maxConsecutiveLosses: 3, cooldownMs: 60_000 });
 * breaker.state$.subscribe((s) => console.log(s.status));
 * breaker.resume();
 * ```
 */
export interface CircuitBreakerPolicy extends RiskPolicy {
  /** The current state, then every change (opened, closed). */
  readonly state$: Observable<BreakerState>;
  /** The current state. */
  state(): BreakerState;
  /** Opens the breaker by hand (needs a connected gate for the time). */
  trip(reason: string): void;
  /** Closes the breaker by hand and clears its loss history. */
  resume(): void;
}

interface Entry {
  readonly at: number;
  readonly pnl: Decimal;
}

/**
 * Halts the gate after a run of losing executions (`maxConsecutiveLosses`)
 * or when the net realized PnL of the reports received within `windowMs`
 * is a loss over `maxLoss`, as read from the context's `reports$`. While
 * open, every opportunity is rejected with `CIRCUIT_OPEN` (details
 * `trigger`, the numbers behind it, `since`, `until`). It closes after
 * `cooldownMs` (a timer on the Clock's scheduler, so virtual time closes it
 * too) or on `resume()`. Tripping clears the loss history; reports arriving
 * while open are not counted.
 *
 * @example
 * ```ts
 * const breaker = circuitBreaker({ maxConsecutiveLosses: 3, maxLoss: 250, windowMs: 3_600_000, cooldownMs: 900_000 });
 * breaker.state$.subscribe((s) => alerts.send(`breaker ${s.status}`));
 * const gate = riskGate([breaker, minNetBps({ minBps: 5 })], { clock, markets, reports$: executor.reports$ });
 * ```
 */
export function circuitBreaker(options: CircuitBreakerOptions): CircuitBreakerPolicy {
  const o = parseWith(CircuitBreakerOptionsSchema, options, 'circuitBreaker options');
  const state = new BehaviorSubject<BreakerState>({ status: 'closed', at: undefined });
  let clock: Clock | undefined;
  let consecutive = 0;
  let window: Entry[] = [];
  let windowPnl = new Decimal(0);
  let cooldown: Subscription | undefined;

  const clearHistory = (): void => {
    consecutive = 0;
    window = [];
    windowPnl = new Decimal(0);
  };
  const close = (at: number | undefined): void => {
    cooldown?.unsubscribe();
    cooldown = undefined;
    clearHistory();
    if (state.value.status === 'open') state.next({ status: 'closed', at });
  };
  const closeIfDue = (now: number): void => {
    const s = state.value;
    if (s.status === 'open' && s.until !== undefined && now >= s.until) close(s.until);
  };
  const open = (trigger: BreakerTrigger, details: RiskDetails, at: number, on: Clock): void => {
    clearHistory();
    cooldown?.unsubscribe();
    cooldown = undefined;
    const until = o.cooldownMs === undefined ? undefined : at + o.cooldownMs;
    state.next({ status: 'open', at, until, trigger, details });
    if (o.cooldownMs !== undefined) cooldown = on.scheduler.schedule(() => closeIfDue(on.now()), o.cooldownMs);
  };

  const onReport = (report: ExecutionReport, on: Clock): void => {
    const now = on.now();
    closeIfDue(now);
    if (state.value.status === 'open') return;
    if (o.currency !== undefined && report.currency !== o.currency) {
      open('CURRENCY_MISMATCH', { currency: report.currency, expected: o.currency, opportunityId: report.opportunityId }, now, on);
      return;
    }
    const pnl = report.realizedPnl;
    if (pnl.lt(0)) consecutive++;
    else if (pnl.gt(0)) consecutive = 0;
    if (o.maxConsecutiveLosses !== undefined && consecutive >= o.maxConsecutiveLosses) {
      open('CONSECUTIVE_LOSSES', { consecutiveLosses: consecutive, maxConsecutiveLosses: o.maxConsecutiveLosses }, now, on);
      return;
    }
    if (o.maxLoss !== undefined && o.windowMs !== undefined) {
      window.push({ at: now, pnl });
      windowPnl = windowPnl.plus(pnl);
      const cutoff = now - o.windowMs;
      let drop = 0;
      while (drop < window.length && (window[drop]?.at ?? now) <= cutoff) windowPnl = windowPnl.minus(window[drop++]?.pnl ?? 0);
      if (drop > 0) window = window.slice(drop);
      if (windowPnl.neg().gt(o.maxLoss)) {
        open('WINDOW_LOSS', { loss: windowPnl.neg().toString(), maxLoss: o.maxLoss.toString(), windowMs: o.windowMs }, now, on);
      }
    }
  };

  let haltOf: { readonly state: BreakerState; readonly status: HaltStatus } | undefined;

  return {
    name: o.name,
    requires: ['reports$'],
    state$: state.asObservable(),
    state: () => state.value,
    connect(env) {
      clock = env.clock;
      const on = env.clock;
      return env.reports$.subscribe((report) => onReport(report, on));
    },
    halt(now): HaltStatus | undefined {
      closeIfDue(now);
      const s = state.value;
      if (s.status === 'closed') return undefined;
      // One status per opening: a burst against an open breaker allocates nothing.
      if (haltOf?.state !== s) {
        const base = { policy: o.name, code: RiskReason.CIRCUIT_OPEN, since: s.at, details: { ...s.details, trigger: s.trigger } };
        haltOf = { state: s, status: s.until === undefined ? base : { ...base, until: s.until } };
      }
      return haltOf.status;
    },
    evaluate: () => approve(),
    trip(reason) {
      if (clock === undefined) throw new PolicyNotConnectedError(o.name, 'trip');
      open('MANUAL', { reason }, clock.now(), clock);
    },
    resume() {
      close(clock?.now());
    },
  };
}
