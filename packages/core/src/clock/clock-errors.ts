import { ArbotError } from '../errors/arbot-error';

/**
 * Thrown by {@link VirtualClock.advanceTo} when asked to move time backwards.
 * Virtual time is monotonic, like the wall clock it stands in for.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(1_000);
 * try {
 *   clock.advanceTo(500);
 * } catch (err) {
 *   if (err instanceof ClockBackwardsError) console.log(err.context); // { now: 1000, target: 500 }
 * }
 * ```
 */
export class ClockBackwardsError extends ArbotError {
  constructor(now: number, target: number) {
    super('CLOCK_BACKWARDS', `Cannot move a virtual clock backwards from ${now} to ${target}`, { now, target });
  }
}

/**
 * Thrown when a virtual clock is advanced from inside one of its own timers.
 * Nested advancing would run later timers before the current one returns and
 * break time order, so it is refused.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * clock.scheduler.schedule(() => clock.advanceBy(10), 5); // the nested advanceBy throws ClockReentrancyError
 * ```
 */
export class ClockReentrancyError extends ArbotError {
  constructor(now: number, operation: string) {
    super('CLOCK_REENTRANT', `Cannot call ${operation} on a virtual clock from inside one of its timers (at ${now})`, {
      now,
      operation,
    });
  }
}

/**
 * Thrown when a virtual clock runs more timers than allowed: in
 * {@link VirtualClock.runUntilIdle} more than `maxTimers` in total (a periodic
 * timer never lets the clock go idle), or, while advancing, more than
 * `maxTimersPerInstant` without time moving (e.g. `interval(0)`). Timers run
 * before the error stay run; the rest stay pending.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * interval(10, clock.scheduler).subscribe();
 * try {
 *   clock.runUntilIdle(100);
 * } catch (err) {
 *   if (err instanceof RunawayTimersError) console.log(err.context.limit); // 100
 * }
 * ```
 */
export class RunawayTimersError extends ArbotError {
  constructor(kind: 'total' | 'instant', limit: number, now: number, pendingTimers: number) {
    const what = kind === 'total' ? 'timers in total' : `timers at the single instant ${now}`;
    super('CLOCK_RUNAWAY_TIMERS', `A virtual clock ran more than ${limit} ${what}; a periodic timer never goes idle`, {
      kind,
      limit,
      now,
      pendingTimers,
    });
  }
}
