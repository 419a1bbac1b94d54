import type { Subscription } from 'rxjs';
import type { Clock } from '../clock/clock';
import type { Journal } from '../journal/journal';
import type { Fill, Order, OrderRequest, OrderUpdate } from '../model/order';
import type { TradingVenue } from '../venue/venue';
import { TIMED_OUT, withTimeout } from './clock-wait';
import { OrderTracker } from './order-tracker';
import { describeError, isDefiniteRejection, isOrderNotFound } from './venue-errors';

/** Timing of the {@link OrderDesk}. */
export interface OrderDeskTiming {
  readonly placementTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly orderTimeoutMs: number;
  readonly resolveAttempts: number;
}

/**
 * Places orders and follows each one to a terminal state: routes `orders$`
 * updates (by client order id, then order id) to trackers, polls
 * `fetchOrder` as a fallback, resolves unknown placements by client order id,
 * cancels orders that stay open too long, and journals every change. Every
 * tracker it creates stays in `live` until terminal, so nothing it sent is
 * ever dropped.
 */
export class OrderDesk {
  /** Trackers not yet terminal. */
  readonly live = new Set<OrderTracker>();
  private readonly byClientId = new Map<string, OrderTracker>();
  private readonly byOrderId = new Map<string, OrderTracker>();
  private readonly subscriptions = new Map<string, Subscription>();
  private disposed = false;

  constructor(
    private readonly venues: ReadonlyMap<string, TradingVenue>,
    private readonly clock: Clock,
    private readonly timing: OrderDeskTiming,
    private readonly journal: Journal | undefined,
    private readonly onJournalError: (err: unknown) => void,
  ) {}

  /** Subscribes to a venue's `orders$` (once) so updates are routed before any order is sent. */
  watch(venueId: string): void {
    if (this.disposed || this.subscriptions.has(venueId)) return;
    const venue = this.venues.get(venueId);
    if (venue === undefined) return;
    const subscription = venue.orders$().subscribe({
      next: (update) => this.route(venueId, update),
      // Polling keeps every order tracked; the next placement re-subscribes.
      error: () => this.subscriptions.delete(venueId),
      complete: () => this.subscriptions.delete(venueId),
    });
    if (!subscription.closed) this.subscriptions.set(venueId, subscription);
  }

  /** A tracker for a request, registered for routing before the order is sent. */
  track(request: OrderRequest, meta: { opportunityId: string; role: OrderTracker['role']; legIndex: number }): OrderTracker {
    const tracker = new OrderTracker(request, meta, this.clock.now());
    this.byClientId.set(this.key(request.venue, tracker.clientOrderId), tracker);
    this.live.add(tracker);
    void tracker.terminal.then(() => this.live.delete(tracker));
    return tracker;
  }

  /**
   * Places the tracker's order and follows it until terminal; resolves with
   * `false` when it is still not terminal after `waitMs` (it stays live and
   * keeps being followed).
   */
  async run(tracker: OrderTracker, waitMs: number): Promise<boolean> {
    const venue = this.venues.get(tracker.venue);
    if (venue === undefined) {
      tracker.markRejected(this.clock.now(), `unknown venue ${tracker.venue}`);
      this.journalOrder(tracker);
      return true;
    }
    this.watch(tracker.venue);
    const following = this.place(venue, tracker).then(() => this.follow(venue, tracker));
    following.catch(() => undefined);
    const finished = await withTimeout(tracker.terminal, waitMs, this.clock);
    return finished !== TIMED_OUT;
  }

  /** Cancels a live order; returns its final state or the error. */
  async cancel(tracker: OrderTracker): Promise<Order | Error> {
    const venue = this.venues.get(tracker.venue);
    const id = tracker.orderId;
    if (venue === undefined || id === undefined) return new Error(`order ${tracker.clientOrderId} has no venue order id yet`);
    try {
      const order = await venue.cancelOrder(id, tracker.symbol);
      this.applyOrder(tracker, order);
      return order;
    } catch (err) {
      await this.refresh(venue, tracker);
      return err instanceof Error ? err : new Error(String(err));
    }
  }

  /** Applies an order state to a tracker and journals it when it moved the order forward. */
  applyOrder(tracker: OrderTracker, order: Order): void {
    if (tracker.apply(order) !== 'applied') return;
    if (tracker.orderId !== undefined) this.byOrderId.set(this.key(tracker.venue, tracker.orderId), tracker);
    this.journalOrder(tracker);
  }

  /** Adds a fill to a tracker and journals it once. */
  applyFill(tracker: OrderTracker, fill: Fill): void {
    if (!tracker.addFill(fill)) return;
    this.append({ type: 'fill', data: { opportunityId: tracker.opportunityId, fill } });
  }

  /** Stops routing and polling. Trackers keep their last state. */
  dispose(): void {
    this.disposed = true;
    for (const subscription of this.subscriptions.values()) subscription.unsubscribe();
    this.subscriptions.clear();
  }

  /** Writes a record without waiting; a failure is reported to the executor. */
  append(record: Parameters<Journal['append']>[0]): void {
    this.journal?.append(record).catch(this.onJournalError);
  }

  private journalOrder(tracker: OrderTracker): void {
    const order = tracker.order;
    if (order !== undefined) this.append({ type: 'order', data: { opportunityId: tracker.opportunityId, order } });
  }

  private route(venueId: string, update: OrderUpdate): void {
    const { order, fill } = update;
    const tracker =
      (order.clientOrderId === undefined ? undefined : this.byClientId.get(this.key(venueId, order.clientOrderId))) ??
      this.byOrderId.get(this.key(venueId, order.id));
    if (tracker === undefined) return;
    this.applyOrder(tracker, order);
    if (fill !== undefined) this.applyFill(tracker, fill);
  }

  private async place(venue: TradingVenue, tracker: OrderTracker): Promise<void> {
    const placing = venue.placeOrder(tracker.request);
    // A late answer still counts: it may carry the order id or the final state.
    placing.then(
      (order) => this.applyOrder(tracker, order),
      () => undefined,
    );
    try {
      const answer = await withTimeout(placing, this.timing.placementTimeoutMs, this.clock);
      if (answer === TIMED_OUT) {
        this.markUnknown(tracker, 'placement timed out');
        return;
      }
      this.applyOrder(tracker, answer);
    } catch (err) {
      if (isDefiniteRejection(err)) {
        tracker.markRejected(this.clock.now(), describeError(err));
        this.journalOrder(tracker);
      } else this.markUnknown(tracker, describeError(err));
    }
  }

  private markUnknown(tracker: OrderTracker, why: string): void {
    if (tracker.order !== undefined) return;
    tracker.markUnknown(this.clock.now());
    this.append({
      type: 'decision',
      data: { opportunityId: tracker.opportunityId, action: 'order-unknown', detail: { clientOrderId: tracker.clientOrderId, why } },
    });
  }

  /** Resolves an unknown order, then polls (and cancels when overdue) until terminal. */
  private async follow(venue: TradingVenue, tracker: OrderTracker): Promise<void> {
    let notFound = 0;
    let cancelSent = false;
    let wake: 'start' | 'change' | 'tick' = 'start';
    while (!tracker.done && !this.disposed) {
      if (tracker.status === 'unknown' || tracker.status === 'pending') {
        if (wake !== 'change') notFound = await this.resolve(venue, tracker, notFound);
      } else if (wake === 'tick') {
        await this.refresh(venue, tracker);
        if (!tracker.done && !cancelSent && this.clock.now() - tracker.sentAt >= this.timing.orderTimeoutMs) {
          cancelSent = true;
          await this.cancel(tracker);
        }
      }
      if (tracker.done || this.disposed) return;
      wake = await this.changeOrTick(tracker);
    }
  }

  /** One query by client order id for an unknown order; returns the updated count of "not found" answers. */
  private async resolve(venue: TradingVenue, tracker: OrderTracker, notFound: number): Promise<number> {
    try {
      this.applyOrder(tracker, await venue.fetchOrder(tracker.clientOrderId, tracker.symbol, { byClientOrderId: true }));
      return notFound;
    } catch (err) {
      if (!isOrderNotFound(err)) return notFound;
      if (notFound + 1 >= this.timing.resolveAttempts && !tracker.done) {
        tracker.markRejected(this.clock.now(), `not on the venue after ${notFound + 1} queries by client order id`);
        this.journalOrder(tracker);
      }
      return notFound + 1;
    }
  }

  private async refresh(venue: TradingVenue, tracker: OrderTracker): Promise<void> {
    const id = tracker.orderId;
    try {
      const order =
        id === undefined
          ? await venue.fetchOrder(tracker.clientOrderId, tracker.symbol, { byClientOrderId: true })
          : await venue.fetchOrder(id, tracker.symbol);
      this.applyOrder(tracker, order);
    } catch {
      // The next tick retries; orders$ may answer first.
    }
  }

  /** Waits for the tracker to change or one poll interval, whichever comes first. */
  private changeOrTick(tracker: OrderTracker): Promise<'change' | 'tick'> {
    return new Promise((resolve) => {
      let stop: () => void = () => undefined;
      const timer = this.clock.scheduler.schedule(() => {
        stop();
        resolve('tick');
      }, this.timing.pollIntervalMs);
      stop = tracker.onChange(() => {
        stop();
        timer.unsubscribe();
        resolve('change');
      });
    });
  }

  private key(venue: string, id: string): string {
    return `${venue}\u0000${id}`;
  }
}
