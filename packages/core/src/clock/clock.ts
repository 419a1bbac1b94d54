import type { SchedulerLike } from 'rxjs';

/**
 * The only source of time in ArBot SDK. Every operator that reads the time or
 * schedules a timer (staleness, cooldowns, throttles, latency models) takes a
 * `Clock`, so the same pipeline runs on wall time live and on virtual time in
 * backtests and tests.
 *
 * @example
 * ```ts
 * const clock: Clock = systemClock;
 * const recvTs = clock.now();
 * timer(1_000, clock.scheduler).subscribe(() => console.log('one second later'));
 * ```
 */
export interface Clock {
  /** Current time in milliseconds since the Unix epoch. */
  now(): number;
  /** An RxJS scheduler whose notion of time is this clock; pass it to `timer`, `delay`, `throttleTime`… */
  readonly scheduler: SchedulerLike;
}
