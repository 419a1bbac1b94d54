import { asyncScheduler } from 'rxjs';
import type { Clock } from './clock';

/**
 * Wall time: `now()` is `Date.now()` and timers run on RxJS's
 * `asyncScheduler` (`setInterval` underneath). Use it live and in paper
 * trading; use a {@link VirtualClock} in backtests and tests.
 *
 * @example
 * ```ts
 * const recvTs = systemClock.now();
 * timer(5_000, systemClock.scheduler).subscribe(() => checkStaleness());
 * ```
 */
export const systemClock: Clock = Object.freeze({
  now: (): number => Date.now(),
  scheduler: asyncScheduler,
});
