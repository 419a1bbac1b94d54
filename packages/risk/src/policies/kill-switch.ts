import type { Clock } from '@arbot/core';
import { parseWith } from '@arbot/core';
import { BehaviorSubject, isObservable, Observable, Subject, type Subscription } from 'rxjs';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve } from '../decision/verdict';
import type { HaltStatus, RiskPolicy } from '../policy/risk-policy';
import type { RiskCommand } from './risk-command';

/** A request to engage the kill switch, as sent on `trigger$` or passed to `trigger()`. */
export interface KillRequest {
  readonly reason: string;
  /** Also send a `flatten` command (default: the switch's `flatten` option). */
  readonly flatten?: boolean;
  /** Restrict the commands to these venues (default: all venues). The gate halts entirely either way. */
  readonly venues?: readonly string[];
}

const KillRequestSchema = z.object({
  reason: z.string().min(1),
  flatten: z.boolean().optional(),
  venues: z.array(z.string().min(1)).min(1).optional(),
});

/** Options of {@link killSwitch}. */
export const KillSwitchOptionsSchema = z.object({
  /** Clock for command times (the switch may be triggered before any gate connects). */
  clock: z.custom<Clock>((v) => v !== null && typeof v === 'object' && typeof (v as { now?: unknown }).now === 'function', {
    message: 'must be a Clock',
  }),
  /** Send `flatten` after `cancel-all` on every trigger unless the request says otherwise (default false). */
  flatten: z.boolean().default(false),
  /** Programmatic triggers: each value (a reason string or a {@link KillRequest}) engages the switch. */
  trigger$: z.custom<Observable<string | KillRequest>>(isObservable, { message: 'must be an Observable' }).optional(),
  name: z.string().min(1).default('killSwitch'),
});
/** What {@link killSwitch} accepts. */
export type KillSwitchOptions = z.input<typeof KillSwitchOptionsSchema>;

/** Whether the switch is engaged, since when and why. */
export type KillSwitchState =
  | { readonly engaged: false; readonly at: number | undefined }
  | { readonly engaged: true; readonly at: number; readonly reason: string };

/**
 * The kill switch: a policy that halts every gate it is in, plus its controls and command stream.
 *
 * @example
 * ```ts
 * const kill = killSwitch({ clock });
 * kill.trigger('manual stop', { flatten: true });
 * kill.engaged; // true
 * kill.reset();
 * ```
 */
export interface KillSwitchPolicy extends RiskPolicy {
  /**
   * Commands for executors. A late subscriber first receives the commands
   * of the current engagement (so an executor that restarts while the switch
   * is engaged still cancels), then live ones.
   */
  readonly commands$: Observable<RiskCommand>;
  /** The current state, then every change. */
  readonly state$: Observable<KillSwitchState>;
  /** Engages the switch: halts every gate using it and emits `cancel-all` (and `flatten` when asked). */
  trigger(reason: string, options?: Omit<KillRequest, 'reason'>): void;
  /** Disengages the switch; gates approve again (other halts permitting). */
  reset(): void;
  /** `true` while engaged. */
  readonly engaged: boolean;
}

/**
 * A manual or programmatic emergency stop. Once triggered, every gate the
 * switch is part of rejects everything with `KILL_SWITCH` until `reset()`,
 * and `commands$` emits `cancel-all` (then `flatten` when asked) for the
 * executor. Triggers come from `trigger()` or the `trigger$` option (e.g.
 * a SIGTERM, an alert, an operator's Telegram command), subscribed while a
 * gate is connected; a malformed trigger value or an error on `trigger$`
 * engages the switch too (it never fails open). One switch may serve
 * several gates.
 *
 * @example
 * ```ts
 * const kill = killSwitch({ clock, flatten: true, trigger$: fromEvent(process, 'SIGUSR2').pipe(map(() => 'SIGUSR2')) });
 * kill.commands$.subscribe((cmd) => executor.handle(cmd));
 * const gate = riskGate([kill, minNetBps({ minBps: 5 })], { clock, markets });
 * kill.trigger('exchange incident', { venues: ['okx'] });
 * ```
 */
export function killSwitch(options: KillSwitchOptions): KillSwitchPolicy {
  const o = parseWith(KillSwitchOptionsSchema, options, 'killSwitch options');
  const state = new BehaviorSubject<KillSwitchState>({ engaged: false, at: undefined });
  const live = new Subject<RiskCommand>();
  let engagement: RiskCommand[] = [];
  let sequence = 0;
  let triggerConnections = 0;
  let triggerSubscription: Subscription | undefined;

  const engage = (request: KillRequest): void => {
    const { reason, venues: only } = parseWith(KillRequestSchema, request, 'kill request');
    const at = o.clock.now();
    const venues = only ?? 'all';
    const n = ++sequence;
    if (!state.value.engaged) {
      engagement = [];
      state.next({ engaged: true, at, reason });
    }
    const commands: RiskCommand[] = [{ type: 'cancel-all', id: `${o.name}-${n}-cancel-all`, at, reason, venues }];
    if (request.flatten ?? o.flatten) commands.push({ type: 'flatten', id: `${o.name}-${n}-flatten`, at, reason, venues });
    for (const command of commands) {
      engagement.push(command);
      live.next(command);
    }
  };

  let haltOf: { readonly state: KillSwitchState; readonly status: HaltStatus } | undefined;

  const commands$ = new Observable<RiskCommand>((subscriber) => {
    for (const command of engagement) subscriber.next(command);
    return live.subscribe(subscriber);
  });

  return {
    name: o.name,
    commands$,
    state$: state.asObservable(),
    get engaged() {
      return state.value.engaged;
    },
    trigger(reason, more = {}) {
      engage({ ...more, reason });
    },
    reset() {
      if (!state.value.engaged) return;
      engagement = [];
      state.next({ engaged: false, at: o.clock.now() });
    },
    halt(): HaltStatus | undefined {
      const s = state.value;
      if (!s.engaged) return undefined;
      // One status per engagement: a burst against an engaged switch allocates nothing.
      if (haltOf?.state !== s)
        haltOf = { state: s, status: { policy: o.name, code: RiskReason.KILL_SWITCH, since: s.at, details: { reason: s.reason } } };
      return haltOf.status;
    },
    evaluate: () => approve(),
    connect() {
      const trigger$ = o.trigger$;
      if (trigger$ === undefined) return undefined;
      // One subscription to trigger$ however many gates share the switch, so a trigger fires once.
      if (triggerConnections++ === 0) {
        triggerSubscription = trigger$.subscribe({
          next: (value) => {
            try {
              engage(typeof value === 'string' ? { reason: value } : value);
            } catch (err) {
              // A malformed trigger still stops trading: a kill switch must never fail open.
              engage({ reason: `malformed kill request: ${err instanceof Error ? err.message : String(err)}` });
            }
          },
          error: (err: unknown) => engage({ reason: `trigger$ failed: ${err instanceof Error ? err.message : String(err)}` }),
        });
      }
      return () => {
        if (--triggerConnections === 0) {
          triggerSubscription?.unsubscribe();
          triggerSubscription = undefined;
        }
      };
    },
  };
}
