import { ValidationError } from '@arbot/core';
import ccxt, { type Exchange } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCcxtExchangeForFake, type FakeExchange, startFakeExchange, UnknownFakeSymbolError } from '../../src/testing/index';

// ccxt's rate limiter only slows these tests down; the fake has no limits.
const FAST = { enableRateLimit: false };

let fake: FakeExchange | undefined;
const exchanges: Exchange[] = [];
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await Promise.all(exchanges.splice(0).map((e) => e.close()));
  await fake?.close();
  fake = undefined;
});

async function setup(options: Parameters<typeof startFakeExchange>[0] = {}): Promise<{ fake: FakeExchange; exchange: Exchange }> {
  fake = await startFakeExchange(options);
  fake.setBook('BTC/USDT', {
    bids: [
      [100, 1],
      [99, 2],
    ],
    asks: [
      [101, 1.5],
      [102, 3],
    ],
  });
  const exchange = await createCcxtExchangeForFake('binance', fake, FAST);
  exchanges.push(exchange);
  return { fake, exchange };
}

/** A raw websocket client on the fake's Binance stream endpoint, collecting text frames. */
async function rawClient(f: FakeExchange, path = '/stream.binance.com:9443/ws/0'): Promise<{ socket: WebSocket; frames: string[] }> {
  const socket = new WebSocket(`${f.wsUrl}${path}`);
  sockets.push(socket);
  const frames: string[] = [];
  socket.on('message', (data) => frames.push(data.toString()));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return { socket, frames };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('startFakeExchange — Binance spot through the real ccxt.pro.binance', () => {
  it('lists the configured markets with their filters as ccxt precision and limits', async () => {
    const { exchange } = await setup({
      markets: [{ symbol: 'BTC/USDT', tickSize: '0.1', stepSize: '0.001', minQty: '0.002', minNotional: 10 }],
    });
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets)).toEqual(['BTC/USDT']);
    const btc = markets['BTC/USDT'];
    expect(btc?.id).toBe('BTCUSDT');
    expect(btc?.precision).toMatchObject({ amount: 0.001, price: 0.1 });
    expect(btc?.limits.amount?.min).toBe(0.002);
    expect(btc?.limits.cost?.min).toBe(10);
  });

  it('serves the REST snapshot and the diff stream ccxt merges into the scripted book', async () => {
    const { fake, exchange } = await setup();
    const first = await exchange.watchOrderBook('BTC/USDT');
    expect(first.bids).toEqual([
      [100, 1],
      [99, 2],
    ]);
    expect(first.asks).toEqual([
      [101, 1.5],
      [102, 3],
    ]);
    // setBook counted as update 1001 on top of the default first id 1000.
    expect(first.nonce).toBe(1001);
    const next = exchange.watchOrderBook('BTC/USDT');
    fake.updateBook('BTC/USDT', {
      bids: [
        [100.5, 0.7],
        [99, 0],
      ],
    });
    const second = await next;
    expect(second.bids).toEqual([
      [100.5, 0.7],
      [100, 1],
    ]);
    expect(second.nonce).toBe(1002);
    expect(fake.subscriptions('binance-stream')).toEqual(['btcusdt@depth@100ms']);
    expect(fake.requests().map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/v3/exchangeInfo', 'GET /api/v3/depth']);
  });

  it('a scripted update-id skip makes ccxt detect the gap; watching again resnapshots to the scripted book', async () => {
    const { fake, exchange } = await setup();
    await exchange.watchOrderBook('BTC/USDT');
    fake.skipUpdateIds('BTC/USDT', 3);
    const failing = exchange.watchOrderBook('BTC/USDT');
    fake.updateBook('BTC/USDT', { asks: [[101, 0.5]] });
    await expect(failing).rejects.toBeInstanceOf(ccxt.ChecksumError);
    // 1001 + 3 skipped ids + this update = 1005.
    expect(fake.book('BTC/USDT').lastUpdateId).toBe(1005);
    const again = await exchange.watchOrderBook('BTC/USDT');
    expect(again.nonce).toBe(1005);
    expect(again.asks).toEqual([
      [101, 0.5],
      [102, 3],
    ]);
  });

  it('pushes trades, full 24h tickers and klines to their streams', async () => {
    const { fake, exchange } = await setup();
    const trades = exchange.watchTrades('BTC/USDT');
    await fake.waitForSubscription('btcusdt@trade');
    fake.publishTrade('BTC/USDT', { price: 100.5, amount: 0.25, side: 'sell', ts: 1_700_000_000_123 });
    const [trade] = await trades;
    expect(trade).toMatchObject({ id: '1', price: 100.5, amount: 0.25, side: 'sell', timestamp: 1_700_000_000_123 });

    const ticker = exchange.watchTicker('BTC/USDT', { name: 'ticker' });
    await fake.waitForSubscription('btcusdt@ticker');
    fake.updateBook('BTC/USDT', { asks: [[100.9, 2]] });
    expect(await ticker).toMatchObject({ bid: 100, bidVolume: 1, ask: 100.9, askVolume: 2, last: 100.5 });

    const candles = exchange.watchOHLCV('BTC/USDT', '1m');
    await fake.waitForSubscription('btcusdt@kline_1m');
    fake.publishTrade('BTC/USDT', { price: 101, amount: 1, side: 'buy' });
    const [candle] = await candles;
    // The candle tracker starts from the last price 100.5 (no volume), then the 101 × 1 trade.
    expect(candle?.slice(1)).toEqual([100.5, 101, 100.5, 101, 1]);
  });

  it('trades through the signed REST API: fills against the book, fees, balances, resting orders, cancels', async () => {
    const { fake, exchange } = await setup({ balances: { USDT: '10000', BTC: '1' } });
    const ioc = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 2, 101.5, { timeInForce: 'IOC', clientOrderId: 'ioc-1' });
    // Crosses only the 101 ask (1.5); 102 is above the limit, the other 0.5 expires.
    expect(ioc).toMatchObject({ clientOrderId: 'ioc-1', status: 'expired', filled: 1.5, cost: 151.5, average: 101 });
    expect(fake.book('BTC/USDT').asks).toEqual([[102, 3]]);
    let balances = await exchange.fetchBalance();
    // USDT: 10000 − 1.5 × 101 = 9848.5; BTC: 1 + 1.5 − 0.1% fee of 1.5 (0.0015) = 2.4985.
    expect(balances.USDT).toMatchObject({ free: 9848.5, used: 0 });
    expect(balances.BTC).toMatchObject({ free: 2.4985, used: 0 });

    const resting = await exchange.createOrder('BTC/USDT', 'limit', 'sell', 0.5, 110, { clientOrderId: 'rest-1' });
    expect(resting.status).toBe('open');
    const restingId = String(resting.id);
    expect((await exchange.fetchOpenOrders('BTC/USDT')).map((o) => o.clientOrderId)).toEqual(['rest-1']);
    expect((await exchange.fetchOrder(restingId, 'BTC/USDT')).clientOrderId).toBe('rest-1');

    fake.fillOrder(Number(restingId), '0.2');
    balances = await exchange.fetchBalance();
    // Maker fill 0.2 × 110 = 22, fee 0.1% = 0.022 → USDT 9848.5 + 21.978; BTC 0.5 locked − 0.2 filled.
    expect(balances.USDT?.free).toBe(9870.478);
    expect(balances.BTC).toMatchObject({ free: 1.9985, used: 0.3 });

    const canceled = await exchange.cancelOrder(restingId, 'BTC/USDT');
    expect(canceled).toMatchObject({ status: 'canceled', filled: 0.2 });
    expect((await exchange.fetchBalance()).BTC).toMatchObject({ free: 2.2985, used: 0 });
    expect(await exchange.fetchOpenOrders('BTC/USDT')).toEqual([]);
  });

  it('refuses what Binance refuses, with the error ccxt maps Binance codes to', async () => {
    const { exchange } = await setup({ balances: { USDT: '100' } });
    await expect(exchange.createOrder('BTC/USDT', 'limit', 'buy', 10, 100)).rejects.toBeInstanceOf(ccxt.InsufficientFunds);
    await expect(exchange.createOrder('BTC/USDT', 'limit', 'buy', 0.1, 101, { postOnly: true })).rejects.toBeInstanceOf(ccxt.InvalidOrder);
    await expect(exchange.cancelOrder('999', 'BTC/USDT')).rejects.toBeInstanceOf(ccxt.OrderNotFound);
  });

  it('streams execution reports and balance changes over the ws-api user data stream', async () => {
    const { fake, exchange } = await setup({ balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    const first = exchange.watchOrders();
    await fake.waitForSubscription('userDataStream');
    const placed = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 1, 90, { clientOrderId: 'ws-1' });
    const [update] = await first;
    expect(update).toMatchObject({ id: placed.id, clientOrderId: 'ws-1', status: 'open', amount: 1, price: 90 });
    const balance = exchange.watchBalance();
    fake.fillOrder(Number(placed.id));
    const after = await balance;
    // 1 × 90 left the locked quote.
    expect(after.USDT).toMatchObject({ free: 910, used: 0 });
  });

  it("user data stream: an order's execution reports, then one account position, framed as Binance's ws-api sends them", async () => {
    const { fake } = await setup({ balances: { USDT: '1000' } });
    const { socket, frames } = await rawClient(fake, '/ws-api.binance.com:443/ws-api/v3');
    socket.send(
      JSON.stringify({ id: 'sub-1', method: 'userDataStream.subscribe.signature', params: { apiKey: 'k', timestamp: 1, signature: 's' } }),
    );
    await until(() => frames.length === 1);
    expect(JSON.parse(frames[0] ?? '')).toEqual({ id: 'sub-1', status: 200, result: { subscriptionId: 0 } });
    // Buy 2 IOC up to 102 against asks 101 × 1.5, 102 × 3: 1.5 at 101, then 0.5 at 102.
    const answer = await fetch(`${fake.url}/api/v3/order?symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=IOC&quantity=2&price=102`, {
      method: 'POST',
    });
    expect(answer.status).toBe(200);
    await until(() => frames.length === 5);
    const events = frames.slice(1).map((f) => JSON.parse(f) as { subscriptionId: number; event: Record<string, unknown> });
    expect(events.map((e) => e.subscriptionId)).toEqual([0, 0, 0, 0]);
    const [tradeA, tradeB] = fake.orders()[0]?.fills ?? [];
    const pick = ({ event: e }: (typeof events)[number]) => [e.e, e.x, e.X, e.l, e.L, e.z, e.Z, e.Y, e.n, e.N, e.t, e.m, e.w];
    expect(events.slice(0, 3).map(pick)).toEqual([
      ['executionReport', 'NEW', 'NEW', '0', '0', '0', '0', '0', '0', null, -1, false, true],
      // 1.5 × 101 = 151.5; taker fee 0.1 % of the 1.5 BTC received = 0.0015 BTC.
      [
        'executionReport',
        'TRADE',
        'PARTIALLY_FILLED',
        '1.5',
        '101',
        '1.5',
        '151.5',
        '151.5',
        '0.0015',
        'BTC',
        tradeA?.tradeId,
        false,
        true,
      ],
      // 0.5 × 102 = 51, cumulative 202.5; fee 0.0005 BTC.
      ['executionReport', 'TRADE', 'FILLED', '0.5', '102', '2', '202.5', '51', '0.0005', 'BTC', tradeB?.tradeId, false, false],
    ]);
    // USDT: 2 × 102 = 204 locked, 202.5 spent, 1.5 back → 797.5 free; BTC: 2 − 0.002 fee = 1.998.
    expect(events[3]?.event).toMatchObject({
      e: 'outboundAccountPosition',
      B: [
        { a: 'USDT', f: '797.5', l: '0' },
        { a: 'BTC', f: '1.998', l: '0' },
      ],
    });
  });

  it('ccxt watchOrders, watchMyTrades and watchBalance all deliver an IOC from the user data stream', async () => {
    const { fake, exchange } = await setup({ balances: { USDT: '1000' } });
    await exchange.loadMarkets();
    const delivered: string[] = [];
    const watches = [
      exchange.watchOrders().then(() => delivered.push('orders')),
      exchange.watchMyTrades().then(() => delivered.push('myTrades')),
      exchange.watchBalance().then(() => delivered.push('balance')),
    ];
    await fake.waitForSubscription('userDataStream');
    await until(() => Object.values(exchange.clients).some((c) => ['orders', 'myTrades', 'spot:balance'].every((h) => h in c.futures)));
    const placed = await exchange.createOrder('BTC/USDT', 'limit', 'buy', 2, 102, { timeInForce: 'IOC', clientOrderId: 'ws-ioc' });
    await Promise.all(watches);
    expect(delivered.sort()).toEqual(['balance', 'myTrades', 'orders']);
    // ccxt's caches hold what the stream said, parsed: the same numbers as the REST answer.
    await until(() => exchange.orders?.[0]?.status === 'closed' && exchange.myTrades?.length === 2);
    expect(exchange.orders?.[0]).toMatchObject({ id: placed.id, clientOrderId: 'ws-ioc', filled: 2, cost: 202.5, average: 101.25 });
    expect(exchange.myTrades?.map((t) => [t.order, t.price, t.amount, t.fee?.cost, t.fee?.currency, t.takerOrMaker])).toEqual([
      [placed.id, 101, 1.5, 0.0015, 'BTC', 'taker'],
      [placed.id, 102, 0.5, 0.0005, 'BTC', 'taker'],
    ]);
    // ccxt keeps Binance balances per account type.
    const spot = () => (exchange.balance as unknown as Record<string, Record<string, { free?: number; used?: number }> | undefined>).spot;
    await until(() => spot()?.BTC?.free === 1.998);
    expect(spot()?.USDT).toMatchObject({ free: 797.5, used: 0 });
  });

  it('logs every subscribe and unsubscribe request it receives', async () => {
    const { fake, exchange } = await setup();
    const watching = exchange.watchTrades('BTC/USDT');
    await fake.waitForSubscription('btcusdt@trade');
    fake.publishTrade('BTC/USDT', { price: 100.5, amount: 1, side: 'buy' });
    await watching;
    await exchange.unWatchTrades('BTC/USDT');
    expect(fake.subscriptionLog()).toEqual([
      { endpoint: 'binance-stream', stream: 'btcusdt@trade', action: 'subscribe' },
      { endpoint: 'binance-stream', stream: 'btcusdt@trade', action: 'unsubscribe' },
    ]);
    expect(fake.subscriptionLog('binance-api')).toEqual([]);
  });

  it('faults: dropped connections reject pending watches with a NetworkError', async () => {
    const { fake, exchange } = await setup();
    await exchange.watchOrderBook('BTC/USDT');
    const pending = exchange.watchOrderBook('BTC/USDT');
    expect(fake.dropConnections()).toBe(1);
    await expect(pending).rejects.toBeInstanceOf(ccxt.NetworkError);
  });

  it('faults: refused upgrades fail the dial; the next dial succeeds', async () => {
    const { fake, exchange } = await setup();
    await exchange.loadMarkets();
    // Dial again at once (ccxt's own reconnect delay is the venue's business, not this test's).
    exchange.options.ws = { ...exchange.options.ws, backoff: { base: 0 } };
    fake.refuseConnections(1);
    await expect(exchange.watchOrderBook('BTC/USDT')).rejects.toBeInstanceOf(ccxt.NetworkError);
    const book = await exchange.watchOrderBook('BTC/USDT');
    expect(book.bids[0]).toEqual([100, 1]);
  });

  it('faults: silence drops market data (replies still go out), so the next diff leaves a gap', async () => {
    const { fake } = await setup();
    const { socket, frames } = await rawClient(fake);
    socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms'], id: 1 }));
    await until(() => frames.length === 1);
    expect(JSON.parse(frames[0] ?? '')).toEqual({ result: null, id: 1 });
    fake.silence(60_000);
    fake.updateBook('BTC/USDT', { bids: [[100, 2]] });
    socket.send(JSON.stringify({ method: 'LIST_SUBSCRIPTIONS', id: 2 }));
    await until(() => frames.length === 2);
    expect(JSON.parse(frames[1] ?? '')).toEqual({ result: ['btcusdt@depth@100ms'], id: 2 });
    expect(fake.droppedFrames()).toBe(1);
  });

  it('faults: garbage frames reach every client verbatim; delayed frames keep their order', async () => {
    const { fake } = await setup();
    const { socket, frames } = await rawClient(fake);
    expect(fake.sendGarbage('{"e":"depthUpd')).toBe(1);
    await until(() => frames.length === 1);
    expect(frames[0]).toBe('{"e":"depthUpd');
    socket.send(JSON.stringify({ method: 'SUBSCRIBE', params: ['btcusdt@depth@100ms'], id: 7 }));
    await until(() => frames.length === 2);
    fake.setDelay(20);
    fake.updateBook('BTC/USDT', { bids: [[100, 3]] });
    fake.updateBook('BTC/USDT', { bids: [[100, 4]] });
    await until(() => frames.length === 4);
    const diffs = frames.slice(2).map((f) => JSON.parse(f) as { U: number; b: string[][] });
    expect(diffs.map((d) => [d.U, d.b])).toEqual([
      [1002, [['100', '3']]],
      [1003, [['100', '4']]],
    ]);
  });

  it('rewrites every ccxt url to the fake, so nothing can reach the internet', async () => {
    const { fake, exchange } = await setup();
    const urls = JSON.stringify(exchange.urls);
    expect(urls).not.toMatch(/https:|wss:/);
    expect(exchange.urls.api).toMatchObject({ public: `http://127.0.0.1:${fake.port}/api.binance.com/api/v3` });
  });

  it('validates its options and control calls with typed errors', async () => {
    await expect(startFakeExchange({ markets: [{ symbol: 'btc-usdt' }], port: -1 })).rejects.toSatisfy(
      (err: unknown) => err instanceof ValidationError && err.issues.map((i) => i.field).join() === 'port,markets.0.symbol',
    );
    await expect(startFakeExchange({ tickSize: 1 } as never)).rejects.toBeInstanceOf(ValidationError);
    const { fake } = await setup();
    expect(() => fake.setBook('DOGE/USDT', { bids: [], asks: [] })).toThrow(UnknownFakeSymbolError);
    expect(() => fake.updateBook('BTC/USDT', { bids: [[-1, 1]] })).toThrow(ValidationError);
  });
});
