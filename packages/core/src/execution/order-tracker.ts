import type { OrderRole } from '../journal/journal-records';
import { canTransition, type Fill, isTerminalStatus, type Order, type OrderRequest } from '../model/order';
import { Decimal } from '../money/decimal';

/**
 * Where an order stands from the executor's side: `pending` until the venue says anything, then the venue's status.
 *
 * @example
 * ```ts
 * const status: TrackedStatus = tracker.status; // 'pending' | 'unknown' | 'open' | …
 * ```
 */
export type TrackedStatus = 'pending' | Order['status'];

/**
 * What an {@link OrderTracker} did with an update: `applied` (it moved the
 * order forward), `stale` (older than what is known: ignored), `invalid` (an
 * impossible transition, e.g. `filled` → `open`: ignored).
 *
 * @example
 * ```ts
 * tracker.apply(update) === 'applied';
 * ```
 */
export type TrackerVerdict = 'applied' | 'stale' | 'invalid';

/**
 * Follows one order from the moment it is sent to a terminal state. Updates
 * may come from the placement's answer, `orders$` and `fetchOrder` polls in
 * any order; the tracker keeps the most advanced state: an update is taken
 * only if core's `canTransition` allows the status change and the filled
 * amount does not go down. Fills are kept once per fill id.
 *
 * @example
 * ```ts
 * const tracker = new OrderTracker(request, { opportunityId: 'op-1', role: 'leg', legIndex: 0 }, clock.now());
 * tracker.apply(await venue.placeOrder(request));
 * await tracker.terminal;
 * ```
 */
export class OrderTracker {
  readonly request: OrderRequest;
  readonly clientOrderId: string;
  readonly opportunityId: string;
  readonly role: OrderRole;
  readonly legIndex: number;
  /** Clock time the order was handed to the venue, ms. */
  readonly sentAt: number;
  /** Resolves with the final order once the status is terminal. */
  readonly terminal: Promise<Order>;
  private current: Order | undefined;
  private readonly fillsById = new Map<string, Fill>();
  private readonly listeners = new Set<() => void>();
  private settle: (order: Order) => void = () => undefined;

  constructor(request: OrderRequest, meta: { opportunityId: string; role: OrderRole; legIndex: number }, sentAt: number) {
    if (request.clientOrderId === undefined) throw new TypeError('a tracked order needs a client order id');
    this.request = request;
    this.clientOrderId = request.clientOrderId;
    this.opportunityId = meta.opportunityId;
    this.role = meta.role;
    this.legIndex = meta.legIndex;
    this.sentAt = sentAt;
    this.terminal = new Promise((resolve) => {
      this.settle = resolve;
    });
  }

  /** The venue. */
  get venue(): string {
    return this.request.venue;
  }

  /** The symbol. */
  get symbol(): string {
    return this.request.symbol;
  }

  /** The latest known state, `undefined` while pending. */
  get order(): Order | undefined {
    return this.current;
  }

  /** `pending`, `unknown` or the order's status. */
  get status(): TrackedStatus {
    return this.current?.status ?? 'pending';
  }

  /** `true` once the status is terminal. */
  get done(): boolean {
    return this.current !== undefined && isTerminalStatus(this.current.status);
  }

  /** The venue's order id, once known (an `unknown` placeholder carries none). */
  get orderId(): string | undefined {
    return this.current === undefined || this.current.status === 'unknown' ? undefined : this.current.id;
  }

  /** Fills received, in arrival order. */
  get fills(): Fill[] {
    return [...this.fillsById.values()];
  }

  /**
   * Calls `listener` after every applied change; returns the unsubscribe function.
   *
   * @example
   * ```ts
   * tracker.onChange(() => console.log(tracker.status))
   * ```
   */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Takes an order state if it moves the order forward; see {@link TrackerVerdict}.
   *
   * @example
   * ```ts
   * tracker.apply(update.order); // 'applied' | 'stale' | 'invalid'
   * ```
   */
  apply(order: Order): TrackerVerdict {
    const before = this.current;
    if (before !== undefined) {
      if (!canTransition(before.status, order.status)) return isTerminalStatus(before.status) ? 'stale' : 'invalid';
      if (order.filled.lt(before.filled)) return 'stale';
      if (order.status === before.status && order.filled.eq(before.filled) && order.fees.length <= before.fees.length) return 'stale';
    }
    // Keep the client order id even when an update leaves it out.
    this.current = order.clientOrderId === undefined ? { ...order, clientOrderId: this.clientOrderId } : order;
    this.changed();
    return 'applied';
  }

  /**
   * Records a fill (once per id); `false` when it was already known.
   *
   * @example
   * ```ts
   * tracker.addFill(fill); // true the first time, false after
   * ```
   */
  addFill(fill: Fill): boolean {
    if (this.fillsById.has(fill.id)) return false;
    this.fillsById.set(fill.id, fill);
    this.changed();
    return true;
  }

  /**
   * Marks the placement's outcome unknown (a timeout): to be resolved by querying.
   *
   * @example
   * ```ts
   * tracker.markUnknown(clock.now());
   * ```
   */
  markUnknown(now: number): void {
    if (this.current !== undefined) return;
    this.apply(this.placeholder('unknown', now));
  }

  /**
   * Ends an order the venue never had (refused, or not found after a timeout).
   *
   * @example
   * ```ts
   * tracker.markRejected(clock.now(), 'insufficient balance');
   * ```
   */
  markRejected(now: number, reason: string): void {
    if (this.done) return;
    const base = this.current ?? this.placeholder('rejected', now);
    this.current = { ...base, status: 'rejected', updatedTs: now, reason };
    this.changed();
  }

  /**
   * Executed base amount, from the order state (fills may lag behind it).
   *
   * @example
   * ```ts
   * tracker.filled.toString(); // '0.4'
   * ```
   */
  get filled(): Decimal {
    return this.current?.filled ?? new Decimal(0);
  }

  private placeholder(status: 'unknown' | 'rejected', now: number): Order {
    const r = this.request;
    return {
      id: this.clientOrderId,
      clientOrderId: this.clientOrderId,
      venue: r.venue,
      symbol: r.symbol,
      side: r.side,
      type: r.type,
      timeInForce: r.timeInForce,
      postOnly: r.postOnly,
      ...(r.price === undefined ? {} : { price: r.price }),
      amount: r.amount,
      filled: new Decimal(0),
      cost: new Decimal(0),
      status,
      fees: [],
      ts: now,
      updatedTs: now,
    };
  }

  private changed(): void {
    if (this.current !== undefined && isTerminalStatus(this.current.status)) this.settle(this.current);
    for (const listener of [...this.listeners]) listener();
  }
}
