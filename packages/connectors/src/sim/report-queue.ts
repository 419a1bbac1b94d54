import type { Clock } from '@arbot/core';
import type { Subscription } from 'rxjs';

/**
 * Delivers batches of reports after a delay, never out of order: a batch is
 * due at `max(now + delay, due time of the batch before)`, so jittered
 * delays cannot make a fill show up before the order update preceding it.
 * A batch due now with nothing waiting is delivered at once; deliveries
 * that happen while another is running (a subscriber reacting to a report)
 * are queued behind it.
 *
 * @example
 * ```ts
 * const queue = new ReportQueue<OrderUpdate>(clock, (u) => updates.next(u));
 * queue.push([update], 5); // delivered 5 ms later, after anything queued before
 * ```
 */
export class ReportQueue<R> {
  private lastDueAt = Number.NEGATIVE_INFINITY;
  private waiting = 0;
  private readonly ready: R[] = [];
  private delivering = false;
  private readonly timers = new Set<Subscription>();

  constructor(
    private readonly clock: Clock,
    private readonly deliver: (report: R) => void,
  ) {}

  /** Queues `reports` for delivery `delay` ms from now (in order after anything queued before). */
  push(reports: readonly R[], delay: number): void {
    if (reports.length === 0) return;
    const now = this.clock.now();
    const dueAt = Math.max(now + delay, this.lastDueAt);
    this.lastDueAt = dueAt;
    if (dueAt <= now && this.waiting === 0) {
      this.run(reports);
      return;
    }
    this.waiting++;
    const timer = this.clock.scheduler.schedule(() => {
      this.timers.delete(timer);
      this.waiting--;
      this.run(reports);
    }, dueAt - now);
    this.timers.add(timer);
  }

  /** Drops every batch not yet delivered. */
  clear(): void {
    for (const timer of this.timers) timer.unsubscribe();
    this.timers.clear();
    this.waiting = 0;
    this.ready.length = 0;
  }

  private run(reports: readonly R[]): void {
    for (const report of reports) this.ready.push(report);
    if (this.delivering) return;
    this.delivering = true;
    try {
      // Index loop: reports queued by subscribers during delivery join the end.
      for (let i = 0; i < this.ready.length; i++) this.deliver(this.ready[i] as R);
    } finally {
      this.ready.length = 0;
      this.delivering = false;
    }
  }
}
