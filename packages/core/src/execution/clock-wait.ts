import type { Clock } from '../clock/clock';

/** Resolves after `ms` of the clock's time (virtual time under a `VirtualClock`). */
export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => {
    clock.scheduler.schedule(() => resolve(), Math.max(0, ms));
  });
}

/** The value `withTimeout` resolves to when time ran out first. */
export const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * Races `promise` against `ms` of the clock's time. The timer is cancelled
 * as soon as the promise settles, so no virtual timer is left behind.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, clock: Clock): Promise<T | typeof TIMED_OUT> {
  return new Promise<T | typeof TIMED_OUT>((resolve, reject) => {
    const timer = clock.scheduler.schedule(() => resolve(TIMED_OUT), Math.max(0, ms));
    promise.then(
      (value) => {
        timer.unsubscribe();
        resolve(value);
      },
      (err: unknown) => {
        timer.unsubscribe();
        reject(err);
      },
    );
  });
}
