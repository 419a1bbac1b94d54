import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Decimal, type DecimalLike, type Level } from '@arbot/core';
import { type WebSocket, WebSocketServer } from 'ws';
import { BinanceProtocol } from './binance-protocol';
import { FakeConnection, type FakeEndpoint, type FakeSubscriptionChange, FaultState } from './fake-connection';
import type { FakeBalance, FakeMarket, FakeOrder } from './fake-events';
import { type FakeExchangeOptions, parseFakeExchangeOptions } from './fake-exchange-options';
import { OkxProtocol } from './okx-protocol';
import type { FakeHttpRequest, ProtocolAdapter } from './protocol-adapter';
import { type BookLevels, ScriptedMarket, type ScriptedTrade } from './scripted-market';

/**
 * One HTTP request the fake exchange answered (for asserting what a client fetched).
 *
 * @example
 * ```ts
 * const snapshots = fake.requests().filter((r: FakeRequestRecord) => r.path === '/api/v3/depth').length;
 * ```
 */
export interface FakeRequestRecord {
  readonly method: string;
  /** Path without the original-host segment, e.g. `/api/v3/depth`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  /** `performance.now()` when it arrived. */
  readonly at: number;
}

/**
 * A running fake exchange: its address, the scripted market, and the faults it can inject.
 *
 * @example
 * ```ts
 * const fake: FakeExchange = await startFakeExchange();
 * fake.updateBook('BTC/USDT', { bids: [[100, 2]] });
 * fake.dropConnections();
 * await fake.close();
 * ```
 */
export interface FakeExchange {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `ws://127.0.0.1:<port>`. */
  readonly wsUrl: string;
  readonly port: number;
  /** The listed markets with their Binance and OKX ids. */
  readonly markets: readonly FakeMarket[];

  /** Replaces a book (levels in any order); subscribers get one diff/update that removes and adds levels. */
  setBook(symbol: string, levels: BookLevels): void;
  /** Sets absolute amounts at some prices (0 removes the level); subscribers get one diff/update. */
  updateBook(symbol: string, levels: Partial<BookLevels>): void;
  /** The current scripted book, best levels first, and its last update id. */
  book(symbol: string): { readonly bids: Level[]; readonly asks: Level[]; readonly lastUpdateId: number };
  /** Publishes a public trade (also moves the ticker and any subscribed candles). */
  publishTrade(symbol: string, trade: ScriptedTrade): void;

  /** Sets an asset's free balance of the trading account. */
  setBalance(asset: string, free: DecimalLike): void;
  /** Every balance of the trading account. */
  balances(): ReadonlyMap<string, FakeBalance>;
  /** Every order of the trading account, oldest first. */
  orders(): readonly FakeOrder[];
  /** Fills a resting order as maker at its limit price (`amount` defaults to all that is open). */
  fillOrder(orderId: number, amount?: DecimalLike): FakeOrder;

  /** Fault: abruptly terminates every websocket connection (optionally of one endpoint); returns how many. */
  dropConnections(endpoint?: FakeEndpoint): number;
  /** Fault: the next book update of `symbol` jumps `count` update ids (a sequence gap). */
  skipUpdateIds(symbol: string, count?: number): void;
  /** Fault: market data frames are dropped (not queued) for the next `ms` (0 ends a silence); replies to requests still go out. */
  silence(ms: number): void;
  /** Fault: sends a malformed frame to every websocket connection (optionally of one endpoint); returns how many got it. */
  sendGarbage(frame?: string, endpoint?: FakeEndpoint): number;
  /** Fault: holds every outbound frame for `ms` (0 turns it off); order is kept. */
  setDelay(ms: number): void;
  /** Fault: refuses the next `count` websocket upgrade requests with HTTP 503. */
  refuseConnections(count: number): void;

  /** Open websocket connections (optionally of one endpoint). */
  connectionCount(endpoint?: FakeEndpoint): number;
  /** Every subscription of every open connection, protocol notation (`btcusdt@depth@100ms`, `books:BTC-USDT`). */
  subscriptions(endpoint?: FakeEndpoint): string[];
  /** Every subscribe and unsubscribe request received so far (optionally on one endpoint), oldest first. */
  subscriptionLog(endpoint?: FakeEndpoint): readonly FakeSubscriptionChange[];
  /**
   * Resolves once some open connection subscribes to a stream matching `stream`
   * (exact name, or a RegExp), e.g. `'btcusdt@trade'` or `/^books:BTC-USDT$/`;
   * rejects after `timeoutMs` (default 5000). Publish only after this, or the
   * event goes to nobody.
   */
  waitForSubscription(stream: string | RegExp, timeoutMs?: number): Promise<void>;
  /** Every HTTP request answered so far, oldest first. */
  requests(): readonly FakeRequestRecord[];
  /** Market data frames dropped by {@link FakeExchange.silence} so far. */
  droppedFrames(): number;
  /** Stops the server and terminates every connection. */
  close(): Promise<void>;
}

/**
 * Starts a local exchange on 127.0.0.1 that speaks enough of the Binance spot
 * and OKX v5 protocols for the real ccxt pro `binance` and `okx` classes to
 * load markets, watch books (Binance REST snapshot + `depthUpdate` diffs with
 * `U`/`u`; OKX `books` snapshot + updates with `seqId`/`prevSeqId` and
 * checksum), trades, tickers and candles, and — Binance only — trade through
 * the signed REST API and the ws-api user data stream (any signature passes).
 * The test scripts the market and injects faults. Point ccxt at it with
 * `createCcxtExchangeForFake` or `pointCcxtAt`.
 *
 * @example
 * ```ts
 * const fake = await startFakeExchange({ balances: { USDT: '10000' } });
 * fake.setBook('BTC/USDT', { bids: [[100, 1]], asks: [[101, 2]] });
 * const exchange = await createCcxtExchangeForFake('binance', fake);
 * const book = await exchange.watchOrderBook('BTC/USDT');
 * fake.skipUpdateIds('BTC/USDT', 3); // the next diff leaves a gap
 * await exchange.close();
 * await fake.close();
 * ```
 */
export async function startFakeExchange(options: FakeExchangeOptions = {}): Promise<FakeExchange> {
  const config = parseFakeExchangeOptions(options);
  const market = new ScriptedMarket({
    markets: config.markets,
    now: config.exchangeNow,
    firstUpdateId: config.firstUpdateId,
    balances: config.balances,
    fees: { maker: config.makerFee, taker: config.takerFee },
  });
  const adapters: ProtocolAdapter[] = [new BinanceProtocol(market), new OkxProtocol(market)];
  const faults = new FaultState();
  const connections = new Set<FakeConnection>();
  const requestLog: FakeRequestRecord[] = [];
  const subscriptionLog: FakeSubscriptionChange[] = [];
  const waiters = new Set<() => boolean>();
  const subscribed = (stream: string | RegExp) =>
    [...connections].some((c) => c.open && [...c.subscriptions].some((s) => (typeof stream === 'string' ? s === stream : stream.test(s))));

  market.subscribe((event) => {
    for (const adapter of adapters) adapter.onMarketEvent(event, connections);
  });

  const server = createServer((req, res) => {
    void answerHttp(req, res, adapters, requestLog);
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = stripHost(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const adapter = adapters.find((a) => a.endpointOf(path) !== undefined);
    const endpoint = adapter?.endpointOf(path);
    if (adapter === undefined || endpoint === undefined) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    if (faults.refuseUpgrades > 0) {
      faults.refuseUpgrades--;
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      const connection = new FakeConnection(ws, endpoint, faults, (change) => subscriptionLog.push(change));
      connections.add(connection);
      ws.on('close', () => connections.delete(connection));
      ws.on('error', () => connections.delete(connection));
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        adapter.onFrame(connection, data.toString());
        for (const waiter of waiters) if (waiter()) waiters.delete(waiter);
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const ofEndpoint = (endpoint?: FakeEndpoint) => [...connections].filter((c) => endpoint === undefined || c.endpoint === endpoint);

  return {
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    port,
    markets: config.markets,
    setBook: (symbol, levels) => market.setBook(symbol, levels),
    updateBook: (symbol, levels) => market.updateBook(symbol, levels),
    book: (symbol) => {
      const book = market.book(symbol);
      return { bids: book.bids(), asks: book.asks(), lastUpdateId: book.lastUpdateId };
    },
    publishTrade: (symbol, trade) => market.publishTrade(symbol, trade),
    setBalance: (asset, free) => market.account.setFree(asset, new Decimal(free)),
    balances: () => market.account.balances(),
    orders: () => market.account.orders(),
    fillOrder: (orderId, amount) => market.account.fillResting(orderId, amount === undefined ? undefined : new Decimal(amount)),
    dropConnections: (endpoint) => {
      const dropped = ofEndpoint(endpoint);
      for (const c of dropped) c.socket.terminate();
      return dropped.length;
    },
    skipUpdateIds: (symbol, count = 1) => market.skipUpdateIds(symbol, count),
    silence: (ms) => {
      faults.silentUntil = performance.now() + ms;
    },
    sendGarbage: (frame = '{"garbage": tru', endpoint) => {
      const targets = ofEndpoint(endpoint).filter((c) => c.open);
      for (const c of targets) c.write(frame);
      return targets.length;
    },
    setDelay: (ms) => {
      faults.delayMs = ms;
    },
    refuseConnections: (count) => {
      faults.refuseUpgrades = count;
    },
    connectionCount: (endpoint) => ofEndpoint(endpoint).filter((c) => c.open).length,
    subscriptions: (endpoint) => ofEndpoint(endpoint).flatMap((c) => [...c.subscriptions]),
    subscriptionLog: (endpoint) => subscriptionLog.filter((c) => endpoint === undefined || c.endpoint === endpoint),
    waitForSubscription: (stream, timeoutMs = 5_000) =>
      new Promise<void>((resolve, reject) => {
        if (subscribed(stream)) {
          resolve();
          return;
        }
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no subscription to ${String(stream)} within ${timeoutMs} ms (have: ${[...connections].flatMap((c) => [...c.subscriptions]).join(', ')})`,
            ),
          );
        }, timeoutMs);
        const check = (): boolean => {
          if (!subscribed(stream)) return false;
          clearTimeout(timer);
          resolve();
          return true;
        };
        waiters.add(check);
      }),
    requests: () => requestLog,
    droppedFrames: () => faults.dropped,
    close: async () => {
      for (const c of connections) c.socket.terminate();
      connections.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * `pointCcxtAt` keeps each original host as the first path segment
 * (`/api.binance.com/api/v3/depth`) so nothing is lost; the adapters route on
 * the rest of the path.
 */
function stripHost(pathname: string): string {
  const [, first = '', ...rest] = pathname.split('/');
  return first.includes('.') || first.includes('{') ? `/${rest.join('/')}` : pathname;
}

async function answerHttp(
  req: IncomingMessage,
  res: ServerResponse,
  adapters: readonly ProtocolAdapter[],
  log: FakeRequestRecord[],
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const params = new URLSearchParams(url.search);
  const body = Buffer.concat(chunks).toString();
  if (body.length > 0 && (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(body)) params.append(key, value);
  }
  const request: FakeHttpRequest = { method: req.method ?? 'GET', path: stripHost(url.pathname), params };
  log.push({ method: request.method, path: request.path, params: Object.fromEntries(params), at: performance.now() });
  let status = 404;
  let payload: unknown = { code: -1, msg: `the fake exchange has no route ${request.method} ${request.path}` };
  try {
    for (const adapter of adapters) {
      const response = adapter.handleHttp(request);
      if (response !== undefined) {
        status = response.status;
        payload = response.body;
        break;
      }
    }
  } catch (err) {
    status = 500;
    payload = { code: -1000, msg: err instanceof Error ? err.message : String(err) };
  }
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(payload));
}
