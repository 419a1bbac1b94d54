import { BehaviorSubject, type Observable, Subject } from 'rxjs';
import {
  ArbotError,
  type BalanceSnapshot,
  type Clock,
  Decimal,
  type Fill,
  type Market,
  type Order,
  type OrderRequest,
  type OrderUpdate,
  type TradingVenue,
} from '../../src/index';

/**
 * How the scripted venue treats one order (by client order id):
 * - `fill` (default): match against the book within the limit price;
 * - `reject`: refuse it with an `ArbotError` (nothing placed);
 * - `partial`: fill at most `ratio` of the amount, expire the rest;
 * - `slow-ack`: accept and match it, but answer `placeOrder` only after `ackDelayMs`;
 * - `lost`: the request never reaches the venue and `placeOrder` never answers;
 * - `rest`: accept it and leave it open (no match) until cancelled.
 */
export type Script =
  | { readonly kind: 'fill' }
  | { readonly kind: 'reject' }
  | { readonly kind: 'partial'; readonly ratio: string }
  | { readonly kind: 'slow-ack'; readonly ackDelayMs: number }
  | { readonly kind: 'lost' }
  | { readonly kind: 'rest' };

/** A price level of the scripted book: [price, amount]. */
export type ScriptedLevel = readonly [string, string];

/**
 * A small deterministic trading venue for executor tests: IOC/GTC limit
 * orders match against a scripted static book (liquidity is consumed), fills
 * pay the market's taker fee in the quote asset, balances move, and
 * `orders$` reports each change after `reportDelayMs` of the clock. Behaviour
 * per order comes from `scriptFor(clientOrderId)`.
 */
export class ScriptedVenue implements TradingVenue {
  readonly id: string;
  /** When true, order updates are not published (tests the polling fallback). */
  silent = false;
  /** Every placeOrder request received, in order. */
  readonly requests: OrderRequest[] = [];
  private readonly orders = new Map<string, Order>();
  private readonly fills: Fill[] = [];
  private readonly updates = new Subject<OrderUpdate>();
  private readonly balances: BehaviorSubject<BalanceSnapshot>;
  private readonly totals = new Map<string, Decimal>();
  private readonly books = new Map<string, { bids: [Decimal, Decimal][]; asks: [Decimal, Decimal][] }>();
  private nextId = 1;

  constructor(
    id: string,
    private readonly clock: Clock,
    private readonly markets: readonly Market[],
    start: Readonly<Record<string, string>>,
    private readonly scriptFor: (clientOrderId: string) => Script = () => ({ kind: 'fill' }),
    private readonly reportDelayMs = 5,
  ) {
    this.id = id;
    for (const [asset, amount] of Object.entries(start)) this.totals.set(asset, new Decimal(amount));
    this.balances = new BehaviorSubject(this.snapshot());
  }

  /** Replaces a symbol's book. */
  setBook(symbol: string, bids: readonly ScriptedLevel[], asks: readonly ScriptedLevel[]): void {
    const levels = (ls: readonly ScriptedLevel[]): [Decimal, Decimal][] => ls.map(([p, a]) => [new Decimal(p), new Decimal(a)]);
    this.books.set(symbol, { bids: levels(bids), asks: levels(asks) });
  }

  /** Current total balance of an asset. */
  total(asset: string): Decimal {
    return this.totals.get(asset) ?? new Decimal(0);
  }

  /** Every order the venue holds. */
  allOrders(): Order[] {
    return [...this.orders.values()];
  }

  balances$(): Observable<BalanceSnapshot> {
    return this.balances.asObservable();
  }

  orders$(): Observable<OrderUpdate> {
    return this.updates.asObservable();
  }

  placeOrder(request: OrderRequest): Promise<Order> {
    this.requests.push(request);
    const cid = request.clientOrderId ?? '';
    const script = this.scriptFor(cid);
    if (script.kind === 'reject')
      return Promise.reject(new ArbotError('ORDER_REJECTED', `${this.id} refused ${cid}: insufficient balance`, { cid }));
    if (script.kind === 'lost') return new Promise<Order>(() => undefined);
    if ([...this.orders.values()].some((o) => o.clientOrderId === cid)) {
      return Promise.reject(new ArbotError('ORDER_REJECTED', `duplicate client order id ${cid}`, { cid }));
    }
    const now = this.clock.now();
    const order: Order = {
      id: `${this.id}-${this.nextId++}`,
      clientOrderId: cid,
      venue: this.id,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      timeInForce: request.timeInForce,
      postOnly: false,
      ...(request.price === undefined ? {} : { price: request.price }),
      amount: request.amount,
      filled: new Decimal(0),
      cost: new Decimal(0),
      status: 'new',
      fees: [],
      ts: now,
      updatedTs: now,
    };
    this.orders.set(order.id, order);
    const ack = { ...order };
    if (script.kind !== 'rest') this.match(order.id, script.kind === 'partial' ? new Decimal(script.ratio) : new Decimal(1));
    else this.store({ ...order, status: 'open' });
    if (script.kind === 'slow-ack') {
      return new Promise((resolve) => {
        this.clock.scheduler.schedule(() => resolve(ack), script.ackDelayMs);
      });
    }
    return Promise.resolve(ack);
  }

  cancelOrder(orderId: string, symbol: string): Promise<Order> {
    const order = this.orders.get(orderId);
    if (order === undefined || order.symbol !== symbol)
      return Promise.reject(new ArbotError('UNKNOWN_ORDER', `no order ${orderId}`, { orderId }));
    if (order.status !== 'open' && order.status !== 'new' && order.status !== 'partially_filled') {
      return Promise.reject(new ArbotError('ORDER_NOT_CANCELABLE', `order ${orderId} is ${order.status}`, { orderId }));
    }
    const canceled = this.store({ ...order, status: 'canceled', updatedTs: this.clock.now() });
    return Promise.resolve(canceled);
  }

  fetchOpenOrders(symbol?: string): Promise<readonly Order[]> {
    return Promise.resolve(
      [...this.orders.values()].filter(
        (o) =>
          (symbol === undefined || o.symbol === symbol) && (o.status === 'open' || o.status === 'new' || o.status === 'partially_filled'),
      ),
    );
  }

  fetchOrder(id: string, symbol: string, options: { readonly byClientOrderId?: boolean } = {}): Promise<Order> {
    const order = options.byClientOrderId === true ? [...this.orders.values()].find((o) => o.clientOrderId === id) : this.orders.get(id);
    if (order === undefined || order.symbol !== symbol) return Promise.reject(new ArbotError('UNKNOWN_ORDER', `no order ${id}`, { id }));
    return Promise.resolve(order);
  }

  private match(orderId: string, ratio: Decimal): void {
    const order = this.orders.get(orderId);
    const market = this.markets.find((m) => m.symbol === order?.symbol);
    const book = this.books.get(order?.symbol ?? '');
    if (order === undefined || market === undefined || order.price === undefined) return;
    let remaining = order.amount.times(ratio).toDecimalPlaces(market.precision.amount.decimalPlaces(), Decimal.ROUND_DOWN);
    let current = order;
    const levels = order.side === 'buy' ? (book?.asks ?? []) : (book?.bids ?? []);
    let n = 0;
    for (const level of levels) {
      if (remaining.lte(0)) break;
      const [price, available] = level;
      const crosses = order.side === 'buy' ? price.lte(order.price) : price.gte(order.price);
      if (!crosses || available.lte(0)) continue;
      const amount = Decimal.min(remaining, available);
      level[1] = available.minus(amount);
      remaining = remaining.minus(amount);
      const cost = amount.times(price);
      const fee = cost.times(market.fees.taker);
      const sign = order.side === 'buy' ? 1 : -1;
      this.add(market.base, amount.times(sign));
      this.add(market.quote, cost.times(-sign).minus(fee));
      const filled = current.filled.plus(amount);
      const totalCost = current.cost.plus(cost);
      const feeSoFar = (current.fees[0]?.amount ?? new Decimal(0)).plus(fee);
      current = {
        ...current,
        filled,
        cost: totalCost,
        average: totalCost.div(filled),
        status: filled.gte(current.amount) ? 'filled' : 'partially_filled',
        fees: [{ asset: market.quote, amount: feeSoFar }],
        updatedTs: this.clock.now(),
      };
      const fill: Fill = {
        id: `${order.id}-f${++n}`,
        orderId: order.id,
        clientOrderId: order.clientOrderId ?? '',
        venue: this.id,
        symbol: order.symbol,
        side: order.side,
        price,
        amount,
        fee: { asset: market.quote, amount: fee },
        liquidity: 'taker',
        ts: this.clock.now(),
      };
      this.fills.push(fill);
      this.store(current, fill);
    }
    if (current.status !== 'filled') {
      const final: Order =
        order.timeInForce === 'GTC'
          ? { ...current, status: current.filled.gt(0) ? 'partially_filled' : 'open' }
          : { ...current, status: 'expired' };
      this.store(final);
    }
  }

  private store(order: Order, fill?: Fill): Order {
    this.orders.set(order.id, order);
    const update: OrderUpdate = fill === undefined ? { order } : { order, fill };
    if (!this.silent) this.clock.scheduler.schedule(() => this.updates.next(update), this.reportDelayMs);
    return order;
  }

  private add(asset: string, amount: Decimal): void {
    this.totals.set(asset, this.total(asset).plus(amount));
    this.balances.next(this.snapshot());
  }

  private snapshot(): BalanceSnapshot {
    return {
      venue: this.id,
      ts: this.clock.now(),
      balances: [...this.totals].map(([asset, total]) => ({ venue: this.id, asset, free: Decimal.max(total, 0), locked: new Decimal(0) })),
    };
  }
}
