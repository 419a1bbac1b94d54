import { type SchedulerAction, Subscription } from 'rxjs';
import type { QueuedTimer } from './timer-queue';

/** A queued timer the clock can run and cancel, whatever its state type. */
export interface RunnableTimer extends QueuedTimer {
  run(): void;
  unsubscribe(): void;
}

/** The part of a virtual clock an action talks to. */
export interface TimerHost {
  /** Queues `timer` to run `delay` ms from now, replacing any earlier arming. */
  arm(timer: RunnableTimer, delay: number): void;
  /** Takes `timer` off the queue if it is there. */
  disarm(timer: RunnableTimer): void;
}

/**
 * One unit of scheduled work on a virtual clock. Like RxJS's own actions it is
 * a `Subscription` (unsubscribing cancels it) and it can re-arm itself from
 * inside its work with `this.schedule(state, delay)`, which is how `interval`
 * keeps one action for all its ticks.
 */
export class VirtualAction<T> extends Subscription implements SchedulerAction<T>, RunnableTimer {
  dueAt = 0;
  seq = 0;
  queueIndex = -1;
  private state: T | undefined;

  constructor(
    private readonly host: TimerHost,
    private readonly work: (this: SchedulerAction<T>, state: T) => void,
  ) {
    super();
    this.add(() => host.disarm(this));
  }

  /** Arms (or re-arms) this action to run `delay` ms from now with `state`; a closed action stays closed. */
  schedule(state?: T, delay = 0): Subscription {
    if (this.closed) return this;
    this.state = state;
    this.host.arm(this, delay);
    return this;
  }

  /** Runs the work once with the state it was last armed with. */
  run(): void {
    // RxJS passes whatever state the action was armed with, `undefined` included.
    this.work.call(this, this.state as T);
  }
}
