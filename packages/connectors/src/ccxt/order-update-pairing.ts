import { canTransition, Decimal, type Fill, type Order, type OrderUpdate } from '@arbot/core';

/** Orders remembered for pairing; older ones are forgotten first. */
const MAX_TRACKED_ORDERS = 1_000;

/** Options of {@link OrderUpdatePairing}. */
export interface OrderUpdatePairingOptions {
  /**
   * Whether fills arrive on a stream of their own (ccxt `watchMyTrades`). If
   * so, an order state showing more filled than the fills reported so far is
   * held until those fills arrive, at most until the end of the current
   * event-loop turn, so the update that reports a fill shows the order including it.
   */
  readonly separateFills: boolean;
  /** Runs a callback once the current event-loop turn's work is done (default `setImmediate`). */
  readonly endOfTurn?: (callback: () => void) => void;
}

interface TrackedOrder {
  /** The most advanced state seen. */
  latest: Order | undefined;
  /** The state last emitted. */
  emitted: Order | undefined;
  /** Base amount of the order reported through emitted fills. */
  reported: Decimal;
  /** Ids of fills seen (emitted or waiting), to drop repeats. */
  readonly fillIds: Set<string>;
  /** Fills no known state of the order includes yet. */
  waiting: Fill[];
  /** `latest` shows fills not reported yet and waits for them until the end of the turn. */
  held: boolean;
}

/**
 * Merges everything a venue learns about its orders — order updates and
 * fills from the exchange's private streams (ccxt `watchOrders` and
 * `watchMyTrades`) and the answers to its own placements and cancels — into
 * one clean sequence of core `OrderUpdate`s:
 * - each fill is emitted once (repeats are dropped by fill id), carrying an
 *   order state that includes it: a fill that arrives before such a state
 *   waits for it, and a state that arrives before its fills waits for them
 *   until the end of the event-loop turn (Binance reports an execution's
 *   trade and order change in one frame, which ccxt hands to two watchers);
 * - order states never go back (a state that is not a permitted, forward
 *   move from the last one — core `canTransition`, filled amount not
 *   lower — is dropped), and a state equal to the last one is not repeated.
 * Memory is bounded to the last 1000 orders.
 *
 * @example
 * ```ts
 * const pairing = new OrderUpdatePairing((update) => subscriber.next(update), { separateFills: true });
 * pairing.onFill(fill); // waits: no state of its order includes it yet
 * pairing.onOrder(order); // emits { order, fill }
 * ```
 */
export class OrderUpdatePairing {
  private readonly tracked = new Map<string, TrackedOrder>();
  private readonly held = new Set<TrackedOrder>();
  private readonly endOfTurn: (callback: () => void) => void;
  private flushScheduled = false;
  private disposed = false;

  constructor(
    private readonly emit: (update: OrderUpdate) => void,
    private readonly options: OrderUpdatePairingOptions,
  ) {
    this.endOfTurn = options.endOfTurn ?? ((callback) => setImmediate(callback));
  }

  /** An order state, from the exchange's order stream or an answer to a request. */
  onOrder(order: Order): void {
    if (this.disposed) return;
    const entry = this.entry(order.id);
    if (entry.latest !== undefined && !movesForward(entry.latest, order)) return;
    entry.latest = order;
    this.reportWaiting(entry, order);
    if (entry.reported.gte(order.filled) || !this.options.separateFills) {
      this.release(entry);
      if (entry.emitted !== order) this.send(entry, { order });
      return;
    }
    entry.held = true;
    this.held.add(entry);
    this.scheduleFlush();
  }

  /** A fill of one of the venue's orders. */
  onFill(fill: Fill): void {
    if (this.disposed) return;
    const entry = this.entry(fill.orderId);
    if (entry.fillIds.has(fill.id)) return;
    entry.fillIds.add(fill.id);
    const order = entry.latest;
    if (order === undefined || entry.reported.plus(fill.amount).gt(order.filled)) {
      entry.waiting.push(fill);
      return;
    }
    entry.reported = entry.reported.plus(fill.amount);
    this.send(entry, { order, fill });
    if (entry.reported.gte(order.filled)) this.release(entry);
  }

  /** Stops emitting; held states are dropped. */
  dispose(): void {
    this.disposed = true;
    this.held.clear();
  }

  /** Emits the waiting fills `order` includes, oldest first. */
  private reportWaiting(entry: TrackedOrder, order: Order): void {
    if (entry.waiting.length === 0) return;
    const still: Fill[] = [];
    for (const fill of entry.waiting) {
      if (entry.reported.plus(fill.amount).gt(order.filled)) {
        still.push(fill);
        continue;
      }
      entry.reported = entry.reported.plus(fill.amount);
      this.send(entry, { order, fill });
    }
    entry.waiting = still;
  }

  private send(entry: TrackedOrder, update: OrderUpdate): void {
    entry.emitted = update.order;
    this.emit(update);
  }

  private release(entry: TrackedOrder): void {
    entry.held = false;
    this.held.delete(entry);
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.endOfTurn(() => {
      this.flushScheduled = false;
      if (this.disposed) return;
      // Fills that did not come with the state: the state goes out on its own.
      const due = [...this.held];
      this.held.clear();
      for (const entry of due) {
        entry.held = false;
        if (entry.latest !== undefined && entry.emitted !== entry.latest) this.send(entry, { order: entry.latest });
      }
    });
  }

  private entry(orderId: string): TrackedOrder {
    let entry = this.tracked.get(orderId);
    if (entry === undefined) {
      entry = { latest: undefined, emitted: undefined, reported: new Decimal(0), fillIds: new Set(), waiting: [], held: false };
      this.tracked.set(orderId, entry);
      if (this.tracked.size > MAX_TRACKED_ORDERS) {
        const oldest = this.tracked.keys().next().value;
        if (oldest !== undefined) {
          const evicted = this.tracked.get(oldest);
          if (evicted !== undefined) this.held.delete(evicted);
          this.tracked.delete(oldest);
        }
      }
    }
    return entry;
  }
}

/** A permitted, forward move: the status may follow, the filled amount does not drop, and something changed. */
function movesForward(from: Order, to: Order): boolean {
  if (!canTransition(from.status, to.status) || to.filled.lt(from.filled)) return false;
  return to.status !== from.status || to.filled.gt(from.filled);
}
