import { createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { book, type OrderBookView, systemClock, type Trade, VirtualClock } from '@arbot/core';
import { lastValueFrom, tap, toArray } from 'rxjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ccxtVenue } from '../../src/ccxt/index';
import type { CliEnvironment, ClosableVenue, VenueFactory } from '../../src/cli/cli-environment';
import { runCli } from '../../src/cli/run-cli';
import { replay } from '../../src/index';
import { createCcxtExchangeForFake, pointCcxtAt, startFakeExchange } from '../../src/testing/index';
import { tempDir } from '../formats/temp-dir';

const tmp = tempDir('cli-ccxt');

function sink(): Writable & { text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return Object.assign(stream, { text: () => chunks.join('') });
}

/** Polls (one event-loop turn at a time, at most 5 s of turns) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 5_000 && !condition(); turn++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(condition()).toBe(true);
}

function contents(view: OrderBookView) {
  return { ts: view.ts, recvTs: view.recvTs, bids: view.bids(), asks: view.asks() };
}

describe('arbot record through the real ccxt binance class', () => {
  it('records books and trades from the local fake exchange, and the recording replays into the same books', async () => {
    const fake = await startFakeExchange({ markets: [{ symbol: 'BTC/USDT' }] });
    afterAll(() => fake.close());
    fake.setBook('BTC/USDT', {
      bids: [
        [100, 1],
        [99, 2],
      ],
      asks: [
        [101, 1],
        [102, 3],
      ],
    });
    const views: OrderBookView[] = [];
    const trades: Trade[] = [];
    const openVenue: VenueFactory = async (_id, { clock }) => {
      const venue = ccxtVenue(await createCcxtExchangeForFake('binance', fake, { enableRateLimit: false }), { clock, syncClock: false });
      return {
        id: venue.id,
        markets: () => venue.markets(),
        orderBook$: (symbol, options) => venue.orderBook$(symbol, options).pipe(tap((view) => views.push(view))),
        trades$: (symbol) => venue.trades$(symbol).pipe(tap((trade) => trades.push(trade))),
        ticker$: (symbol) => venue.ticker$(symbol),
        candles$: (symbol, timeframe) => venue.candles$(symbol, timeframe),
        close: () => venue.close(),
      };
    };
    const stop = new AbortController();
    const out = tmp.path('fake-binance.ndjson.gz');
    const stdout = sink();
    const stderr = sink();
    const env: CliEnvironment = { out: stdout, err: stderr, clock: systemClock, openVenue, signal: stop.signal };
    const running = runCli(
      ['record', '--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', out, '--streams', 'books,trades', '--timeout', '10s'],
      env,
    );

    await fake.waitForSubscription(/^btcusdt@depth/);
    await fake.waitForSubscription(/^btcusdt@trade$/);
    await until(() => views.length >= 1);
    // One change at a time: the venue conflates, so two quick updates could arrive as one view.
    fake.updateBook('BTC/USDT', { bids: [[100, 4]] });
    await until(() => views.length >= 2);
    fake.publishTrade('BTC/USDT', { price: 101, amount: 0.5, side: 'buy' });
    await until(() => trades.length >= 1);
    fake.updateBook('BTC/USDT', {
      asks: [
        [101, 0],
        [103, 1],
      ],
    });
    await until(() => views.length >= 3);
    stop.abort();
    expect(await running).toBe(0);
    expect(stderr.text()).toBe(`recording books, trades of BTC/USDT on binance to ${out} (Ctrl-C to stop)\n`);
    expect(stdout.text()).toBe(
      `recorded ${views.length + trades.length} events (book: ${views.length}, trade: ${trades.length}) and 1 markets to ${out}\n`,
    );

    const rebuilt = await lastValueFrom(replay(out, { pacing: 'asap', streams: ['book'] }).pipe(book(), toArray()));
    expect(rebuilt.map(contents)).toEqual(views.map(contents));
    expect(rebuilt.at(-1)?.bids()).toEqual([
      [100, 4],
      [99, 2],
    ]);
    expect(rebuilt.at(-1)?.asks()).toEqual([
      [102, 3],
      [103, 1],
    ]);
    const replayedTrades = await lastValueFrom(replay(out, { pacing: 'asap', streams: ['trade'] }).pipe(toArray()));
    expect(replayedTrades).toEqual(trades);
    expect(replayedTrades[0]).toMatchObject({ venue: 'binance', symbol: 'BTC/USDT', price: 101, amount: 0.5, side: 'buy' });
  }, 20_000);

  it('fails fast with a clear message when the exchange accepts connections but never answers', async () => {
    // A server on 127.0.0.1 that accepts and then says nothing: what a dead network path looks like to ccxt.
    const sockets = new Set<Socket>();
    const server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    });
    const clock = new VirtualClock(0);
    let closed = false;
    const openVenue: VenueFactory = async (_id, options) => {
      const { default: ccxt } = await import('ccxt');
      const exchange = new ccxt.pro.binance({ enableRateLimit: false, timeout: 60_000 });
      await pointCcxtAt(exchange, { port });
      const venue = ccxtVenue(exchange, { clock: options.clock, syncClock: false });
      const closable: ClosableVenue = {
        id: venue.id,
        markets: () => venue.markets(),
        orderBook$: (symbol, o) => venue.orderBook$(symbol, o),
        trades$: (symbol) => venue.trades$(symbol),
        ticker$: (symbol) => venue.ticker$(symbol),
        candles$: (symbol, timeframe) => venue.candles$(symbol, timeframe),
        close: async () => {
          closed = true;
          await venue.close();
        },
      };
      return closable;
    };
    const stderr = sink();
    const running = runCli(
      ['record', '--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', tmp.path('dead.ndjson.gz'), '--timeout', '3s'],
      {
        out: sink(),
        err: stderr,
        clock,
        openVenue,
      },
    );
    await until(() => sockets.size > 0 && clock.pendingTimers > 0);
    expect(clock.nextTimerAt()).toBe(3_000);
    clock.advanceTo(3_000);
    expect(await running).toBe(1);
    expect(stderr.text()).toBe('arbot record: binance did not answer within 3s (no network?)\n');
    expect(closed).toBe(true);
  });
});
