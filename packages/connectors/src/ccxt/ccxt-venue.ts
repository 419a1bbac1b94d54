import {
  type Balance,
  type BalanceSnapshot,
  book,
  type Candle,
  type Clock,
  type Fill,
  type Market,
  type MarketDataVenue,
  marketFromCcxt,
  type Order,
  type OrderBookStreamOptions,
  type OrderBookView,
  type OrderRequest,
  type OrderUpdate,
  type Ticker,
  type Timeframe,
  type Trade,
  type TradingVenue,
  ValidationError,
} from '@arbot/core';
import ccxt, {
  type Balances,
  type Order as CcxtOrder,
  type OrderBook as CcxtOrderBook,
  type Trade as CcxtTrade,
  type Exchange,
  type OHLCV,
} from 'ccxt';
import { defer, firstValueFrom, merge, Observable, ReplaySubject, Subject, share, tap, timer } from 'rxjs';
import { OrderRejectedError, UnknownExchangeError, VenueClosedError, VenueMismatchError } from './ccxt-venue-errors';
import { type CcxtCallParams, type CcxtVenueOptions, parseCcxtVenueOptions, type ResolvedCcxtVenueOptions } from './ccxt-venue-options';
import { type ConnectionStatus, StatusBoard } from './connection-status';
import { tapMessages } from './message-tap';
import { toBookSnapshot } from './normalize-book';
import { CandleTracker, toTicker, toTrade } from './normalize-market-data';
import { answerFills, balanceSnapshot, toBalances, toFill, toOrder } from './normalize-trading';
import { OrderUpdatePairing } from './order-update-pairing';
import { resilientStream, type StreamContext, type StreamDriver } from './resilient-stream';
import { RestPacer } from './rest-pacer';
import { StreamSlot } from './stream-slot';
import { VenueStats, type VenueStatsSnapshot } from './venue-stats';

/**
 * Result of {@link CcxtVenue.syncClock}.
 *
 * @example
 * ```ts
 * const sync: ClockSync | undefined = await venue.syncClock();
 * ```
 */
export interface ClockSync {
  /** Exchange clock minus local clock, ms (positive: the exchange runs ahead). */
  readonly offsetMs: number;
  /** Round trip of the time request, ms; the offset is exact to within half of it. */
  readonly rttMs: number;
}

/** Built-in ccxt params of watch calls per exchange, merged under the user's `params` (REST calls get the user's only). */
const WATCH_DEFAULTS: Readonly<Record<string, CcxtCallParams>> = {
  // ccxt's default Binance ticker channel (miniTicker) has no best bid/ask.
  binance: { ticker: { name: 'ticker' } },
};

/** `fetchTime` round trips per clock sync. */
const CLOCK_SAMPLES = 3;

/** How long `close()` waits for unsubscribe requests in flight, ms. */
const RELEASE_WAIT_MS = 1_000;

/** Remembered trade ids per stream, to drop repeats after reconnects and between polls. */
const SEEN_TRADE_IDS = 2_000;

/**
 * A ccxt (pro) exchange as an ArBot `MarketDataVenue` and `TradingVenue`:
 * resilient websocket streams (REST polling where ccxt has no watch method)
 * normalized to core events with the exchange `ts` and the local `recvTs`,
 * plus connection status, staleness, latency, clock offset and message-rate
 * measurements. Build one with {@link ccxtVenue}.
 *
 * Streams are shared per arguments: subscribers of the same `orderBook$('BTC/USDT', { depth: 20 })`
 * share one exchange subscription, which stops when the last one unsubscribes; subscribing
 * again starts it afresh. State streams (`orderBook$`, `ticker$`, `balances$`) give a
 * subscriber who joins a running stream the latest value at once; event streams
 * (`trades$`, `candles$`, `orders$`) give what happens from then on.
 *
 * @example
 * ```ts
 * const venue = ccxtVenue('binance');
 * venue.status$.subscribe((s) => console.log(s.stream, s.state, s.reason ?? ''));
 * venue.orderBook$('BTC/USDT', { depth: 10 }).subscribe((view) => console.log(view.bestBid, view.bestAsk));
 * ```
 */
export class CcxtVenue implements MarketDataVenue, TradingVenue {
  /** Venue id carried by every event. */
  readonly id: string;
  /** The underlying ccxt exchange (its websocket message handler is instrumented and its own reconnect backoff disabled). */
  readonly exchange: Exchange;
  /** Every stream's state changes (current states first for late subscribers). */
  readonly status$: Observable<ConnectionStatus>;

  private readonly options: ResolvedCcxtVenueOptions;
  private readonly clock: Clock;
  private readonly board: StatusBoard;
  private readonly venueStats: VenueStats;
  private readonly pacer: RestPacer;
  private readonly closed$ = new ReplaySubject<void>(1);
  private readonly context: StreamContext;
  private readonly shared = new Map<string, Observable<unknown>>();
  /** One per ccxt subscription, shared by the stream runs that use it. */
  private readonly slots = new Map<string, StreamSlot<unknown>>();
  /** Answers to this venue's own placements and cancels, fed into `orders$`. */
  private readonly answers$ = new Subject<{ readonly order: Order; readonly fills: readonly Fill[] }>();
  /** User params for REST calls. */
  private readonly params: CcxtCallParams;
  /** User params over built-in defaults, for watch calls. */
  private readonly watchParams: CcxtCallParams;
  private readonly restoreTap: () => void;
  private readonly releases = new Set<Promise<unknown>>();
  private clockSyncStarted = false;
  private closed = false;

  constructor(exchange: Exchange, options: CcxtVenueOptions = {}) {
    this.options = parseCcxtVenueOptions(options);
    this.exchange = exchange;
    this.id = this.options.id ?? exchange.id;
    this.clock = this.options.clock;
    this.board = new StatusBoard(this.id, () => this.clock.now());
    this.status$ = this.board.changes$;
    this.venueStats = new VenueStats(this.id, () => this.clock.now(), this.options.latencySamples, this.options.rateWindowMs);
    if (this.options.timeoutMs !== undefined) exchange.timeout = this.options.timeoutMs;
    this.pacer = new RestPacer(this.clock, this.options.restMinGapMs ?? exchange.rateLimit ?? 0);
    const defaults = WATCH_DEFAULTS[exchange.id] ?? {};
    const families = ['orderBook', 'trades', 'ticker', 'candles', 'orders', 'balance'] as const;
    this.params = Object.fromEntries(families.map((k) => [k, { ...this.options.params[k] }]));
    this.watchParams = Object.fromEntries(families.map((k) => [k, { ...defaults[k], ...this.options.params[k] }]));
    // This venue paces reconnects itself (backoff with injectable jitter); ccxt's own dial delay would stack on top.
    const ws = (exchange.options.ws ?? {}) as Record<string, unknown>;
    exchange.options.ws = { ...ws, backoff: { ...((ws.backoff as Record<string, unknown> | undefined) ?? {}), base: 0 } };
    // `fetchOpenOrders()` without a symbol means "all of them" here; ccxt would refuse it with a rate-limit warning.
    exchange.options.warnOnFetchOpenOrdersWithoutSymbol = false;
    this.restoreTap = tapMessages(exchange, new Set(this.options.heartbeatFrames), {
      onMessage: () => this.venueStats.recordMessage(),
      onMalformed: () => {
        this.venueStats.malformed++;
      },
    });
    this.context = {
      venue: this.id,
      exchange,
      clock: this.clock,
      board: this.board,
      stats: this.venueStats,
      backoff: this.options.backoff,
      random: this.options.random,
      downAfterAttempts: this.options.downAfterAttempts,
      closed$: this.closed$,
    };
  }

  /**
   * The venue's markets (precision, limits, fees) from ccxt's `loadMarkets`,
   * converted with core's `marketFromCcxt`. Markets ccxt describes too
   * poorly to convert are left out and listed in `stats().skippedMarkets`.
   *
   * @example
   * ```ts
   * const btc = (await venue.markets()).find((m) => m.symbol === 'BTC/USDT');
   * ```
   */
  async markets(): Promise<readonly Market[]> {
    this.assertOpen();
    const loaded = await this.exchange.loadMarkets();
    const out: Market[] = [];
    const skipped: { symbol: string; reason: string }[] = [];
    for (const [symbol, market] of Object.entries(loaded)) {
      try {
        out.push(
          marketFromCcxt(market, {
            venue: this.id,
            precisionMode: this.exchange.precisionMode,
            ...(this.options.defaultFees === undefined ? {} : { defaultFees: this.options.defaultFees }),
          }),
        );
      } catch (err) {
        skipped.push({ symbol, reason: err instanceof Error ? err.message : String(err) });
      }
    }
    this.venueStats.skippedMarkets = skipped;
    return out;
  }

  /**
   * Consistent, immutable views of one book: ccxt maintains the book
   * (snapshot + diffs, sequence checks), each update becomes a core snapshot
   * event run through core's `book()` operator. Gaps resnapshot, staleness
   * resyncs, dropped connections reconnect; a slow subscriber gets the latest
   * book rather than a backlog.
   *
   * @example
   * ```ts
   * venue.orderBook$('ETH/USDT', { depth: 5 }).subscribe((view) => console.log(view.costToBuy(2).average));
   * ```
   */
  orderBook$(symbol: string, options: OrderBookStreamOptions = {}): Observable<OrderBookView> {
    const depth = options.depth;
    if (depth !== undefined && !(Number.isInteger(depth) && depth > 0)) {
      throw new ValidationError('orderBook$ options', [{ field: 'depth', value: depth, message: 'must be a whole number > 0' }]);
    }
    return this.sharedStream(`orderBook:${symbol}:${depth ?? 'all'}`, 'latest', () => {
      const ws = this.useWebsocket('watchOrderBook');
      const name = `orderBook:${symbol}`;
      const driver: StreamDriver<CcxtOrderBook> = {
        ...this.driverBase(name, symbol, ws, true),
        ...(ws
          ? this.watching(
              name,
              () => this.exchange.watchOrderBook(symbol, undefined, this.watchParams.orderBook),
              this.exchange.has.unWatchOrderBook === true
                ? () => this.exchange.unWatchOrderBook(symbol, this.watchParams.orderBook)
                : undefined,
            )
          : { next: () => this.rest(() => this.exchange.fetchOrderBook(symbol, undefined, this.params.orderBook)) }),
      };
      let lastSeq: number | undefined;
      return resilientStream(this.context, driver, (raw, recvTs) => {
        // A poll that finds the book at the same update id has nothing new.
        if (!ws && lastSeq !== undefined && raw.nonce === lastSeq) return [];
        const snapshot = toBookSnapshot(raw, this.id, symbol, depth, recvTs);
        lastSeq = snapshot.seq;
        this.venueStats.recordEvent(raw.timestamp ?? undefined, recvTs);
        return [snapshot];
      }).pipe(
        book({
          ...(depth === undefined ? {} : { depth }),
          onIssue: () => {
            this.venueStats.malformed++;
          },
        }),
      );
    });
  }

  /**
   * Public trades, each once (repeats after a reconnect or between polls are dropped by id).
   *
   * @example
   * ```ts
   * venue.trades$('BTC/USDT').subscribe((t) => console.log(t.side, t.price, t.amount));
   * ```
   */
  trades$(symbol: string): Observable<Trade> {
    return this.sharedStream(`trades:${symbol}`, 'events', () => {
      const ws = this.useWebsocket('watchTrades');
      const name = `trades:${symbol}`;
      const seen = new Set<string>();
      const driver: StreamDriver<CcxtTrade[]> = {
        ...this.driverBase(name, symbol, ws, false),
        ...(ws
          ? this.watching(
              name,
              () => this.exchange.watchTrades(symbol, undefined, undefined, this.watchParams.trades),
              this.exchange.has.unWatchTrades === true ? () => this.exchange.unWatchTrades(symbol, this.watchParams.trades) : undefined,
            )
          : { next: () => this.rest(() => this.exchange.fetchTrades(symbol, undefined, undefined, this.params.trades)) }),
      };
      return resilientStream(this.context, driver, (batch, recvTs) => {
        const out: Trade[] = [];
        for (const raw of batch) {
          const key = raw.id ?? `${raw.timestamp}:${raw.price}:${raw.amount}:${raw.side}`;
          if (seen.has(key)) continue;
          seen.add(key);
          if (seen.size > SEEN_TRADE_IDS) seen.delete(seen.values().next().value as string);
          try {
            const trade = toTrade(raw, this.id, symbol, recvTs);
            this.venueStats.recordEvent(raw.timestamp ?? undefined, recvTs);
            out.push(trade);
          } catch {
            this.venueStats.malformed++;
          }
        }
        return out;
      });
    });
  }

  /**
   * Best bid/ask and last price.
   *
   * @example
   * ```ts
   * venue.ticker$('BTC/USDT').subscribe((t) => console.log(t.bid, t.ask));
   * ```
   */
  ticker$(symbol: string): Observable<Ticker> {
    return this.sharedStream(`ticker:${symbol}`, 'latest', () => {
      const ws = this.useWebsocket('watchTicker');
      const name = `ticker:${symbol}`;
      const driver: StreamDriver<Awaited<ReturnType<Exchange['fetchTicker']>>> = {
        ...this.driverBase(name, symbol, ws, true),
        ...(ws
          ? this.watching(
              name,
              () => this.exchange.watchTicker(symbol, this.watchParams.ticker),
              this.exchange.has.unWatchTicker === true ? () => this.exchange.unWatchTicker(symbol, this.watchParams.ticker) : undefined,
            )
          : { next: () => this.rest(() => this.exchange.fetchTicker(symbol, this.params.ticker)) }),
      };
      return resilientStream(this.context, driver, (raw, recvTs) => {
        const ticker = toTicker(raw, this.id, symbol, recvTs);
        this.venueStats.recordEvent(raw.timestamp ?? undefined, recvTs);
        return [ticker];
      });
    });
  }

  /**
   * OHLCV candles: the forming candle with `closed: false` on each update,
   * then once more with `closed: true` when the next one starts.
   *
   * @example
   * ```ts
   * venue.candles$('BTC/USDT', '1m').pipe(filter((c) => c.closed)).subscribe((c) => console.log(c.close));
   * ```
   */
  candles$(symbol: string, timeframe: Timeframe): Observable<Candle> {
    return this.sharedStream(`candles:${symbol}:${timeframe}`, 'events', () => {
      const ws = this.useWebsocket('watchOHLCV');
      const name = `candles:${symbol}:${timeframe}`;
      const tracker = new CandleTracker(this.id, symbol, timeframe);
      const driver: StreamDriver<OHLCV[]> = {
        ...this.driverBase(name, symbol, ws, false),
        ...(ws
          ? // Never unwatched: ccxt 4.5's okx `unWatchOHLCV` leaves the single-symbol subscription registered, so a
            // later watch would never subscribe again. The subscription stays and the next run picks it up.
            this.watching(
              name,
              () => this.exchange.watchOHLCV(symbol, timeframe, undefined, undefined, this.watchParams.candles),
              undefined,
            )
          : { next: () => this.rest(() => this.exchange.fetchOHLCV(symbol, timeframe, undefined, 2, this.params.candles)) }),
      };
      return resilientStream(this.context, driver, (rows, recvTs) => {
        const candles = tracker.update(rows, recvTs);
        // A candle's ts is its open time, not when the exchange sent it: no latency sample.
        for (let i = 0; i < candles.length; i++) this.venueStats.recordEvent(undefined, recvTs);
        return candles;
      });
    });
  }

  /**
   * Every balance of the account, re-emitted in full on each change: a REST
   * snapshot first (whenever the stream starts, and again after each
   * reconnect), then websocket updates merged into it (or REST polling). A
   * subscriber who joins a running stream gets the latest snapshot at once,
   * so `firstValueFrom(venue.balances$())` always answers promptly.
   *
   * @example
   * ```ts
   * venue.balances$().subscribe((s) => console.log(s.balances.find((b) => b.asset === 'USDT')?.free.toString()));
   * const now = await firstValueFrom(venue.balances$());
   * ```
   */
  balances$(): Observable<BalanceSnapshot> {
    return this.sharedStream('balances', 'latest', () => {
      const ws = this.useWebsocket('watchBalance');
      const byAsset = new Map<string, Balance>();
      let primed = false;
      const watch = ws ? this.watching('balances', () => this.exchange.watchBalance(this.watchParams.balance), undefined) : undefined;
      const next = async (): Promise<Balances> => {
        try {
          if (watch !== undefined && primed) return await watch.next();
          const balances = await this.rest(() => this.exchange.fetchBalance(this.params.balance));
          primed = true;
          return balances;
        } catch (err) {
          primed = false;
          throw err;
        }
      };
      const driver: StreamDriver<Balances> = {
        ...this.driverBase('balances', undefined, ws, false),
        next,
        ...(watch === undefined ? {} : { release: watch.release }),
      };
      return resilientStream(this.context, driver, (raw, recvTs) => {
        for (const balance of toBalances(raw, this.id)) byAsset.set(balance.asset, balance);
        this.venueStats.recordEvent(undefined, recvTs);
        return [balanceSnapshot(this.id, recvTs, byAsset)];
      });
    });
  }

  /**
   * Order changes and the fills behind them. Over websockets, ccxt's
   * `watchOrders` and `watchMyTrades` are paired so that an update carrying a
   * `fill` shows the order with that fill included, in the event-loop turn
   * the exchange's message arrived in; over REST, open orders are polled and
   * orders that leave the open list are fetched once for their final state
   * (no fills). The answers to this venue's own `placeOrder` (with the fills
   * the exchange reports in it, e.g. Binance's) and `cancelOrder` are
   * reported too, so an order placed right after subscribing — before the
   * exchange has confirmed the private subscription — is not missed. Each
   * fill comes once; order states never go back.
   *
   * @example
   * ```ts
   * venue.orders$().subscribe(({ order, fill }) => console.log(order.status, fill?.amount.toString()));
   * ```
   */
  orders$(): Observable<OrderUpdate> {
    return this.sharedStream('orders', 'events', () => (this.useWebsocket('watchOrders') ? this.watchedOrders() : this.polledOrders()));
  }

  /**
   * Places an order (amount and price sent as exact decimal strings, the
   * client order id as ccxt's `clientOrderId`). Exchange refusals throw
   * {@link OrderRejectedError}; when the outcome is unknown (network error)
   * and a client order id was given, the order is looked up by it, else an
   * order with status `unknown` is returned for the caller to resolve.
   *
   * @example
   * ```ts
   * const order = await venue.placeOrder(parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy',
   *   type: 'limit', amount: '0.01', price: '30000', clientOrderId: 'arb-1' }));
   * ```
   */
  async placeOrder(request: OrderRequest): Promise<Order> {
    this.assertOpen();
    if (request.venue !== this.id) throw new VenueMismatchError(this.id, request.venue);
    const params: Record<string, unknown> = { ...this.params.orders };
    if (request.clientOrderId !== undefined) params.clientOrderId = request.clientOrderId;
    if (request.type === 'limit' && request.timeInForce !== 'GTC') params.timeInForce = request.timeInForce;
    if (request.postOnly) params.postOnly = true;
    // ccxt formats amounts and prices from strings without going through binary floats.
    const amount = request.amount.toFixed() as unknown as number;
    const price = request.price === undefined ? undefined : (request.price.toFixed() as unknown as number);
    try {
      const placed = await this.exchange.createOrder(request.symbol, request.type, request.side, amount, price, params);
      const order = toOrder(placed, this.id, this.clock.now(), request);
      this.answers$.next({ order, fills: this.fillsOf(placed, order) });
      return order;
    } catch (err) {
      if (!(err instanceof ccxt.NetworkError) || request.clientOrderId === undefined) throw this.orderError('placeOrder', err);
      try {
        return await this.fetchOrder(request.clientOrderId, request.symbol, { byClientOrderId: true });
      } catch {
        const now = this.clock.now();
        return toOrder({ id: request.clientOrderId, status: 'unknown' } as unknown as CcxtOrder, this.id, now, request);
      }
    }
  }

  /**
   * Cancels an order and resolves with its final state.
   *
   * @example
   * ```ts
   * const canceled = await venue.cancelOrder(order.id, 'BTC/USDT');
   * ```
   */
  async cancelOrder(orderId: string, symbol: string): Promise<Order> {
    this.assertOpen();
    try {
      const canceled = await this.exchange.cancelOrder(orderId, symbol);
      const order =
        canceled.status === undefined || canceled.amount === undefined
          ? await this.fetchOrder(orderId, symbol)
          : toOrder(canceled, this.id, this.clock.now());
      this.answers$.next({ order, fills: [] });
      return order;
    } catch (err) {
      throw this.orderError('cancelOrder', err);
    }
  }

  /**
   * Orders still open, optionally of one symbol.
   *
   * @example
   * ```ts
   * const open = await venue.fetchOpenOrders('BTC/USDT');
   * ```
   */
  async fetchOpenOrders(symbol?: string): Promise<readonly Order[]> {
    this.assertOpen();
    const orders = await this.exchange.fetchOpenOrders(symbol);
    const now = this.clock.now();
    return orders.map((o) => toOrder(o, this.id, now));
  }

  /**
   * One order's current state, by exchange id or (with `byClientOrderId`) by client order id.
   *
   * @example
   * ```ts
   * const order = await venue.fetchOrder('arb-1', 'BTC/USDT', { byClientOrderId: true });
   * ```
   */
  async fetchOrder(id: string, symbol: string, options: { readonly byClientOrderId?: boolean } = {}): Promise<Order> {
    this.assertOpen();
    try {
      const order =
        options.byClientOrderId === true
          ? await this.exchange.fetchOrder(undefined as unknown as string, symbol, { clientOrderId: id, origClientOrderId: id })
          : await this.exchange.fetchOrder(id, symbol);
      return toOrder(order, this.id, this.clock.now());
    } catch (err) {
      throw this.orderError('fetchOrder', err);
    }
  }

  /**
   * Measures the exchange clock's offset from the local clock with ccxt's
   * `fetchTime` (`offset = serverTime − (t0 + t1) / 2`, keeping the shortest
   * of three round trips); the result also
   * corrects latency figures. `undefined` when the exchange has no time
   * endpoint.
   *
   * @example
   * ```ts
   * const sync = await venue.syncClock();
   * if (sync && Math.abs(sync.offsetMs) > 1000) console.warn('exchange clock drift', sync.offsetMs);
   * ```
   */
  async syncClock(): Promise<ClockSync | undefined> {
    this.assertOpen();
    if (this.exchange.has.fetchTime !== true) return undefined;
    let sync: ClockSync | undefined;
    // NTP's rule: the sample with the shortest round trip bounds the error best (a request queued
    // behind ccxt's rate limiter has a long one).
    for (let i = 0; i < CLOCK_SAMPLES; i++) {
      const t0 = this.clock.now();
      const serverTime = await this.exchange.fetchTime();
      const t1 = this.clock.now();
      if (typeof serverTime !== 'number') return undefined;
      if (sync === undefined || t1 - t0 < sync.rttMs) sync = { offsetMs: serverTime - (t0 + t1) / 2, rttMs: t1 - t0 };
    }
    if (sync === undefined) return undefined;
    this.venueStats.clockOffsetMs = sync.offsetMs;
    this.venueStats.clockRttMs = sync.rttMs;
    return sync;
  }

  /**
   * Counters and measurements: messages and their rate, malformed frames,
   * gaps, staleness, reconnects, latency p50/p99, clock offset.
   *
   * @example
   * ```ts
   * const { latency, messagesPerSecond } = venue.stats();
   * console.log(latency?.p99, messagesPerSecond);
   * ```
   */
  stats(): VenueStatsSnapshot {
    return this.venueStats.snapshot();
  }

  /**
   * Stops every stream (they complete), closes the exchange's connections and
   * restores its message handler. Idempotent.
   *
   * @example
   * ```ts
   * await venue.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closed$.next();
    this.closed$.complete();
    this.answers$.complete();
    this.board.complete();
    // Let unsubscribe requests in flight reach the exchange first: ccxt fails to catch a send on a closing socket.
    if (this.releases.size > 0) {
      await Promise.race([Promise.allSettled([...this.releases]), firstValueFrom(timer(RELEASE_WAIT_MS, this.clock.scheduler))]);
    }
    await this.exchange.close();
    this.restoreTap();
  }

  private watchedOrders(): Observable<OrderUpdate> {
    return new Observable<OrderUpdate>((subscriber) => {
      const separateFills = this.exchange.has.watchMyTrades === true;
      const pairing = new OrderUpdatePairing((update) => subscriber.next(update), { separateFills });
      const orders: StreamDriver<CcxtOrder[]> = {
        ...this.driverBase('orders', undefined, true, false),
        ...this.watching('orders', () => this.exchange.watchOrders(undefined, undefined, undefined, this.watchParams.orders), undefined),
      };
      const sources: Observable<unknown>[] = [
        resilientStream(this.context, orders, (batch, recvTs) => this.convert(batch, recvTs, (raw) => toOrder(raw, this.id, recvTs))).pipe(
          tap((order) => pairing.onOrder(order)),
        ),
        this.answers$.pipe(tap((answer) => this.pairAnswer(pairing, answer))),
      ];
      if (separateFills) {
        const fills: StreamDriver<CcxtTrade[]> = {
          ...this.driverBase('fills', undefined, true, false),
          ...this.watching('fills', () => this.exchange.watchMyTrades(undefined, undefined, undefined, this.watchParams.orders), undefined),
        };
        const fills$ = resilientStream(this.context, fills, (batch) =>
          this.convert(batch, undefined, (raw) => toFill(raw, this.id, this.quoteOf(raw.symbol))),
        );
        sources.push(fills$.pipe(tap((fill) => pairing.onFill(fill))));
      }
      const subscription = merge(...sources).subscribe({
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        pairing.dispose();
      };
    });
  }

  private polledOrders(): Observable<OrderUpdate> {
    return new Observable<OrderUpdate>((subscriber) => {
      const pairing = new OrderUpdatePairing((update) => subscriber.next(update), { separateFills: false });
      /** Open orders, to fetch once for their final state when they leave the open list. */
      const known = new Map<string, Order>();
      const follow = (order: Order) => {
        if (order.status === 'open' || order.status === 'partially_filled' || order.status === 'new') known.set(order.id, order);
        else known.delete(order.id);
      };
      const driver: StreamDriver<Order[]> = {
        ...this.driverBase('orders', undefined, false, false),
        next: async () => {
          const open = await this.rest(() => this.exchange.fetchOpenOrders());
          const now = this.clock.now();
          const current = open.map((o) => toOrder(o, this.id, now));
          const openIds = new Set(current.map((o) => o.id));
          const gone = [...known.values()].filter((o) => !openIds.has(o.id));
          const finals = await Promise.all(gone.map((o) => this.rest(() => this.exchange.fetchOrder(o.id, o.symbol))));
          return [...current, ...finals.map((o) => toOrder(o, this.id, this.clock.now()))];
        },
      };
      const polled$ = resilientStream(this.context, driver, (orders, recvTs) => this.convert(orders, recvTs, (order) => order));
      const subscription = merge(
        polled$.pipe(
          tap((order) => {
            follow(order);
            pairing.onOrder(order);
          }),
        ),
        this.answers$.pipe(
          tap((answer) => {
            follow(answer.order);
            this.pairAnswer(pairing, answer);
          }),
        ),
      ).subscribe({ error: (err: unknown) => subscriber.error(err), complete: () => subscriber.complete() });
      return () => {
        subscription.unsubscribe();
        pairing.dispose();
      };
    });
  }

  /** An answer's fills go in first, so that its order state comes out carrying them. */
  private pairAnswer(pairing: OrderUpdatePairing, answer: { readonly order: Order; readonly fills: readonly Fill[] }): void {
    for (const fill of answer.fills) pairing.onFill(fill);
    pairing.onOrder(answer.order);
  }

  /** The fills an exchange reported in its answer to a placement (Binance's `FULL` response), as core fills. */
  private fillsOf(placed: CcxtOrder, order: Order): Fill[] {
    try {
      return answerFills(placed, order, this.quoteOf(order.symbol));
    } catch {
      this.venueStats.malformed++;
      return [];
    }
  }

  private quoteOf(symbol: string | undefined): string {
    return (symbol === undefined ? undefined : this.exchange.markets?.[symbol]?.quote) ?? '';
  }

  /** Converts each item of a batch, counting (and skipping) the ones that do not convert; `recvTs` counts events. */
  private convert<R, T>(batch: readonly R[], recvTs: number | undefined, convert: (raw: R) => T): T[] {
    const out: T[] = [];
    for (const raw of batch) {
      try {
        out.push(convert(raw));
        if (recvTs !== undefined) this.venueStats.recordEvent(undefined, recvTs);
      } catch {
        this.venueStats.malformed++;
      }
    }
    return out;
  }

  /** Common driver fields: name, polling, staleness (book/ticker streams only) and connection keys. */
  private driverBase(
    name: string,
    symbol: string | undefined,
    ws: boolean,
    watchStaleness: boolean,
  ): Pick<StreamDriver<unknown>, 'name' | 'pollIntervalMs' | 'staleAfterMs' | 'connectionKeys'> {
    const poll = ws ? 0 : (this.options.pollIntervalMs ?? Math.max(1_000, this.exchange.rateLimit ?? 0));
    const stale = this.options.staleAfterMs === 0 ? undefined : this.options.staleAfterMs;
    this.startClockSync();
    return {
      name,
      pollIntervalMs: poll,
      // A poller is only late after missing a few polls.
      staleAfterMs: !watchStaleness || stale === undefined ? undefined : Math.max(stale, poll * 3),
      // Read when needed: the markets (and so the market id) may load after the stream starts.
      connectionKeys: () =>
        [symbol, symbol === undefined ? undefined : this.exchange.markets?.[symbol]?.id].filter(
          (k): k is string => typeof k === 'string' && k.length > 0,
        ),
    };
  }

  private useWebsocket(method: 'watchOrderBook' | 'watchTrades' | 'watchTicker' | 'watchOHLCV' | 'watchBalance' | 'watchOrders'): boolean {
    return this.options.transport === 'auto' && this.exchange.has[method] === true;
  }

  /**
   * One stream run's calls over the ccxt subscription `name`: `next` (a call
   * still in flight from an earlier run is picked up, see {@link StreamSlot};
   * markets are loaded first, as some ccxt watch methods need them) and
   * `release` (the last run out unsubscribes with `unwatch`, and
   * {@link CcxtVenue.close} waits for it). Call once per run.
   */
  private watching<R>(
    name: string,
    watch: () => Promise<R>,
    unwatch: (() => Promise<unknown>) | undefined,
  ): { next: () => Promise<R>; release: () => Promise<unknown> } {
    let slot = this.slots.get(name) as StreamSlot<R> | undefined;
    if (slot === undefined) {
      slot = new StreamSlot<R>(this.clock, RELEASE_WAIT_MS);
      this.slots.set(name, slot as StreamSlot<unknown>);
    }
    const used = slot;
    used.enter();
    let left = false;
    return {
      next: () =>
        used.call(async () => {
          if (this.exchange.markets === undefined) await this.exchange.loadMarkets();
          return watch();
        }),
      release: () => {
        if (left) return Promise.resolve();
        left = true;
        const release = used.leave(unwatch);
        if (release === undefined) return Promise.resolve();
        this.releases.add(release);
        void release.finally(() => this.releases.delete(release));
        return release;
      },
    };
  }

  private rest<T>(request: () => Promise<T>): Promise<T> {
    return this.pacer.run(() => {
      this.venueStats.restRequests++;
      return request();
    });
  }

  /**
   * One shared Observable per key. Each run (from the first subscriber until
   * the last one leaves) is built afresh by `create`, so no state of an
   * earlier run leaks into the next; `latest` streams replay their last value
   * to subscribers who join a running stream.
   */
  private sharedStream<T>(key: string, kind: 'latest' | 'events', create: () => Observable<T>): Observable<T> {
    this.assertOpen();
    let stream = this.shared.get(key) as Observable<T> | undefined;
    if (stream === undefined) {
      stream = defer(create).pipe(kind === 'latest' ? share({ connector: () => new ReplaySubject<T>(1) }) : share());
      this.shared.set(key, stream);
    }
    return stream;
  }

  private startClockSync(): void {
    if (this.clockSyncStarted || !this.options.syncClock) return;
    this.clockSyncStarted = true;
    this.syncClock().catch(() => undefined);
  }

  private orderError(action: string, err: unknown): Error {
    if (err instanceof ccxt.BaseError && !(err instanceof ccxt.NetworkError)) {
      return new OrderRejectedError(this.id, action, err.constructor.name, err.message, err);
    }
    return err instanceof Error ? err : new Error(String(err));
  }

  private assertOpen(): void {
    if (this.closed) throw new VenueClosedError(this.id);
  }
}

/**
 * Wraps a ccxt exchange as an ArBot venue. Pass an exchange id (`'binance'`,
 * `'okx'`, `'bybit'`…; the ccxt pro class is used, built with
 * `options.exchangeConfig`) or an exchange instance you configured yourself.
 * Throws {@link UnknownExchangeError} for an id ccxt does not know and a
 * `ValidationError` for bad options.
 *
 * @example
 * ```ts
 * const venue = ccxtVenue('okx', { staleAfterMs: 10_000, exchangeConfig: { apiKey, secret, password } });
 * venue.trades$('BTC/USDT').subscribe(console.log);
 * ```
 */
export function ccxtVenue(exchangeIdOrInstance: string | Exchange, options: CcxtVenueOptions = {}): CcxtVenue {
  if (typeof exchangeIdOrInstance !== 'string') {
    if (
      typeof exchangeIdOrInstance !== 'object' ||
      exchangeIdOrInstance === null ||
      typeof exchangeIdOrInstance.loadMarkets !== 'function'
    ) {
      throw new ValidationError('ccxtVenue exchange', [
        { field: '', value: exchangeIdOrInstance, message: 'must be a ccxt exchange instance or an exchange id' },
      ]);
    }
    return new CcxtVenue(exchangeIdOrInstance, options);
  }
  const config = parseCcxtVenueOptions(options).exchangeConfig;
  const proClasses = ccxt.pro as unknown as Record<string, new (config: Record<string, unknown>) => Exchange>;
  const restClasses = ccxt as unknown as Record<string, unknown>;
  const id = exchangeIdOrInstance;
  const Pro = Object.hasOwn(proClasses, id) ? proClasses[id] : undefined;
  if (Pro !== undefined) return new CcxtVenue(new Pro(config), options);
  if (ccxt.exchanges.includes(id)) {
    const Rest = restClasses[id] as new (config: Record<string, unknown>) => Exchange;
    return new CcxtVenue(new Rest(config), options);
  }
  throw new UnknownExchangeError(id);
}
