import type { SchedulerLike } from 'rxjs';
import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import { parseWith } from '../model/parse';
import type { Clock } from './clock';
import { ClockBackwardsError, ClockReentrancyError, RunawayTimersError } from './clock-errors';
import { TimerQueue } from './timer-queue';
import type { RunnableTimer } from './virtual-action';
import { VirtualScheduler } from './virtual-scheduler';

const FiniteTime = z.number().refine(Number.isFinite, { message: 'must be a finite number' });
const StartTime = FiniteTime.refine((t) => t >= 0, { message: 'must be >= 0' });
const Duration = FiniteTime.refine((ms) => ms >= 0, { message: 'must be >= 0' });
const TimerLimit = z.number().int().positive();

/**
 * Options of a {@link VirtualClock}.
 *
 * @example
 * ```ts
 * VirtualClockOptionsSchema.parse({}); // { maxTimersPerInstant: 100000 }
 * ```
 */
export const VirtualClockOptionsSchema = z.object({
  /**
   * How many timers may run at one virtual instant while advancing before the
   * clock gives up with a {@link RunawayTimersError} (guards against `interval(0)`
   * and other timers re-arming themselves with no delay). Default 100,000.
   */
  maxTimersPerInstant: TimerLimit.default(100_000),
});
/**
 * What {@link VirtualClock} accepts as options.
 *
 * @example
 * ```ts
 * const options: VirtualClockOptions = { maxTimersPerInstant: 1_000 };
 * const clock = new VirtualClock(0, options);
 * ```
 */
export type VirtualClockOptions = z.input<typeof VirtualClockOptionsSchema>;

/**
 * A clock that only moves when told to, for backtests and tests. Its
 * `scheduler` is a complete RxJS scheduler: `timer`, `interval`, `delay`,
 * `debounceTime`, `throttleTime`, `timeout`… given `clock.scheduler` fire at
 * exact virtual times when the clock is advanced past them.
 *
 * Timers due at the same time run in the order they were armed (re-arming
 * counts as arming again). While a timer runs, `now()` is its due time; work
 * scheduled with delay 0 from inside a timer runs at that same time within the
 * same advance. If a timer's work throws, the error propagates out of the
 * advancing call, that timer is cancelled, `now()` stays at its due time and
 * later timers stay pending. Negative delays count as 0. Work scheduled from
 * outside an advance, even with delay 0, waits for the next advance
 * (`advanceBy(0)` runs what is due now).
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(1_000);
 * const seen: number[] = [];
 * interval(250, clock.scheduler).pipe(take(3)).subscribe(() => seen.push(clock.now()));
 * clock.advanceBy(1_000);
 * seen; // [1250, 1500, 1750]
 * clock.now(); // 2000
 * ```
 */
export class VirtualClock implements Clock {
  /** RxJS scheduler driven by this clock; pass it to any time-based operator. */
  readonly scheduler: SchedulerLike;
  private current: number;
  private readonly queue = new TimerQueue<RunnableTimer>();
  private nextSeq = 0;
  private running = false;
  private readonly maxTimersPerInstant: number;

  /**
   * @param startMs - initial virtual time in ms (finite, ≥ 0); default 0.
   * @param options - see {@link VirtualClockOptionsSchema}.
   */
  constructor(startMs = 0, options: VirtualClockOptions = {}) {
    this.current = parseWith(StartTime, startMs, 'virtual clock start time');
    this.maxTimersPerInstant = parseWith(VirtualClockOptionsSchema, options, 'virtual clock options').maxTimersPerInstant;
    this.scheduler = new VirtualScheduler(
      { arm: (timer, delay) => this.arm(timer, delay), disarm: (timer) => this.queue.remove(timer) },
      () => this.current,
    );
  }

  /**
   * Current virtual time in ms.
   *
   * @example
   * ```ts
   * new VirtualClock(42).now(); // 42
   * ```
   */
  now(): number {
    return this.current;
  }

  /**
   * Number of armed timers not yet run.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock();
   * timer(10, clock.scheduler).subscribe();
   * clock.pendingTimers; // 1
   * ```
   */
  get pendingTimers(): number {
    return this.queue.size;
  }

  /**
   * Due time of the earliest pending timer, or `undefined` when idle. A
   * replay engine uses it to interleave timers with recorded events.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock(100);
   * timer(50, clock.scheduler).subscribe();
   * clock.nextTimerAt(); // 150
   * ```
   */
  nextTimerAt(): number | undefined {
    return this.queue.peek()?.dueAt;
  }

  /**
   * Moves time forward to `targetMs`, running every timer due at or before it
   * in time order (timers armed meanwhile included), then sets `now()` to
   * `targetMs`. Throws {@link ClockBackwardsError} if `targetMs < now()`,
   * {@link ClockReentrancyError} if called from inside a timer, and
   * {@link RunawayTimersError} if too many timers run at one instant.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock();
   * timer(30, clock.scheduler).subscribe(() => console.log(clock.now())); // logs 30
   * clock.advanceTo(100);
   * ```
   */
  advanceTo(targetMs: number): void {
    // Called once per replayed event: a plain finite number skips the zod parse.
    const target = Number.isFinite(targetMs) ? targetMs : parseWith(FiniteTime, targetMs, 'virtual clock target time');
    if (this.running) throw new ClockReentrancyError(this.current, 'advanceTo');
    if (target < this.current) throw new ClockBackwardsError(this.current, target);
    this.drain(target, Number.POSITIVE_INFINITY);
    this.current = target;
  }

  /**
   * Moves time forward by `ms` (finite, ≥ 0): `advanceTo(now() + ms)`.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock(1_000);
   * clock.advanceBy(500);
   * clock.now(); // 1500
   * ```
   */
  advanceBy(ms: number): void {
    const duration = parseWith(Duration, ms, 'virtual clock advance');
    if (this.running) throw new ClockReentrancyError(this.current, 'advanceBy');
    this.advanceTo(this.current + duration);
  }

  /**
   * Runs pending timers in time order until none is left and returns how many
   * ran; `now()` ends at the last one's due time. Periodic timers never go
   * idle, so after `maxTimers` (default 10,000) it throws
   * {@link RunawayTimersError}.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock();
   * timer(5_000, clock.scheduler).subscribe();
   * clock.runUntilIdle(); // 1
   * clock.now(); // 5000
   * ```
   */
  runUntilIdle(maxTimers = 10_000): number {
    const limit = parseWith(TimerLimit, maxTimers, 'runUntilIdle maxTimers');
    if (this.running) throw new ClockReentrancyError(this.current, 'runUntilIdle');
    return this.drain(Number.POSITIVE_INFINITY, limit);
  }

  private arm(timer: RunnableTimer, delay: number): void {
    if (!Number.isFinite(delay)) {
      throw new ValidationError('timer delay', [{ field: 'delay', value: delay, message: 'must be a finite number of ms' }]);
    }
    this.queue.remove(timer);
    timer.dueAt = this.current + Math.max(0, delay);
    timer.seq = this.nextSeq++;
    this.queue.push(timer);
  }

  private drain(limit: number, maxTimers: number): number {
    this.running = true;
    let ran = 0;
    let ranThisInstant = 0;
    try {
      for (let next = this.queue.peek(); next !== undefined && next.dueAt <= limit; next = this.queue.peek()) {
        if (ran >= maxTimers) throw new RunawayTimersError('total', maxTimers, this.current, this.queue.size);
        ranThisInstant = next.dueAt === this.current ? ranThisInstant + 1 : 1;
        if (ranThisInstant > this.maxTimersPerInstant) {
          throw new RunawayTimersError('instant', this.maxTimersPerInstant, this.current, this.queue.size);
        }
        this.queue.pop();
        this.current = next.dueAt;
        ran++;
        try {
          next.run();
        } catch (err) {
          next.unsubscribe();
          throw err;
        }
      }
    } finally {
      this.running = false;
    }
    return ran;
  }
}
