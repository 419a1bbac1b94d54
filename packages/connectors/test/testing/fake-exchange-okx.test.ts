import ccxt, { type Exchange } from 'ccxt';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createCcxtExchangeForFake, type FakeExchange, startFakeExchange } from '../../src/testing/index';

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

async function setup(): Promise<{ fake: FakeExchange; exchange: Exchange }> {
  fake = await startFakeExchange({ markets: [{ symbol: 'BTC/USDT', tickSize: '0.1', stepSize: '0.0001' }, { symbol: 'ETH/USDT' }] });
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
  const exchange = await createCcxtExchangeForFake('okx', fake, FAST);
  exchanges.push(exchange);
  return { fake, exchange };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('startFakeExchange — OKX v5 through the real ccxt.pro.okx', () => {
  it('lists spot instruments with tick and lot sizes', async () => {
    const { exchange } = await setup();
    const markets = await exchange.loadMarkets();
    expect(Object.keys(markets)).toEqual(['BTC/USDT', 'ETH/USDT']);
    expect(markets['BTC/USDT']).toMatchObject({ id: 'BTC-USDT', precision: { price: 0.1, amount: 0.0001 } });
  });

  it('sends a books snapshot on subscribe, then updates chained by prevSeqId/seqId', async () => {
    const { fake, exchange } = await setup();
    const first = await exchange.watchOrderBook('BTC/USDT');
    expect(first.bids).toEqual([
      [100, 1],
      [99, 2],
    ]);
    expect(first.nonce).toBe(1001);
    const next = exchange.watchOrderBook('BTC/USDT');
    fake.updateBook('BTC/USDT', { bids: [[100.5, 1]], asks: [[102, 0]] });
    const second = await next;
    expect(second.bids[0]).toEqual([100.5, 1]);
    expect(second.asks).toEqual([[101, 1.5]]);
    expect(second.nonce).toBe(1002);
  });

  it('a scripted id skip breaks the prevSeqId chain: ccxt raises InvalidNonce, a new watch resubscribes', async () => {
    const { fake, exchange } = await setup();
    await exchange.watchOrderBook('BTC/USDT');
    fake.skipUpdateIds('BTC/USDT', 2);
    const failing = exchange.watchOrderBook('BTC/USDT');
    fake.updateBook('BTC/USDT', { bids: [[100.2, 1]] });
    await expect(failing).rejects.toBeInstanceOf(ccxt.InvalidNonce);
    const again = await exchange.watchOrderBook('BTC/USDT');
    // 1001 + 2 skipped + 1 = 1004; the fresh snapshot holds the update.
    expect(again.nonce).toBe(1004);
    expect(again.bids[0]).toEqual([100.2, 1]);
  });

  it('carries the CRC-32 checksum of the best 25 levels in snapshots and updates', async () => {
    const { fake } = await setup();
    const socket = new WebSocket(`${fake.wsUrl}/ws.okx.com:8443/ws/v5/public`);
    sockets.push(socket);
    const frames: { event?: string; action?: string; data?: { checksum: number; seqId: number }[] }[] = [];
    socket.on('message', (data) => frames.push(JSON.parse(data.toString())));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ op: 'subscribe', args: [{ channel: 'books', instId: 'BTC-USDT' }] }));
    await until(() => frames.length === 2);
    expect(frames[0]?.event).toBe('subscribe');
    // zlib.crc32(b"100:1:101:1.5:99:2:102:3") read as int32 (computed with Python).
    expect(frames[1]).toMatchObject({ action: 'snapshot', data: [{ checksum: 1782150051, seqId: 1001 }] });
    fake.updateBook('BTC/USDT', { bids: [[100.5, 1]] });
    await until(() => frames.length === 3);
    // zlib.crc32(b"100.5:1:101:1.5:100:1:102:3:99:2") as int32.
    expect(frames[2]).toMatchObject({ action: 'update', data: [{ checksum: -2032790739, seqId: 1002, prevSeqId: 1001 }] });
  });

  it('pushes trades, tickers (with best bid/ask) and candles; answers text ping with pong', async () => {
    const { fake, exchange } = await setup();
    const trades = exchange.watchTrades('BTC/USDT');
    await fake.waitForSubscription('trades:BTC-USDT');
    fake.publishTrade('BTC/USDT', { price: 100.7, amount: 0.3, side: 'buy', ts: 1_700_000_000_000 });
    expect((await trades)[0]).toMatchObject({ price: 100.7, amount: 0.3, side: 'buy', timestamp: 1_700_000_000_000 });
    const ticker = await exchange.watchTicker('BTC/USDT');
    expect(ticker).toMatchObject({ bid: 100, bidVolume: 1, ask: 101, askVolume: 1.5, last: 100.7 });
    const candles = exchange.watchOHLCV('BTC/USDT', '1h');
    await fake.waitForSubscription('candle1H:BTC-USDT');
    fake.publishTrade('BTC/USDT', { price: 100.9, amount: 2, side: 'sell' });
    const last = (await candles).at(-1);
    expect(last?.slice(1)).toEqual([100.7, 100.9, 100.7, 100.9, 2]);

    const socket = new WebSocket(`${fake.wsUrl}/ws.okx.com:8443/ws/v5/public`);
    sockets.push(socket);
    const replies: string[] = [];
    socket.on('message', (data) => replies.push(data.toString()));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send('ping');
    await until(() => replies.length === 1);
    expect(replies).toEqual(['pong']);
  });
});
