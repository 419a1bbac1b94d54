import { Decimal, type Fill, type Order, type OrderUpdate } from '@arbot/core';

/** Orders remembered for pairing; older ones are forgotten first. */
const MAX_TRACKED_ORDERS = 1_000;

/**
 * Pairs the two private streams of a venue — order updates and fills (ccxt
 * `watchOrders` and `watchMyTrades`) — into core `OrderUpdate`s whose `order`
 * already includes the `fill`. Exchanges send them in either order (Binance
 * reports the trade just before the order update of the same event), so a
 * fill that arrives before its order update is held until that update
 * arrives; a fill whose order update came first is emitted at once with it.
 * Memory is bounded to the last 1000 orders.
 *
 * @example
 * ```ts
 * const pairing = new OrderUpdatePairing();
 * pairing.onOrder(order); // [{ order }] or [{ order, fill }, …] when fills were waiting
 * pairing.onFill(fill); // [] while its order update is still to come
 * ```
 */
export class OrderUpdatePairing {
  private readonly latest = new Map<string, Order>();
  /** Base amount of each order already reported through fills. */
  private readonly attributed = new Map<string, Decimal>();
  private readonly waiting = new Map<string, Fill[]>();

  /** An order update: emits it, carrying any fills that were waiting for it. */
  onOrder(order: Order): OrderUpdate[] {
    this.remember(order);
    const fills = this.waiting.get(order.id);
    if (fills === undefined) return [{ order }];
    this.waiting.delete(order.id);
    const out: OrderUpdate[] = [];
    const remaining: Fill[] = [];
    for (const fill of fills) {
      if (this.covers(order, fill)) {
        this.attribute(fill);
        out.push({ order, fill });
      } else remaining.push(fill);
    }
    if (remaining.length > 0) this.waiting.set(order.id, remaining);
    return out.length > 0 ? out : [{ order }];
  }

  /** A fill: emitted with the latest order state when that state already includes it, else held. */
  onFill(fill: Fill): OrderUpdate[] {
    const order = this.latest.get(fill.orderId);
    if (order !== undefined && this.covers(order, fill)) {
      this.attribute(fill);
      return [{ order, fill }];
    }
    const list = this.waiting.get(fill.orderId) ?? [];
    list.push(fill);
    this.waiting.set(fill.orderId, list);
    return [];
  }

  private covers(order: Order, fill: Fill): boolean {
    const done = this.attributed.get(order.id) ?? new Decimal(0);
    return order.filled.gte(done.plus(fill.amount));
  }

  private attribute(fill: Fill): void {
    this.attributed.set(fill.orderId, (this.attributed.get(fill.orderId) ?? new Decimal(0)).plus(fill.amount));
  }

  private remember(order: Order): void {
    this.latest.delete(order.id);
    this.latest.set(order.id, order);
    if (this.latest.size <= MAX_TRACKED_ORDERS) return;
    const oldest = this.latest.keys().next().value;
    if (oldest === undefined) return;
    this.latest.delete(oldest);
    this.attributed.delete(oldest);
    this.waiting.delete(oldest);
  }
}
