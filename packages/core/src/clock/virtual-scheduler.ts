import type { SchedulerAction, SchedulerLike, Subscription } from 'rxjs';
import { type TimerHost, VirtualAction } from './virtual-action';

/** An RxJS scheduler whose time is a virtual clock's: `now()` reads it, `schedule` queues on it. */
export class VirtualScheduler implements SchedulerLike {
  constructor(
    private readonly host: TimerHost,
    private readonly time: () => number,
  ) {}

  now(): number {
    return this.time();
  }

  schedule<T>(work: (this: SchedulerAction<T>, state: T) => void, delay = 0, state?: T): Subscription {
    return new VirtualAction<T>(this.host, work).schedule(state, delay);
  }
}
