import {
  type BalanceSnapshot,
  type Candle,
  type Clock,
  checkOrder,
  Decimal,
  type Fill,
  InsufficientBalanceError,
  type Market,
  type MarketDataVenue,
  MissingPriceError,
  type Order,
  type OrderBookStreamOptions,
  type OrderBookView,
  type OrderRequest,
  type OrderRequestInput,
  OrderRequestSchema,
  type OrderStatus,
  type OrderUpdate,
  PortfolioLedger,
  parseWith,
  type Side,
  type Ticker,
  type Timeframe,
  type Trade,
  type TradingVenue,
  UnknownMarketError,
  ValidationError,
} from '@arbot/core';
import { BehaviorSubject, type Observable, Subject, type Subscription } from 'rxjs';
import { StreamFailedError, VenueClosedError, VenueMismatchError } from '../ccxt/ccxt-venue-errors';
import { type BookSideName, ConsumedLiquidity } from './consumed-liquidity';
import { ReportQueue } from './report-queue';
import { NoBookError, OrderNotCancelableError, UnknownOrderError } from './sim-errors';
import { LatencyModel } from './sim-latency';
import { simMarkets } from './sim-markets';
import { SimOrder } from './sim-order';
import { type ParsedSimVenueOptions, type SimVenueOptions, SimVenueOptionsSchema } from './sim-venue-options';
import { takeLiquidity } from './take-liquidity';

type Report = { readonly kind: 'order'; readonly update: OrderUpdate } | { readonly kind: 'balances'; readonly snapshot: BalanceSnapshot };

/** What the venue knows about one symbol's market data and the orders resting on it. */
interface TrackedBook {
  view: OrderBookView | undefined;
  readonly consumed: ConsumedLiquidity;
  subscription: Subscription | undefined;
  failure: StreamFailedError | undefined;
  /** Resting buys, highest price first, then oldest first. */
  readonly restingBuys: SimOrder[];
  /** Resting sells, lowest price first, then oldest first. */
  readonly restingSells: SimOrder[];
}

const INSUFFICIENT_BALANCE = 'insufficient balance';

/**
 * A simulated exchange: a matching engine over any `MarketDataVenue` (live
 * ccxt, a replay, or books fed by hand), for paper trading and backtests. It
 * is a `TradingVenue` and passes the market data through, so it has the same
 * shape as a live venue and a pipeline cannot tell them apart.
 *
 * **Matching.** An order placed at clock time `t` reaches the engine at
 * `t + placement latency` and is matched against the latest book view of its
 * symbol at that moment. Taker orders walk the opposite side level by level
 * (each level taken is its own `Fill`, at the level's price, with the taker
 * fee). Market orders take what the book has and expire the rest (with time
 * in force `FOK`: all or nothing). Limit orders take the levels at or better
 * than their price; then `IOC` expires the rest, `FOK` fills completely or
 * not at all (judged against the depth at arrival), `GTC` rests. A post-only
 * limit that would take anything is `rejected` instead.
 *
 * **Resting orders and queue position.** Market data never contains our
 * orders, so a resting buy at `P` is filled when a later book view shows asks
 * at or below `P` (a sell: bids at or above `P`): the real book can show a
 * seller at `P` only once every bid at `P` (the queue we joined at its back)
 * was exhausted and the seller still had size left. The order takes those
 * levels' size, at its own price `P`, with the maker fee, one fill per book
 * update. Merely touching `P` from our side (the best bid at `P` shrinking)
 * fills nothing. Our orders never trade with each other.
 *
 * **Consumed liquidity.** What a simulated order took stays taken: a level
 * offers its amount minus what our orders took from it until a later view
 * shows that level with another amount (the exchange updated past it).
 *
 * **Errors.** Problems the exchange would refuse the request for are thrown
 * by `placeOrder` (a rejected promise, nothing placed): `ValidationError`
 * (malformed request; also post-only with IOC/FOK), `VenueMismatchError`, `UnknownMarketError` (symbol not
 * traded), the core `checkOrder` errors (`MinAmountError`, `MinNotionalError`,
 * `PrecisionError`, …), `InsufficientBalanceError` (the free balance, locked
 * funds excluded, cannot cover the order), `NoBookError` (a market order with
 * no book to price it), `MissingPriceError`, `StreamFailedError` (the book
 * feed of the symbol failed), `VenueClosedError`. What depends on the book at
 * arrival comes back as an order: `rejected` (post-only that would take; a
 * market buy that cannot afford a single step) or `expired` (IOC/FOK/market
 * remainders), with a `reason`.
 *
 * **Balances.** Funds are checked and reserved in the ledger when the order
 * is placed, under the order's id: a limit buy reserves amount × price of the
 * quote, a sell (limit or market) its amount of the base; a market buy
 * reserves nothing, must be covered by the free quote at the book at
 * placement, and at arrival takes levels only while the free quote pays for
 * them. Fees are charged in the asset received (buy: base, sell: quote), as
 * Binance does by default, so they never need reserving. A buy filled below
 * its limit gets the difference back at once (what stays reserved is the
 * unfilled amount × the limit); the rest of a reservation is released when
 * the order finishes.
 *
 * **Reporting.** `placeOrder` resolves when the order reaches the engine,
 * with its state after matching (`open`, `partially_filled`, `filled`,
 * `expired`, `rejected`, or `canceled` when a cancel got there first).
 * Every change shows on `orders$` (one update per fill, carrying it) and
 * every balance change on `balances$`, `fillReport` latency after it
 * happened, in order. `cancelOrder` resolves when the cancel reaches the
 * engine. Delays of 0 run at once, without the scheduler. Given the same
 * market data, clock, options and seed, everything is identical.
 *
 * **Markets.** Without the `markets` option they are loaded from the
 * market-data venue, asynchronously: on a virtual clock, `await
 * venue.markets()` before the first order, so that its placement is
 * scheduled at the time it was placed rather than after the clock moved on.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * const venue = simVenue(marketData, {
 *   clock,
 *   balances: { USDT: '10000' },
 *   symbols: ['BTC/USDT'],
 *   latency: { placement: { fixedMs: 50, jitterMs: 10 } },
 *   seed: 42,
 * });
 * venue.orders$().subscribe(({ order, fill }) => console.log(order.status, fill?.price.toString()));
 * const placed = venue.placeOrder({ venue: venue.id, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.01' });
 * clock.advanceBy(60);
 * console.log((await placed).status); // 'filled'
 * ```
 */
export class SimVenue implements TradingVenue, MarketDataVenue {
  /** Venue id stamped on every order, fill and balance. */
  readonly id: string;
  /** The clock every delay and timestamp comes from. */
  readonly clock: Clock;
  /** The portfolio ledger the venue's balances live in (given in the options, or its own). */
  readonly ledger: PortfolioLedger;
  private readonly marketData: MarketDataVenue;
  private readonly options: ParsedSimVenueOptions;
  private readonly latency: LatencyModel;
  private catalog: Map<string, Market> | undefined;
  private catalogLoad: Promise<Map<string, Market>> | undefined;
  private readonly books = new Map<string, TrackedBook>();
  private readonly orders = new Map<string, SimOrder>();
  private readonly byClientOrderId = new Map<string, SimOrder>();
  private readonly open = new Map<string, SimOrder>();
  private readonly finishedIds: string[] = [];
  private finishedHead = 0;
  private readonly updates = new Subject<OrderUpdate>();
  private readonly balanceReports: BehaviorSubject<BalanceSnapshot>;
  private readonly reports: ReportQueue<Report>;
  private readonly timers = new Set<Subscription>();
  private readonly pendingCancels = new Set<(error: unknown) => void>();
  private orderCount = 0;
  /** Bumped on every ledger change this venue makes, so reports carry a balance snapshot only when something changed. */
  private ledgerChanges = 0;
  private closed = false;

  /**
   * Builds the venue: validates the options, deposits the starting balances,
   * and subscribes to the books of the `symbols` to track. Prefer {@link simVenue}.
   *
   * @example
   * ```ts
   * const venue = new SimVenue(marketData, { clock: new VirtualClock(), balances: { USDT: 1000 } });
   * ```
   */
  constructor(marketData: MarketDataVenue, options: SimVenueOptions) {
    const parsed = parseWith(SimVenueOptionsSchema, options, 'simulated venue options');
    this.marketData = marketData;
    this.options = parsed;
    this.id = parsed.id ?? marketData.id;
    this.clock = parsed.clock;
    this.latency = new LatencyModel(parsed.latency, parsed.seed);
    this.ledger = parsed.ledger ?? new PortfolioLedger({ valuationCurrency: parsed.valuationCurrency ?? 'USDT', clock: this.clock });
    if (parsed.valuationCurrency !== undefined && parsed.valuationCurrency !== this.ledger.valuationCurrency) {
      throw new ValidationError('simulated venue options', [
        {
          field: 'valuationCurrency',
          value: parsed.valuationCurrency,
          message: `differs from the ledger's valuation currency ${this.ledger.valuationCurrency}`,
        },
      ]);
    }
    if (parsed.markets !== undefined) this.catalog = simMarkets(parsed.markets, this.id, parsed.fees);
    for (const [asset, amount] of Object.entries(parsed.balances)) {
      if (amount.isZero()) continue;
      const price = asset === this.ledger.valuationCurrency ? undefined : parsed.startPrices[asset];
      this.ledger.deposit(this.id, asset, amount, price === undefined ? {} : { price });
    }
    this.balanceReports = new BehaviorSubject(this.ledger.snapshot(this.id));
    this.reports = new ReportQueue<Report>(this.clock, (report) => {
      if (report.kind === 'order') this.updates.next(report.update);
      else this.balanceReports.next(report.snapshot);
    });
    for (const symbol of parsed.symbols ?? parsed.markets?.map((m) => m.symbol) ?? []) {
      if (this.catalog !== undefined && !this.catalog.has(symbol)) throw new UnknownMarketError(this.id, symbol, true);
      this.track(symbol);
    }
    // Start loading the market-data venue's markets now; a failure is not lost: the next call retries and throws it.
    if (this.catalog === undefined) this.loadCatalog().catch(() => undefined);
  }

  // ── MarketDataVenue: the market data passes through ────────────────────

  /**
   * The markets traded here: the given or the market-data venue's markets,
   * stamped with this venue's id and with the fee overrides applied.
   *
   * @example
   * ```ts
   * const [btc] = await venue.markets();
   * btc?.fees.taker.toString(); // '0.001'
   * ```
   */
  async markets(): Promise<readonly Market[]> {
    this.assertOpen();
    const catalog = this.catalog ?? (await this.loadCatalog());
    return [...catalog.values()];
  }

  /**
   * The market-data venue's book views, unchanged (what the simulated orders
   * consumed is not subtracted: that is the real market).
   *
   * @example
   * ```ts
   * venue.orderBook$('BTC/USDT', { depth: 10 }).subscribe((view) => console.log(view.bestBid));
   * ```
   */
  orderBook$(symbol: string, options?: OrderBookStreamOptions): Observable<OrderBookView> {
    return this.marketData.orderBook$(symbol, options);
  }

  /**
   * The market-data venue's public trades.
   *
   * @example
   * ```ts
   * venue.trades$('BTC/USDT').subscribe((trade) => console.log(trade.price));
   * ```
   */
  trades$(symbol: string): Observable<Trade> {
    return this.marketData.trades$(symbol);
  }

  /**
   * The market-data venue's tickers.
   *
   * @example
   * ```ts
   * venue.ticker$('BTC/USDT').subscribe((ticker) => console.log(ticker.bid, ticker.ask));
   * ```
   */
  ticker$(symbol: string): Observable<Ticker> {
    return this.marketData.ticker$(symbol);
  }

  /**
   * The market-data venue's candles.
   *
   * @example
   * ```ts
   * venue.candles$('BTC/USDT', '1m').subscribe((candle) => console.log(candle.close));
   * ```
   */
  candles$(symbol: string, timeframe: Timeframe): Observable<Candle> {
    return this.marketData.candles$(symbol, timeframe);
  }

  // ── TradingVenue ───────────────────────────────────────────────────────

  /**
   * The venue's balances: the current snapshot on subscription, then one per
   * change, `fillReport` latency after it.
   *
   * @example
   * ```ts
   * venue.balances$().subscribe((snap) => console.log(snap.balances.map((b) => `${b.asset} ${b.free}`)));
   * ```
   */
  balances$(): Observable<BalanceSnapshot> {
    return this.balanceReports.asObservable();
  }

  /**
   * Every order change, with the fill behind it when there is one,
   * `fillReport` latency after it happened.
   *
   * @example
   * ```ts
   * venue.orders$().subscribe(({ order, fill }) => {
   *   if (fill) console.log(order.id, fill.amount.toString(), '@', fill.price.toString());
   * });
   * ```
   */
  orders$(): Observable<OrderUpdate> {
    return this.updates.asObservable();
  }

  /**
   * Checks, reserves funds for and sends an order; resolves when it reaches
   * the engine, with its state after matching. A `clientOrderId` already in
   * use returns that order instead (idempotent retries). See the class
   * documentation for the errors thrown and the matching rules.
   *
   * @example
   * ```ts
   * const order = await venue.placeOrder({ venue: venue.id, symbol: 'BTC/USDT', side: 'buy', type: 'limit',
   *   amount: '0.01', price: '30000', timeInForce: 'IOC', clientOrderId: 'leg-1' });
   * ```
   */
  async placeOrder(request: OrderRequestInput): Promise<Order> {
    this.assertOpen();
    const parsed = parseWith(OrderRequestSchema, request, 'order request');
    if (parsed.venue !== this.id) throw new VenueMismatchError(this.id, parsed.venue);
    if (parsed.postOnly && parsed.timeInForce !== 'GTC') {
      // It could neither take (post-only) nor rest (IOC/FOK): no exchange accepts that.
      throw new ValidationError('order request', [
        { field: 'timeInForce', value: parsed.timeInForce, message: 'a post-only order must be GTC' },
      ]);
    }
    const catalog = this.catalog ?? (await this.loadCatalog());
    return this.submit(parsed, catalog);
  }

  /**
   * Cancels an open order; resolves when the cancel reaches the engine, with
   * the order `canceled` (its unfilled part's reservation released). Throws
   * {@link UnknownOrderError} for an order this venue does not know on
   * `symbol`, and {@link OrderNotCancelableError} when the order has finished
   * already, or finishes before the cancel arrives.
   *
   * @example
   * ```ts
   * const canceled = await venue.cancelOrder(order.id, 'BTC/USDT');
   * canceled.status; // 'canceled'
   * ```
   */
  async cancelOrder(orderId: string, symbol: string): Promise<Order> {
    this.assertOpen();
    const order = this.lookup(orderId, symbol, false);
    if (order.terminal) throw new OrderNotCancelableError(order.snapshot());
    return new Promise<Order>((resolve, reject) => {
      this.pendingCancels.add(reject);
      this.after(this.latency.next('cancel'), () => {
        this.pendingCancels.delete(reject);
        if (order.terminal) {
          reject(new OrderNotCancelableError(order.snapshot()));
          return;
        }
        const reports: Report[] = [];
        const changes = this.ledgerChanges;
        this.finish(order, 'canceled', reports);
        this.publish(reports, this.ledgerChanges !== changes);
        resolve(order.snapshot());
      });
    });
  }

  /**
   * Orders not finished yet (including those still on their way to the
   * engine), oldest first, optionally of one symbol.
   *
   * @example
   * ```ts
   * for (const order of await venue.fetchOpenOrders('BTC/USDT')) await venue.cancelOrder(order.id, order.symbol);
   * ```
   */
  async fetchOpenOrders(symbol?: string): Promise<readonly Order[]> {
    this.assertOpen();
    const out: Order[] = [];
    for (const order of this.open.values()) if (symbol === undefined || order.symbol === symbol) out.push(order.snapshot());
    return out;
  }

  /**
   * One order's current state, by venue id or (with `byClientOrderId`) by
   * client order id; throws {@link UnknownOrderError} when there is none on `symbol`.
   *
   * @example
   * ```ts
   * const order = await venue.fetchOrder('leg-1', 'BTC/USDT', { byClientOrderId: true });
   * ```
   */
  async fetchOrder(id: string, symbol: string, options: { readonly byClientOrderId?: boolean } = {}): Promise<Order> {
    this.assertOpen();
    return this.lookup(id, symbol, options.byClientOrderId === true).snapshot();
  }

  /**
   * Stops the venue: unsubscribes from the market data, drops pending timers
   * and reports, rejects pending placements and cancels with
   * `VenueClosedError`, and completes `orders$` and `balances$`. Resting
   * orders are left as they are (with their reservations); cancel them first
   * for a clean ledger.
   *
   * @example
   * ```ts
   * await venue.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) timer.unsubscribe();
    this.timers.clear();
    this.reports.clear();
    for (const book of this.books.values()) book.subscription?.unsubscribe();
    const error = new VenueClosedError(this.id);
    for (const order of this.open.values()) order.fail?.(error);
    for (const reject of this.pendingCancels) reject(error);
    this.pendingCancels.clear();
    this.updates.complete();
    this.balanceReports.complete();
  }

  // ── placement ──────────────────────────────────────────────────────────

  private submit(request: OrderRequest, catalog: Map<string, Market>): Promise<Order> {
    this.assertOpen();
    const duplicate = request.clientOrderId === undefined ? undefined : this.byClientOrderId.get(request.clientOrderId);
    if (duplicate !== undefined) return duplicate.pending ?? Promise.resolve(duplicate.snapshot());
    const market = catalog.get(request.symbol);
    if (market === undefined) throw new UnknownMarketError(this.id, request.symbol, true);
    const book = this.track(request.symbol);
    if (book.failure !== undefined) throw book.failure;
    this.requireQuoteMark(market);
    const referencePrice = request.type === 'market' ? this.referencePrice(book, request.side, market.symbol) : undefined;
    checkOrder(market, {
      symbol: market.symbol,
      side: request.side,
      type: request.type,
      amount: request.amount,
      price: request.price,
      referencePrice,
    });
    const id = `${this.id}-${this.orderCount + 1}`;
    const reservedAsset = this.reserveFunds(id, market, request, book, referencePrice);
    this.orderCount++;
    const order = new SimOrder({ id, venue: this.id, market, request, createdTs: this.clock.now(), seq: this.orderCount, reservedAsset });
    this.orders.set(id, order);
    this.open.set(id, order);
    if (order.clientOrderId !== undefined) this.byClientOrderId.set(order.clientOrderId, order);
    const pending = new Promise<Order>((resolve, reject) => {
      order.settle = resolve;
      order.fail = reject;
    });
    order.pending = pending;
    if (reservedAsset !== undefined) {
      this.ledgerChanges++;
      this.publish([], true);
    }
    this.after(this.latency.next('placement'), () => this.arrive(order));
    return pending;
  }

  /** Best opposite price of the book now: what a market order's notional is judged at. */
  private referencePrice(book: TrackedBook, side: Side, symbol: string): Decimal {
    const price = side === 'buy' ? book.view?.bestAsk : book.view?.bestBid;
    if (price === undefined) throw new NoBookError(this.id, symbol, side);
    return new Decimal(price);
  }

  /** A fill on a pair with neither asset in the valuation currency is valued through the quote's mark. */
  private requireQuoteMark(market: Market): void {
    const v = this.ledger.valuationCurrency;
    if (market.base !== v && market.quote !== v && this.ledger.price(market.quote) === undefined) {
      throw new MissingPriceError(market.quote, v);
    }
  }

  /** Checks and reserves what the order may spend; returns the reserved asset (none for a market buy). */
  private reserveFunds(
    id: string,
    market: Market,
    request: OrderRequest,
    book: TrackedBook,
    referencePrice: Decimal | undefined,
  ): string | undefined {
    if (request.side === 'sell') {
      this.ledger.reserve(this.id, market.base, request.amount, id);
      return market.base;
    }
    if (request.type === 'limit' && request.price !== undefined) {
      this.ledger.reserve(this.id, market.quote, request.amount.times(request.price), id);
      return market.quote;
    }
    // A market buy's cost is only known at arrival; judge it now at the book's depth (the unfilled part at the worst level).
    const walk = takeLiquidity(book.view, book.consumed, {
      side: 'buy',
      want: request.amount,
      limit: undefined,
      step: market.precision.amount,
      budget: undefined,
    });
    const last = walk.takes.at(-1);
    const worst = last === undefined ? (referencePrice ?? new Decimal(0)) : new Decimal(last.price);
    const estimate = walk.cost.plus(request.amount.minus(walk.filled).times(worst));
    const free = this.ledger.balance(this.id, market.quote).free;
    if (free.lt(estimate)) {
      throw new InsufficientBalanceError({ venue: this.id, asset: market.quote, bucket: 'free', requested: estimate, available: free });
    }
    return undefined;
  }

  // ── matching ───────────────────────────────────────────────────────────

  private arrive(order: SimOrder): void {
    if (!order.terminal) {
      const reports: Report[] = [];
      const changes = this.ledgerChanges;
      this.match(order, reports);
      this.publish(reports, this.ledgerChanges !== changes);
    }
    const settle = order.settle;
    order.settle = undefined;
    order.fail = undefined;
    order.pending = undefined;
    settle?.(order.snapshot());
  }

  private match(order: SimOrder, reports: Report[]): void {
    const book = this.track(order.symbol);
    const step = order.market.precision.amount;
    const limit = order.type === 'limit' ? order.limit : undefined;
    if (order.postOnly) {
      const crossing = takeLiquidity(book.view, book.consumed, { side: order.side, want: step, limit, step, budget: undefined });
      if (crossing.filled.gt(0)) this.finish(order, 'rejected', reports, 'post-only order would take liquidity');
      else this.rest(order, book, reports);
      return;
    }
    const marketBuy = order.type === 'market' && order.side === 'buy';
    const budget = marketBuy ? this.ledger.balance(this.id, order.market.quote).free : undefined;
    const taken = takeLiquidity(book.view, book.consumed, { side: order.side, want: order.remaining, limit, step, budget });
    if (order.timeInForce === 'FOK' && taken.filled.lt(order.remaining)) {
      this.finish(order, 'expired', reports, taken.budgetLimited ? INSUFFICIENT_BALANCE : 'FOK order cannot be filled in full');
      return;
    }
    const side = bookSideTakenBy(order.side);
    for (const take of taken.takes) {
      book.consumed.take(side, take.price, take.levelAmount, take.amount);
      this.fill(order, take.priceDecimal, take.amount, 'taker', reports);
    }
    if (order.terminal) return;
    if (order.type === 'limit' && order.timeInForce === 'GTC') {
      this.rest(order, book, reports);
    } else if (taken.budgetLimited && order.filled.isZero()) {
      this.finish(order, 'rejected', reports, INSUFFICIENT_BALANCE);
    } else {
      const why = taken.budgetLimited ? INSUFFICIENT_BALANCE : order.type === 'market' ? 'no more liquidity in the book' : 'IOC remainder';
      this.finish(order, 'expired', reports, why);
    }
  }

  /** Puts a GTC limit order on the (simulated) book, behind our older orders at its price. */
  private rest(order: SimOrder, book: TrackedBook, reports: Report[]): void {
    if (order.status === 'new') {
      order.transition('open', this.clock.now());
      reports.push({ kind: 'order', update: { order: order.snapshot() } });
    }
    const buying = order.side === 'buy';
    const list = buying ? book.restingBuys : book.restingSells;
    // Behind every order at a better or equal price.
    let at = list.length;
    while (at > 0) {
      const ahead = list[at - 1] as SimOrder;
      if (buying ? ahead.limit >= order.limit : ahead.limit <= order.limit) break;
      at--;
    }
    list.splice(at, 0, order);
  }

  /** Fills resting orders from a new book view, best price first, older first at a price. */
  private onView(book: TrackedBook, view: OrderBookView): void {
    book.consumed.refresh(view);
    book.view = view;
    if (book.restingBuys.length === 0 && book.restingSells.length === 0) return;
    const reports: Report[] = [];
    this.fillResting(book, book.restingBuys, reports);
    this.fillResting(book, book.restingSells, reports);
    if (reports.length > 0) this.publish(reports, true);
  }

  private fillResting(book: TrackedBook, list: readonly SimOrder[], reports: Report[]): void {
    for (const order of [...list]) {
      if (order.price === undefined) continue;
      const step = order.market.precision.amount;
      const taken = takeLiquidity(book.view, book.consumed, {
        side: order.side,
        want: order.remaining,
        limit: order.limit,
        step,
        budget: undefined,
      });
      // Orders behind this one have worse prices: what this one cannot reach, neither can they.
      if (taken.filled.isZero()) break;
      const side = bookSideTakenBy(order.side);
      for (const take of taken.takes) book.consumed.take(side, take.price, take.levelAmount, take.amount);
      this.fill(order, order.price, taken.filled, 'maker', reports);
    }
  }

  /** Books one fill: ledger, order, report. Fees are charged in the asset received. */
  private fill(order: SimOrder, price: Decimal, amount: Decimal, liquidity: 'maker' | 'taker', reports: Report[]): void {
    const { base, quote } = order.market;
    const buying = order.side === 'buy';
    const rate = order.market.fees[liquidity];
    const fill: Fill = {
      id: order.nextFillId(),
      orderId: order.id,
      ...(order.clientOrderId === undefined ? {} : { clientOrderId: order.clientOrderId }),
      venue: this.id,
      symbol: order.symbol,
      side: order.side,
      price,
      amount,
      fee: { asset: buying ? base : quote, amount: (buying ? amount : price.times(amount)).times(rate) },
      liquidity,
      ts: this.clock.now(),
    };
    this.ledger.applyFill(fill, { base, quote }, order.reservedAsset === undefined ? {} : { fromLocked: true, reservationKey: order.id });
    this.ledgerChanges++;
    order.recordFill(fill, fill.ts);
    if (order.terminal) this.retire(order);
    else if (buying && order.reservedAsset === quote && order.price !== undefined) {
      // A taker fill below the limit frees the price improvement: the rest stays reserved at the limit.
      const held = this.ledger.reserved(this.id, quote, order.id);
      const needed = order.remaining.times(order.price);
      if (held.gt(needed)) this.ledger.release(this.id, quote, held.minus(needed), order.id);
    }
    reports.push({ kind: 'order', update: { order: order.snapshot(), fill } });
  }

  /** Ends an order that did not fill completely. */
  private finish(order: SimOrder, status: OrderStatus, reports: Report[], reason?: string): void {
    order.transition(status, this.clock.now(), reason);
    this.retire(order);
    reports.push({ kind: 'order', update: { order: order.snapshot() } });
  }

  /** Bookkeeping of a finished order: release what is left reserved, forget the oldest finished orders. */
  private retire(order: SimOrder): void {
    const asset = order.reservedAsset;
    if (asset !== undefined) {
      const held = this.ledger.reserved(this.id, asset, order.id);
      if (held.gt(0)) {
        this.ledger.release(this.id, asset, held, order.id);
        this.ledgerChanges++;
      }
    }
    this.open.delete(order.id);
    const book = this.books.get(order.symbol);
    if (book !== undefined) {
      for (const list of [book.restingBuys, book.restingSells]) {
        const at = list.indexOf(order);
        if (at >= 0) list.splice(at, 1);
      }
    }
    this.finishedIds.push(order.id);
    while (this.finishedIds.length - this.finishedHead > this.options.maxFinishedOrders) {
      const oldId = this.finishedIds[this.finishedHead++] as string;
      const old = this.orders.get(oldId);
      this.orders.delete(oldId);
      if (old?.clientOrderId !== undefined && this.byClientOrderId.get(old.clientOrderId) === old) {
        this.byClientOrderId.delete(old.clientOrderId);
      }
    }
    if (this.finishedHead > 1024 && this.finishedHead * 2 > this.finishedIds.length) {
      this.finishedIds.splice(0, this.finishedHead);
      this.finishedHead = 0;
    }
  }

  // ── plumbing ───────────────────────────────────────────────────────────

  /** Queues reports (and, when balances changed, a balance snapshot taken now) for delivery after the report latency. */
  private publish(reports: Report[], balancesChanged: boolean): void {
    if (balancesChanged) reports.push({ kind: 'balances', snapshot: this.ledger.snapshot(this.id) });
    if (reports.length > 0) this.reports.push(reports, this.latency.next('fillReport'));
  }

  /** Runs `work` after `delay` ms of the clock; at once when the delay is 0. */
  private after(delay: number, work: () => void): void {
    if (delay <= 0) {
      work();
      return;
    }
    const timer = this.clock.scheduler.schedule(() => {
      this.timers.delete(timer);
      work();
    }, delay);
    this.timers.add(timer);
  }

  private track(symbol: string): TrackedBook {
    const known = this.books.get(symbol);
    if (known !== undefined) return known;
    const book: TrackedBook = {
      view: undefined,
      consumed: new ConsumedLiquidity(),
      subscription: undefined,
      failure: undefined,
      restingBuys: [],
      restingSells: [],
    };
    this.books.set(symbol, book);
    const depth = this.options.bookDepth;
    book.subscription = this.marketData.orderBook$(symbol, depth === undefined ? {} : { depth }).subscribe({
      next: (view) => this.onView(book, view),
      error: (err: unknown) => {
        book.failure = new StreamFailedError(this.id, `orderBook$ ${symbol}`, err instanceof Error ? err.message : String(err), err);
      },
    });
    return book;
  }

  private loadCatalog(): Promise<Map<string, Market>> {
    this.catalogLoad ??= this.marketData.markets().then(
      (markets) => {
        this.catalog ??= simMarkets(markets, this.id, this.options.fees);
        return this.catalog;
      },
      (err: unknown) => {
        // Let a later call try again rather than caching the failure.
        this.catalogLoad = undefined;
        throw err;
      },
    );
    return this.catalogLoad;
  }

  private lookup(id: string, symbol: string, byClientOrderId: boolean): SimOrder {
    const order = byClientOrderId ? this.byClientOrderId.get(id) : this.orders.get(id);
    if (order === undefined || order.symbol !== symbol) throw new UnknownOrderError(this.id, id, symbol, byClientOrderId);
    return order;
  }

  private assertOpen(): void {
    if (this.closed) throw new VenueClosedError(this.id);
  }
}

/** A buy takes the asks, a sell the bids. */
function bookSideTakenBy(side: Side): BookSideName {
  return side === 'buy' ? 'asks' : 'bids';
}

/**
 * Builds a simulated venue over a market-data venue: see {@link SimVenue} for
 * the matching, latency and error rules and {@link SimVenueOptionsSchema} for
 * the options.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock();
 * const venue = simVenue(replayVenue('btc.ndjson.gz', { venue: 'binance', clock }), {
 *   clock,
 *   balances: { USDT: '10000' },
 *   symbols: ['BTC/USDT'],
 *   fees: { 'BTC/USDT': { maker: '0', taker: '0.00075' } },
 * });
 * ```
 */
export function simVenue(marketData: MarketDataVenue, options: SimVenueOptions): SimVenue {
  return new SimVenue(marketData, options);
}
