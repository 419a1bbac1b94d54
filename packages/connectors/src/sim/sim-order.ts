import {
  Decimal,
  type Fee,
  type Fill,
  isTerminalStatus,
  type Market,
  type Order,
  type OrderRequest,
  type OrderStatus,
  type OrderType,
  type Side,
  type TimeInForce,
} from '@arbot/core';

const ZERO = new Decimal(0);

/**
 * The simulated venue's own mutable record of one order. Everything the
 * outside sees is an immutable {@link SimOrder.snapshot}.
 *
 * @example
 * ```ts
 * const order = new SimOrder({ id: 'sim-1', venue: 'sim', market, request, createdTs: clock.now(), seq: 1, reservedAsset: 'USDT' });
 * order.snapshot().status; // 'new'
 * ```
 */
export class SimOrder {
  readonly id: string;
  readonly clientOrderId: string | undefined;
  readonly venue: string;
  readonly market: Market;
  readonly side: Side;
  readonly type: OrderType;
  readonly timeInForce: TimeInForce;
  readonly postOnly: boolean;
  readonly price: Decimal | undefined;
  /** The limit price as a number for comparisons with book levels; `NaN` for a market order. */
  readonly limit: number;
  readonly amount: Decimal;
  readonly createdTs: number;
  /** Placement order, the time priority among resting orders at one price. */
  readonly seq: number;
  /** Asset reserved under the order's id when it was placed; `undefined` for a market buy. */
  readonly reservedAsset: string | undefined;
  filled: Decimal = ZERO;
  cost: Decimal = ZERO;
  status: OrderStatus = 'new';
  reason: string | undefined = undefined;
  updatedTs: number;
  /** Resolves the `placeOrder` promise when the order reaches the engine. */
  settle: ((order: Order) => void) | undefined = undefined;
  /** Rejects the `placeOrder` promise (venue closed before arrival). */
  fail: ((error: unknown) => void) | undefined = undefined;
  /** The pending `placeOrder` promise, returned again for a duplicate client order id. */
  pending: Promise<Order> | undefined = undefined;
  private readonly fees = new Map<string, Decimal>();
  private fillCount = 0;

  constructor(init: {
    id: string;
    venue: string;
    market: Market;
    request: OrderRequest;
    createdTs: number;
    seq: number;
    reservedAsset: string | undefined;
  }) {
    const { request } = init;
    this.id = init.id;
    this.clientOrderId = request.clientOrderId;
    this.venue = init.venue;
    this.market = init.market;
    this.side = request.side;
    this.type = request.type;
    this.timeInForce = request.timeInForce;
    this.postOnly = request.postOnly;
    this.price = request.type === 'limit' ? request.price : undefined;
    this.limit = this.price === undefined ? Number.NaN : this.price.toNumber();
    this.amount = request.amount;
    this.createdTs = init.createdTs;
    this.updatedTs = init.createdTs;
    this.seq = init.seq;
    this.reservedAsset = init.reservedAsset;
  }

  get symbol(): string {
    return this.market.symbol;
  }

  get remaining(): Decimal {
    return this.amount.minus(this.filled);
  }

  get terminal(): boolean {
    return isTerminalStatus(this.status);
  }

  /** Id for the order's next fill. */
  nextFillId(): string {
    this.fillCount++;
    return `${this.id}-${this.fillCount}`;
  }

  /** Books a fill into the order: amounts, cost, fees and the resulting status. */
  recordFill(fill: Fill, ts: number): void {
    this.filled = this.filled.plus(fill.amount);
    this.cost = this.cost.plus(fill.price.times(fill.amount));
    this.fees.set(fill.fee.asset, (this.fees.get(fill.fee.asset) ?? ZERO).plus(fill.fee.amount));
    this.status = this.filled.gte(this.amount) ? 'filled' : 'partially_filled';
    this.updatedTs = ts;
  }

  /** Moves the order to `status` (with an optional reason). */
  transition(status: OrderStatus, ts: number, reason?: string): void {
    this.status = status;
    this.reason = reason;
    this.updatedTs = ts;
  }

  /** The order as the venue reports it now. */
  snapshot(): Order {
    const fees: Fee[] = [...this.fees.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([asset, amount]) => ({ asset, amount }));
    return {
      id: this.id,
      ...(this.clientOrderId === undefined ? {} : { clientOrderId: this.clientOrderId }),
      venue: this.venue,
      symbol: this.market.symbol,
      side: this.side,
      type: this.type,
      timeInForce: this.timeInForce,
      postOnly: this.postOnly,
      ...(this.price === undefined ? {} : { price: this.price }),
      amount: this.amount,
      filled: this.filled,
      cost: this.cost,
      ...(this.filled.gt(0) ? { average: this.cost.div(this.filled) } : {}),
      status: this.status,
      fees,
      ts: this.createdTs,
      updatedTs: this.updatedTs,
      ...(this.reason === undefined ? {} : { reason: this.reason }),
    };
  }
}
