import type { Subscription } from 'rxjs';
import { type CheckedReplayOptions, isAdvanceable } from './replay-options';

/**
 * Holds an event back until its time has come. Returns `undefined` when the
 * event may go out at once (always, for `asap` and `virtual`), or a promise
 * that resolves when it may.
 *
 * @example
 * ```ts
 * const waiting = pacer.wait(event.recvTs);
 * if (waiting !== undefined) await waiting;
 * ```
 */
export interface Pacer {
  wait(timeMs: number): Promise<void> | undefined;
  /** Cancels a pending wait (its promise resolves at once). */
  cancel(): void;
}

/**
 * The pacer for a replay's options.
 *
 * @example
 * ```ts
 * const pacer = createPacer(checkReplayOptions(['a.ndjson.gz'], { clock: new VirtualClock(0) }));
 * ```
 */
export function createPacer(options: CheckedReplayOptions): Pacer {
  const { pacing, clock, speed } = options;
  if (pacing === 'asap' || clock === undefined) return { wait: () => undefined, cancel: () => {} };
  if (pacing === 'virtual') {
    if (!isAdvanceable(clock)) throw new TypeError('virtual pacing needs an advanceable clock');
    return {
      // Never backwards: an event older than the clock (merged files, exchange-time skew) goes out at the current time.
      wait: (timeMs) => {
        if (timeMs > clock.now()) clock.advanceTo(timeMs);
        return undefined;
      },
      cancel: () => {},
    };
  }
  // realtime: each event is due at anchorWall + (its time - first time) / speed, so waiting does not accumulate drift.
  let anchor: { wall: number; time: number } | undefined;
  let pending: { timer: Subscription; resolve: () => void } | undefined;
  return {
    wait(timeMs) {
      if (anchor === undefined) {
        anchor = { wall: clock.now(), time: timeMs };
        return undefined;
      }
      const delay = anchor.wall + (timeMs - anchor.time) / speed - clock.now();
      if (delay <= 0) return undefined;
      return new Promise<void>((resolve) => {
        const timer = clock.scheduler.schedule(() => {
          pending = undefined;
          resolve();
        }, delay);
        pending = { timer, resolve };
      });
    },
    cancel() {
      pending?.timer.unsubscribe();
      pending?.resolve();
      pending = undefined;
    },
  };
}
