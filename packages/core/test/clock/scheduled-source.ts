import { Observable, type SchedulerLike } from 'rxjs';

/** A cold source that emits `value` at each `[time, value]` (relative to subscription) and completes at `completeAt`, if given. */
export function scheduledSource<T>(
  scheduler: SchedulerLike,
  events: ReadonlyArray<readonly [number, T]>,
  completeAt?: number,
): Observable<T> {
  return new Observable<T>((subscriber) => {
    for (const [time, value] of events) subscriber.add(scheduler.schedule(() => subscriber.next(value), time));
    if (completeAt !== undefined) subscriber.add(scheduler.schedule(() => subscriber.complete(), completeAt));
  });
}

/** One recorded notification: virtual time, kind and value. */
export type Recorded<T> = readonly [time: number, kind: 'N' | 'E' | 'C', value?: T | string];

/** Subscribes and records every notification with the time read from `now`. */
export function record<T>(source: Observable<T>, now: () => number): Recorded<T>[] {
  const log: Recorded<T>[] = [];
  source.subscribe({
    next: (value) => log.push([now(), 'N', value]),
    error: (err: unknown) => log.push([now(), 'E', err instanceof Error ? err.name : String(err)]),
    complete: () => log.push([now(), 'C']),
  });
  return log;
}
