import { Decimal, type Side } from '@arbot/core';
import { FakeOrderRejectedError, type FakeOrderRequest } from './fake-account';
import type { FakeConnection, FakeEndpoint } from './fake-connection';
import type { FakeCandle, FakeFill, FakeMarket, FakeMarketEvent, FakeOrder } from './fake-events';
import type { FakeHttpRequest, FakeHttpResponse, ProtocolAdapter } from './protocol-adapter';
import type { ScriptedMarket } from './scripted-market';
import { intervalMs, wireLevel, wireNumber } from './wire-format';

const ok = (body: unknown): FakeHttpResponse => ({ status: 200, body });
const fail = (status: number, code: number, msg: string): FakeHttpResponse => ({ status, body: { code, msg } });

/**
 * Binance spot, as far as ccxt's `binance` class uses it: public REST
 * (`/api/v3/exchangeInfo`, `depth`, `ticker/24hr`, `trades`, `aggTrades`, `klines`, `time`),
 * signed REST (`account`, `order`, `openOrders`; any signature is accepted),
 * the market stream endpoint (`SUBSCRIBE` to `<id>@depth@100ms`, `@trade`,
 * `@ticker`, `@miniTicker`, `@bookTicker`, `@kline_<i>`) and the ws-api user
 * data stream (`userDataStream.subscribe.signature` → `executionReport`,
 * `outboundAccountPosition`).
 */
export class BinanceProtocol implements ProtocolAdapter {
  private nextUserStreamId = 0;

  constructor(private readonly market: ScriptedMarket) {}

  endpointOf(path: string): FakeEndpoint | undefined {
    if (path.startsWith('/ws-api/')) return 'binance-api';
    // `/ws/v5/…` is OKX's.
    if ((path === '/ws' || path.startsWith('/ws/') || path.startsWith('/stream')) && !path.startsWith('/ws/v5/')) return 'binance-stream';
    return undefined;
  }

  handleHttp(request: FakeHttpRequest): FakeHttpResponse | undefined {
    if (!request.path.startsWith('/api/v3/')) return undefined;
    const route = `${request.method} ${request.path.slice('/api/v3/'.length)}`;
    const p = request.params;
    try {
      switch (route) {
        case 'GET ping':
          return ok({});
        case 'GET time':
          return ok({ serverTime: this.market.now() });
        case 'GET exchangeInfo':
          return ok(this.exchangeInfo());
        case 'GET depth':
          return this.withMarket(p, (m) => ok(this.depth(m, Number(p.get('limit') ?? 100))));
        case 'GET ticker/24hr':
          return this.withMarket(p, (m) => ok(this.ticker24h(m)));
        case 'GET ticker/bookTicker':
          return this.withMarket(p, (m) => ok(this.bookTicker(m)));
        case 'GET trades':
          return this.withMarket(p, (m) => ok(this.trades(m, Number(p.get('limit') ?? 500))));
        case 'GET aggTrades':
          return this.withMarket(p, (m) => ok(this.aggTrades(m, Number(p.get('limit') ?? 500))));
        case 'GET klines':
          return this.withMarket(p, (m) => this.klines(m, p.get('interval') ?? ''));
        case 'GET account':
          return ok(this.account());
        case 'POST order':
          return this.withMarket(p, (m) => ok(this.orderResponse(this.market.account.place(orderRequest(m, p)), true)));
        case 'DELETE order':
          return ok(this.orderResponse(this.market.account.cancel(orderRef(p)), false));
        case 'GET order': {
          const order = this.market.account.find(orderRef(p));
          return order === undefined ? fail(400, -2013, 'Order does not exist.') : ok(this.orderResponse(order, false));
        }
        case 'GET openOrders': {
          const symbol = p.get('symbol');
          const open = this.market.account
            .orders()
            .filter((o) => o.status === 'NEW' || o.status === 'PARTIALLY_FILLED')
            .filter((o) => symbol === null || this.market.market(o.symbol).binanceId === symbol);
          return ok(open.map((o) => this.orderResponse(o, false)));
        }
        case 'POST userDataStream':
          return ok({ listenKey: 'fake-listen-key' });
        case 'PUT userDataStream':
        case 'DELETE userDataStream':
          return ok({});
        default:
          return fail(404, -1, `the fake exchange does not implement ${route}`);
      }
    } catch (err) {
      if (err instanceof FakeOrderRejectedError) return fail(err.httpStatus, err.binanceCode, err.reason);
      throw err;
    }
  }

  onFrame(connection: FakeConnection, text: string): void {
    const message = parseJson(text);
    if (message === undefined) return;
    if (connection.endpoint === 'binance-api') {
      this.onApiRequest(connection, message);
      return;
    }
    const method = message.method;
    const params = Array.isArray(message.params) ? message.params.filter((s): s is string => typeof s === 'string') : [];
    if (method === 'SUBSCRIBE') {
      for (const stream of params) {
        connection.subscribe(stream);
        this.trackCandles(stream);
      }
    } else if (method === 'UNSUBSCRIBE') {
      for (const stream of params) connection.unsubscribe(stream);
    } else if (method === 'LIST_SUBSCRIPTIONS') {
      connection.send({ result: [...connection.subscriptions], id: message.id }, 'reply');
      return;
    }
    connection.send({ result: null, id: message.id }, 'reply');
  }

  onMarketEvent(event: FakeMarketEvent, connections: ReadonlySet<FakeConnection>): void {
    if (event.kind === 'order' || event.kind === 'balances') {
      const payload = event.kind === 'order' ? executionReport(this.market.market(event.order.symbol), event) : this.accountPosition(event);
      for (const c of connections)
        if (c.endpoint === 'binance-api' && c.userStreamId !== undefined)
          c.send({ subscriptionId: c.userStreamId, event: payload }, 'data');
      return;
    }
    const market = this.market.market(event.symbol);
    const prefix = `${market.binanceId.toLowerCase()}@`;
    const frames = new Map<string, unknown>();
    for (const c of connections) {
      if (c.endpoint !== 'binance-stream') continue;
      for (const stream of c.subscriptions) {
        if (!stream.startsWith(prefix)) continue;
        const suffix = stream.slice(prefix.length);
        // Frames are built only for streams someone listens to, once per event.
        if (!frames.has(suffix)) frames.set(suffix, this.frameFor(event, market, suffix));
        const frame = frames.get(suffix);
        if (frame !== undefined) c.send(frame, 'data');
      }
    }
  }

  /** The frame of one market event on the stream `<id>@<suffix>`, or `undefined` when the event is not for that stream. */
  private frameFor(event: FakeMarketEvent, market: FakeMarket, suffix: string): unknown {
    switch (event.kind) {
      case 'book':
        return suffix === 'depth' || suffix.startsWith('depth@')
          ? {
              e: 'depthUpdate',
              E: event.ts,
              s: market.binanceId,
              U: event.firstId,
              u: event.lastId,
              b: event.bids.map(wireLevel),
              a: event.asks.map(wireLevel),
            }
          : undefined;
      case 'trade':
        return suffix === 'trade' || suffix === 'aggTrade'
          ? {
              e: suffix,
              E: event.ts,
              s: market.binanceId,
              [suffix === 'trade' ? 't' : 'a']: event.id,
              p: wireNumber(event.price),
              q: wireNumber(event.amount),
              T: event.ts,
              // The buyer is the maker exactly when the taker sold.
              m: event.side === 'sell',
              M: true,
            }
          : undefined;
      case 'ticker':
        if (suffix === 'ticker') return { e: '24hrTicker', E: event.ts, ...this.ticker24hFields(market) };
        if (suffix === 'miniTicker') return miniTicker(this.ticker24hFields(market), event.ts);
        if (suffix === 'bookTicker') return { u: this.market.book(market.symbol).lastUpdateId, ...this.bookTicker(market) };
        return undefined;
      case 'candle':
        return suffix === `kline_${binanceInterval(event.candle.timeframeMs)}`
          ? { e: 'kline', E: event.ts, s: market.binanceId, k: kline(market, event.candle) }
          : undefined;
      default:
        return undefined;
    }
  }

  private onApiRequest(connection: FakeConnection, message: Record<string, unknown>): void {
    const id = message.id;
    switch (message.method) {
      case 'userDataStream.subscribe':
      case 'userDataStream.subscribe.signature': {
        connection.userStreamId = this.nextUserStreamId++;
        connection.subscribe('userDataStream');
        connection.send({ id, status: 200, result: { subscriptionId: connection.userStreamId } }, 'reply');
        return;
      }
      case 'userDataStream.unsubscribe':
        connection.userStreamId = undefined;
        connection.unsubscribe('userDataStream');
        connection.send({ id, status: 200, result: {} }, 'reply');
        return;
      case 'ping':
        connection.send({ id, status: 200, result: {} }, 'reply');
        return;
      case 'time':
        connection.send({ id, status: 200, result: { serverTime: this.market.now() } }, 'reply');
        return;
      default:
        connection.send(
          { id, status: 400, error: { code: -1, msg: `the fake exchange does not implement ${String(message.method)}` } },
          'reply',
        );
    }
  }

  private trackCandles(stream: string): void {
    const match = /^([a-z0-9]+)@kline_(\w+)$/.exec(stream);
    const market = match === null ? undefined : this.market.marketById(match[1] ?? '');
    const ms = intervalMs(match?.[2] ?? '');
    if (market !== undefined && ms !== undefined) this.market.trackCandles(market.symbol, ms);
  }

  private withMarket(params: URLSearchParams, answer: (market: FakeMarket) => FakeHttpResponse): FakeHttpResponse {
    const market = this.market.marketById(params.get('symbol') ?? '');
    return market === undefined ? fail(400, -1121, 'Invalid symbol.') : answer(market);
  }

  private exchangeInfo(): unknown {
    return {
      timezone: 'UTC',
      serverTime: this.market.now(),
      rateLimits: [
        { rateLimitType: 'REQUEST_WEIGHT', interval: 'MINUTE', intervalNum: 1, limit: 6000 },
        { rateLimitType: 'ORDERS', interval: 'SECOND', intervalNum: 10, limit: 100 },
      ],
      exchangeFilters: [],
      symbols: this.market.listed().map((m) => ({
        symbol: m.binanceId,
        status: 'TRADING',
        baseAsset: m.base,
        baseAssetPrecision: 8,
        quoteAsset: m.quote,
        quotePrecision: 8,
        quoteAssetPrecision: 8,
        baseCommissionPrecision: 8,
        quoteCommissionPrecision: 8,
        orderTypes: ['LIMIT', 'LIMIT_MAKER', 'MARKET'],
        icebergAllowed: false,
        ocoAllowed: false,
        quoteOrderQtyMarketAllowed: true,
        isSpotTradingAllowed: true,
        isMarginTradingAllowed: false,
        filters: [
          { filterType: 'PRICE_FILTER', minPrice: m.tickSize.toFixed(), maxPrice: '1000000', tickSize: m.tickSize.toFixed() },
          { filterType: 'LOT_SIZE', minQty: m.minQty.toFixed(), maxQty: '9000', stepSize: m.stepSize.toFixed() },
          { filterType: 'NOTIONAL', minNotional: m.minNotional.toFixed(), applyMinToMarket: true, maxNotional: '9000000', avgPriceMins: 5 },
        ],
        permissions: ['SPOT'],
        permissionSets: [['SPOT']],
        defaultSelfTradePreventionMode: 'NONE',
        allowedSelfTradePreventionModes: ['NONE'],
      })),
    };
  }

  private depth(market: FakeMarket, limit: number): unknown {
    const book = this.market.book(market.symbol);
    const n = Number.isFinite(limit) && limit > 0 ? limit : 100;
    return { lastUpdateId: book.lastUpdateId, bids: book.bids(n).map(wireLevel), asks: book.asks(n).map(wireLevel) };
  }

  private ticker24hFields(market: FakeMarket): Record<string, unknown> {
    const book = this.market.book(market.symbol);
    const [bid] = book.bids(1);
    const [ask] = book.asks(1);
    const last = this.market.lastPrice(market.symbol) ?? (bid !== undefined && ask !== undefined ? (bid[0] + ask[0]) / 2 : 0);
    const volume = this.market.volume(market.symbol);
    const now = this.market.now();
    return {
      s: market.binanceId,
      p: '0',
      P: '0',
      w: wireNumber(last),
      x: wireNumber(last),
      c: wireNumber(last),
      Q: '0',
      b: wireNumber(bid?.[0] ?? 0),
      B: wireNumber(bid?.[1] ?? 0),
      a: wireNumber(ask?.[0] ?? 0),
      A: wireNumber(ask?.[1] ?? 0),
      o: wireNumber(last),
      h: wireNumber(last),
      l: wireNumber(last),
      v: wireNumber(volume.base),
      q: wireNumber(volume.quote),
      O: now - 86_400_000,
      C: now,
      F: 0,
      L: 0,
      n: 0,
    };
  }

  private ticker24h(market: FakeMarket): unknown {
    const f = this.ticker24hFields(market);
    return {
      symbol: f.s,
      priceChange: f.p,
      priceChangePercent: f.P,
      weightedAvgPrice: f.w,
      prevClosePrice: f.x,
      lastPrice: f.c,
      lastQty: f.Q,
      bidPrice: f.b,
      bidQty: f.B,
      askPrice: f.a,
      askQty: f.A,
      openPrice: f.o,
      highPrice: f.h,
      lowPrice: f.l,
      volume: f.v,
      quoteVolume: f.q,
      openTime: f.O,
      closeTime: f.C,
      firstId: f.F,
      lastId: f.L,
      count: f.n,
    };
  }

  private bookTicker(market: FakeMarket): Record<string, unknown> {
    const book = this.market.book(market.symbol);
    const [bid] = book.bids(1);
    const [ask] = book.asks(1);
    return {
      s: market.binanceId,
      b: wireNumber(bid?.[0] ?? 0),
      B: wireNumber(bid?.[1] ?? 0),
      a: wireNumber(ask?.[0] ?? 0),
      A: wireNumber(ask?.[1] ?? 0),
    };
  }

  private trades(market: FakeMarket, limit: number): unknown {
    return this.market
      .recentTrades(market.symbol)
      .slice(-Math.max(1, limit))
      .map((t) => ({
        id: t.id,
        price: wireNumber(t.price),
        qty: wireNumber(t.amount),
        quoteQty: wireNumber(t.price * t.amount),
        time: t.ts,
        isBuyerMaker: t.side === 'sell',
        isBestMatch: true,
      }));
  }

  /** Each fake trade is its own aggregate (one taker order, one price). */
  private aggTrades(market: FakeMarket, limit: number): unknown {
    return this.market
      .recentTrades(market.symbol)
      .slice(-Math.max(1, limit))
      .map((t) => ({ a: t.id, p: wireNumber(t.price), q: wireNumber(t.amount), f: t.id, l: t.id, T: t.ts, m: t.side === 'sell', M: true }));
  }

  private klines(market: FakeMarket, interval: string): FakeHttpResponse {
    const ms = intervalMs(interval);
    if (ms === undefined) return fail(400, -1120, 'Invalid interval.');
    const candle = this.market.trackCandles(market.symbol, ms);
    if (candle === undefined) return ok([]);
    const k = kline(market, candle);
    return ok([[k.t, k.o, k.h, k.l, k.c, k.v, k.T, k.q, k.n, '0', '0', '0']]);
  }

  private account(): unknown {
    const balances = [...this.market.account.balances()].map(([asset, b]) => ({
      asset,
      free: b.free.toFixed(),
      locked: b.locked.toFixed(),
    }));
    return {
      makerCommission: 10,
      takerCommission: 10,
      buyerCommission: 0,
      sellerCommission: 0,
      canTrade: true,
      canWithdraw: true,
      canDeposit: true,
      updateTime: this.market.now(),
      accountType: 'SPOT',
      balances,
      permissions: ['SPOT'],
    };
  }

  private accountPosition(event: Extract<FakeMarketEvent, { kind: 'balances' }>): unknown {
    const all = this.market.account.balances();
    return {
      e: 'outboundAccountPosition',
      E: event.ts,
      u: event.ts,
      B: event.assets.map((asset) => {
        const b = all.get(asset);
        return { a: asset, f: b?.free.toFixed() ?? '0', l: b?.locked.toFixed() ?? '0' };
      }),
    };
  }

  private orderResponse(order: FakeOrder, withFills: boolean): Record<string, unknown> {
    const market = this.market.market(order.symbol);
    const base = {
      symbol: market.binanceId,
      orderId: order.id,
      orderListId: -1,
      clientOrderId: order.clientOrderId,
      price: (order.price ?? new Decimal(0)).toFixed(),
      origQty: order.amount.toFixed(),
      executedQty: order.filled.toFixed(),
      cummulativeQuoteQty: order.cost.toFixed(),
      status: order.status,
      timeInForce: order.timeInForce,
      type: binanceOrderType(order),
      side: order.side.toUpperCase(),
      workingTime: order.createdAt,
      selfTradePreventionMode: 'NONE',
    };
    if (withFills) {
      return {
        ...base,
        transactTime: order.updatedAt,
        fills: order.fills.map((f) => ({
          price: f.price.toFixed(),
          qty: f.amount.toFixed(),
          commission: f.fee.toFixed(),
          commissionAsset: f.feeAsset,
          tradeId: f.tradeId,
        })),
      };
    }
    return {
      ...base,
      stopPrice: '0',
      icebergQty: '0',
      time: order.createdAt,
      updateTime: order.updatedAt,
      isWorking: true,
      origQuoteOrderQty: '0',
    };
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function orderRequest(market: FakeMarket, p: URLSearchParams): FakeOrderRequest {
  const rawType = (p.get('type') ?? '').toUpperCase();
  const side: Side = (p.get('side') ?? '').toUpperCase() === 'SELL' ? 'sell' : 'buy';
  const quantity = p.get('quantity');
  if (quantity === null) throw new FakeOrderRejectedError(-1102, "Mandatory parameter 'quantity' was not sent.");
  const price = p.get('price');
  const tif = (p.get('timeInForce') ?? 'GTC').toUpperCase();
  if (rawType !== 'LIMIT' && rawType !== 'LIMIT_MAKER' && rawType !== 'MARKET') {
    throw new FakeOrderRejectedError(-1116, 'Invalid orderType.');
  }
  return {
    symbol: market.symbol,
    side,
    type: rawType === 'MARKET' ? 'market' : 'limit',
    amount: new Decimal(quantity),
    price: price === null ? undefined : new Decimal(price),
    timeInForce: tif === 'IOC' || tif === 'FOK' ? tif : 'GTC',
    postOnly: rawType === 'LIMIT_MAKER',
    clientOrderId: p.get('newClientOrderId') ?? undefined,
  };
}

function orderRef(p: URLSearchParams): { id?: number; clientOrderId?: string } {
  const id = p.get('orderId');
  if (id !== null) return { id: Number(id) };
  const clientOrderId = p.get('origClientOrderId');
  return clientOrderId === null ? {} : { clientOrderId };
}

function binanceOrderType(order: FakeOrder): string {
  if (order.type === 'market') return 'MARKET';
  return order.postOnly ? 'LIMIT_MAKER' : 'LIMIT';
}

function executionReport(market: FakeMarket, event: Extract<FakeMarketEvent, { kind: 'order' }>): unknown {
  const { order, fill } = event;
  const last: FakeFill | undefined = fill;
  const open = order.status === 'NEW' || order.status === 'PARTIALLY_FILLED';
  return {
    e: 'executionReport',
    E: event.ts,
    s: market.binanceId,
    c: event.execution === 'CANCELED' ? `cancel-${order.id}` : order.clientOrderId,
    S: order.side.toUpperCase(),
    o: binanceOrderType(order),
    f: order.timeInForce,
    q: order.amount.toFixed(),
    p: (order.price ?? new Decimal(0)).toFixed(),
    P: '0',
    F: '0',
    g: -1,
    C: event.execution === 'CANCELED' ? order.clientOrderId : '',
    x: event.execution,
    X: order.status,
    r: 'NONE',
    i: order.id,
    l: last?.amount.toFixed() ?? '0',
    z: order.filled.toFixed(),
    L: last?.price.toFixed() ?? '0',
    n: last?.fee.toFixed() ?? '0',
    N: last?.feeAsset ?? null,
    T: event.ts,
    t: last?.tradeId ?? -1,
    I: order.id,
    w: open,
    m: last?.maker ?? false,
    M: false,
    O: order.createdAt,
    Z: order.cost.toFixed(),
    Y: last === undefined ? '0' : last.price.times(last.amount).toFixed(),
    Q: '0',
    W: order.createdAt,
    V: 'NONE',
  };
}

function miniTicker(fields: Record<string, unknown>, ts: number): unknown {
  return { e: '24hrMiniTicker', E: ts, s: fields.s, c: fields.c, o: fields.o, h: fields.h, l: fields.l, v: fields.v, q: fields.q };
}

function binanceInterval(ms: number): string {
  const units: [number, string][] = [
    [604_800_000, 'w'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1_000, 's'],
  ];
  for (const [unit, suffix] of units) if (ms % unit === 0) return `${ms / unit}${suffix}`;
  return `${ms}ms`;
}

function kline(
  market: FakeMarket,
  c: FakeCandle,
): { t: number; T: number; o: string; h: string; l: string; c: string; v: string; q: string; n: number } & Record<string, unknown> {
  return {
    t: c.openTime,
    T: c.openTime + c.timeframeMs - 1,
    s: market.binanceId,
    i: binanceInterval(c.timeframeMs),
    f: 0,
    L: 0,
    o: wireNumber(c.open),
    c: wireNumber(c.close),
    h: wireNumber(c.high),
    l: wireNumber(c.low),
    v: wireNumber(c.volume),
    n: c.trades,
    x: false,
    q: wireNumber(c.quoteVolume),
    V: '0',
    Q: '0',
    B: '0',
  };
}
