import { ArbotError, Decimal, type Level, type Side, toDecimal } from '@arbot/core';
import type { FakeBook } from './fake-book';
import type { FakeBalance, FakeFill, FakeMarket, FakeMarketEvent, FakeOrder } from './fake-events';

/**
 * Thrown by the fake account when it refuses an order or a cancel; the HTTP
 * layer answers with Binance's error body `{ code, msg }` and `httpStatus`.
 *
 * @example
 * ```ts
 * try { account.place(request); } catch (err) {
 *   if (err instanceof FakeOrderRejectedError) console.log(err.context.binanceCode); // -2010
 * }
 * ```
 */
export class FakeOrderRejectedError extends ArbotError {
  constructor(
    readonly binanceCode: number,
    readonly reason: string,
    readonly httpStatus = 400,
  ) {
    super('FAKE_ORDER_REJECTED', `fake exchange refused: ${reason}`, { binanceCode, reason });
  }
}

/** An order request as the fake account reads it. */
export interface FakeOrderRequest {
  readonly symbol: string;
  readonly side: Side;
  readonly type: 'limit' | 'market';
  readonly amount: Decimal;
  readonly price: Decimal | undefined;
  readonly timeInForce: 'GTC' | 'IOC' | 'FOK';
  readonly postOnly: boolean;
  readonly clientOrderId: string | undefined;
}

/** What the account needs from the exchange around it. */
export interface FakeAccountHost {
  market(symbol: string): FakeMarket;
  book(symbol: string): FakeBook;
  /** Applies taker fills to the public book (pushes diffs) and publishes the trades. */
  consumeLiquidity(symbol: string, side: Side, changes: readonly Level[], fills: readonly { price: number; amount: number }[]): void;
  nextTradeId(): number;
  now(): number;
  emit(event: FakeMarketEvent): void;
}

type MutableBalance = { free: Decimal; locked: Decimal };

/**
 * The single trading account of the fake exchange: balances, orders, and a
 * matching engine that fills taker orders against the scripted public book
 * (consuming its liquidity) and rests GTC remainders. Resting orders are not
 * shown on the public book and fill only through {@link FakeAccount.fillResting}.
 * Like Binance's user data stream, each operation reports its order changes
 * first (`executionReport`s), then one balance change naming every asset it
 * touched (`outboundAccountPosition`).
 */
export class FakeAccount {
  private readonly balanceByAsset = new Map<string, MutableBalance>();
  private readonly orderById = new Map<number, FakeOrder>();
  private nextOrderId = 1;
  /** Assets changed by the operation in progress, reported when it ends. */
  private touched: Set<string> | undefined;

  constructor(
    private readonly host: FakeAccountHost,
    initial: Readonly<Record<string, Decimal>>,
    private readonly fees: { readonly maker: Decimal; readonly taker: Decimal },
  ) {
    for (const [asset, free] of Object.entries(initial)) this.balanceByAsset.set(asset, { free, locked: new Decimal(0) });
  }

  /** Every balance, by asset. */
  balances(): ReadonlyMap<string, FakeBalance> {
    return new Map([...this.balanceByAsset].map(([asset, b]) => [asset, { free: b.free, locked: b.locked }]));
  }

  /** Sets an asset's free balance (scripting deposits). */
  setFree(asset: string, free: Decimal): void {
    this.operation(() => {
      this.balance(asset).free = free;
      this.touch(asset);
    });
  }

  /** Every order ever placed, oldest first. */
  orders(): FakeOrder[] {
    return [...this.orderById.values()];
  }

  /** One order by exchange id or client id. */
  find(by: { readonly id?: number; readonly clientOrderId?: string }): FakeOrder | undefined {
    if (by.id !== undefined) return this.orderById.get(by.id);
    for (const order of this.orderById.values()) if (order.clientOrderId === by.clientOrderId) return order;
    return undefined;
  }

  /** Places an order; returns it after immediate matching. Throws {@link FakeOrderRejectedError}. */
  place(request: FakeOrderRequest): FakeOrder {
    return this.operation(() => this.match(request));
  }

  /** Cancels an open order. Throws {@link FakeOrderRejectedError} (`-2011`) when it is not open. */
  cancel(by: { readonly id?: number; readonly clientOrderId?: string }): FakeOrder {
    return this.operation(() => {
      const order = this.find(by);
      if (order === undefined || (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED')) {
        throw new FakeOrderRejectedError(-2011, 'Unknown order sent.');
      }
      this.release(this.host.market(order.symbol), order, order.amount.minus(order.filled));
      return this.store({ ...order, updatedAt: this.host.now() }, 'CANCELED', 'CANCELED');
    });
  }

  /** Fills a resting order as maker (at its limit price), e.g. to script a counterparty. */
  fillResting(id: number, amount?: Decimal): FakeOrder {
    return this.operation(() => {
      const order = this.orderById.get(id);
      if (order === undefined || order.price === undefined || (order.status !== 'NEW' && order.status !== 'PARTIALLY_FILLED')) {
        throw new FakeOrderRejectedError(-2011, 'Unknown order sent.');
      }
      const open = order.amount.minus(order.filled);
      const take = amount === undefined ? open : Decimal.min(open, amount);
      return this.fill(order, order.price, take, true, this.host.now());
    });
  }

  /** Runs one account operation; the balances it changed are reported once, after its order changes. */
  private operation<T>(run: () => T): T {
    const outer = this.touched === undefined;
    if (outer) this.touched = new Set();
    try {
      return run();
    } finally {
      if (outer) {
        const assets = [...(this.touched ?? [])];
        this.touched = undefined;
        if (assets.length > 0) this.host.emit({ kind: 'balances', assets, ts: this.host.now() });
      }
    }
  }

  private touch(asset: string): void {
    if (this.touched !== undefined) this.touched.add(asset);
    else this.host.emit({ kind: 'balances', assets: [asset], ts: this.host.now() });
  }

  /** Matches a new order against the book: takes what crosses, rests or expires the rest. */
  private match(request: FakeOrderRequest): FakeOrder {
    const market = this.host.market(request.symbol);
    this.check(market, request);
    const book = this.host.book(request.symbol);
    const crossing = crossingLevels(book, request);
    if (request.postOnly && crossing.length > 0) throw new FakeOrderRejectedError(-2010, 'Order would immediately match and take.');
    const available = crossing.reduce((sum, [, amount]) => sum.plus(toDecimal(amount)), new Decimal(0));
    const fillable = Decimal.min(available, request.amount);
    if (request.timeInForce === 'FOK' && fillable.lt(request.amount)) {
      return this.store(this.newOrder(request), 'NEW', 'EXPIRED');
    }
    this.reserve(market, request, crossing);
    const ts = this.host.now();
    let order = this.store(this.newOrder(request), 'NEW', 'NEW');
    let remaining = request.amount;
    const bookChanges: Level[] = [];
    const tape: { price: number; amount: number }[] = [];
    for (const [price, amount] of crossing) {
      if (remaining.lte(0)) break;
      const take = Decimal.min(remaining, toDecimal(amount));
      remaining = remaining.minus(take);
      bookChanges.push([price, toDecimal(amount).minus(take).toNumber()]);
      tape.push({ price, amount: take.toNumber() });
      order = this.fill(order, toDecimal(price), take, false, ts);
    }
    if (bookChanges.length > 0) this.host.consumeLiquidity(request.symbol, request.side, bookChanges, tape);
    if (remaining.gt(0) && (request.type === 'market' || request.timeInForce !== 'GTC')) {
      this.release(market, order, remaining);
      order = this.store({ ...order, updatedAt: ts }, 'EXPIRED', 'EXPIRED');
    }
    return order;
  }

  private check(market: FakeMarket, request: FakeOrderRequest): void {
    if (request.amount.lt(market.minQty) || !request.amount.mod(market.stepSize).isZero()) {
      throw new FakeOrderRejectedError(-1013, 'Filter failure: LOT_SIZE');
    }
    if (request.type === 'limit') {
      if (request.price === undefined) throw new FakeOrderRejectedError(-1102, "Mandatory parameter 'price' was not sent.");
      if (!request.price.mod(market.tickSize).isZero()) throw new FakeOrderRejectedError(-1013, 'Filter failure: PRICE_FILTER');
      if (request.price.times(request.amount).lt(market.minNotional)) throw new FakeOrderRejectedError(-1013, 'Filter failure: NOTIONAL');
    }
    if (request.clientOrderId !== undefined) {
      const open = this.find({ clientOrderId: request.clientOrderId });
      if (open !== undefined && (open.status === 'NEW' || open.status === 'PARTIALLY_FILLED')) {
        throw new FakeOrderRejectedError(-2010, 'Duplicate order sent.');
      }
    }
  }

  /** Locks what the order may spend; refuses it when the free balance is short. */
  private reserve(market: FakeMarket, request: FakeOrderRequest, crossing: readonly Level[]): void {
    if (request.side === 'sell') {
      this.move(market.base, request.amount);
      return;
    }
    const quote =
      request.type === 'limit' && request.price !== undefined ? request.price.times(request.amount) : walkCost(crossing, request.amount);
    this.move(market.quote, quote);
  }

  private move(asset: string, amount: Decimal): void {
    const balance = this.balance(asset);
    if (balance.free.lt(amount)) throw new FakeOrderRejectedError(-2010, 'Account has insufficient balance for requested action.');
    balance.free = balance.free.minus(amount);
    balance.locked = balance.locked.plus(amount);
    this.touch(asset);
  }

  /** Returns the locked funds of `remaining` base to free. */
  private release(market: FakeMarket, order: FakeOrder, remaining: Decimal): void {
    if (remaining.lte(0)) return;
    const asset = order.side === 'sell' ? market.base : market.quote;
    // A market buy reserved exactly the cost of what the book could fill, so its remainder holds nothing.
    const amount =
      order.side === 'sell' ? remaining : order.type === 'market' ? new Decimal(0) : (order.price ?? new Decimal(0)).times(remaining);
    if (amount.lte(0)) return;
    const balance = this.balance(asset);
    const unlocked = Decimal.min(amount, balance.locked);
    balance.locked = balance.locked.minus(unlocked);
    balance.free = balance.free.plus(unlocked);
    this.touch(asset);
  }

  private fill(order: FakeOrder, price: Decimal, amount: Decimal, maker: boolean, ts: number): FakeOrder {
    const market = this.host.market(order.symbol);
    const rate = maker ? this.fees.maker : this.fees.taker;
    const quote = price.times(amount);
    const base = this.balance(market.base);
    const quoteBalance = this.balance(market.quote);
    let fee: Decimal;
    let feeAsset: string;
    if (order.side === 'buy') {
      // A limit buy locked its limit price per base; the fill spends `price` of it and the rest goes back.
      // A market buy locked exactly the cost of its fills.
      const locked = (order.type === 'limit' && order.price !== undefined ? order.price : price).times(amount);
      quoteBalance.locked = quoteBalance.locked.minus(locked);
      quoteBalance.free = quoteBalance.free.plus(locked.minus(quote));
      fee = amount.times(rate);
      feeAsset = market.base;
      base.free = base.free.plus(amount.minus(fee));
    } else {
      base.locked = base.locked.minus(amount);
      fee = quote.times(rate);
      feeAsset = market.quote;
      quoteBalance.free = quoteBalance.free.plus(quote.minus(fee));
    }
    const fill: FakeFill = { tradeId: this.host.nextTradeId(), price, amount, fee, feeAsset, maker, ts };
    const filled = order.filled.plus(amount);
    const next: FakeOrder = {
      ...order,
      filled,
      cost: order.cost.plus(quote),
      updatedAt: ts,
      fills: [...order.fills, fill],
    };
    this.touch(market.base);
    this.touch(market.quote);
    return this.store(next, filled.gte(order.amount) ? 'FILLED' : 'PARTIALLY_FILLED', 'TRADE', fill);
  }

  private newOrder(request: FakeOrderRequest): FakeOrder {
    const id = this.nextOrderId++;
    const ts = this.host.now();
    return {
      id,
      clientOrderId: request.clientOrderId ?? `fake-${id}`,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      timeInForce: request.timeInForce,
      postOnly: request.postOnly,
      price: request.price,
      amount: request.amount,
      filled: new Decimal(0),
      cost: new Decimal(0),
      status: 'NEW',
      createdAt: ts,
      updatedAt: ts,
      fills: [],
    };
  }

  private store(
    order: FakeOrder,
    status: FakeOrder['status'],
    execution: 'NEW' | 'TRADE' | 'CANCELED' | 'EXPIRED',
    fill?: FakeFill,
  ): FakeOrder {
    const next = { ...order, status };
    this.orderById.set(next.id, next);
    this.host.emit(
      fill === undefined
        ? { kind: 'order', order: next, execution, ts: next.updatedAt }
        : { kind: 'order', order: next, execution, fill, ts: next.updatedAt },
    );
    return next;
  }

  private balance(asset: string): MutableBalance {
    let balance = this.balanceByAsset.get(asset);
    if (balance === undefined) {
      balance = { free: new Decimal(0), locked: new Decimal(0) };
      this.balanceByAsset.set(asset, balance);
    }
    return balance;
  }
}

/** Opposite-side levels the order may take, best first. */
function crossingLevels(book: FakeBook, request: FakeOrderRequest): Level[] {
  const levels = request.side === 'buy' ? book.asks() : book.bids();
  if (request.type === 'market' || request.price === undefined) return levels;
  const limit = request.price.toNumber();
  return levels.filter(([price]) => (request.side === 'buy' ? price <= limit : price >= limit));
}

/** Quote needed to buy `amount` base walking `levels` (a market buy reserves exactly this). */
function walkCost(levels: readonly Level[], amount: Decimal): Decimal {
  let remaining = amount;
  let cost = new Decimal(0);
  for (const [price, size] of levels) {
    if (remaining.lte(0)) break;
    const take = Decimal.min(remaining, toDecimal(size));
    cost = cost.plus(toDecimal(price).times(take));
    remaining = remaining.minus(take);
  }
  return cost;
}
