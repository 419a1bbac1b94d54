import { Writable } from 'node:stream';
import { type Clock, type OrderBookView, systemClock, VirtualClock } from '@arbot/core';
import { from, lastValueFrom, Observable, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { CliEnvironment, ClosableVenue } from '../../src/cli/cli-environment';
import { runCli } from '../../src/cli/run-cli';
import { readL2SnapshotCsv, readTardisTradesCsv } from '../../src/formats/index';
import { record } from '../../src/record/index';
import { inspectRecording, readRecordedMarkets, replay, replayFeed } from '../../src/replay/index';
import { fixture, tempDir } from '../formats/temp-dir';

const tmp = tempDir('cli-record');

/** A writable that keeps what was written. */
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

function environment(openVenue: CliEnvironment['openVenue'], clock: Clock = systemClock, signal?: AbortSignal) {
  const out = sink();
  const err = sink();
  return { env: { out, err, clock, openVenue, ...(signal ? { signal } : {}) } satisfies CliEnvironment, out, err };
}

/** A recording of 200 s of real LINK/USDT books plus 100 real BTC/USDT trades, all on venue "binance", with markets. */
async function sourceRecording(): Promise<string> {
  const path = tmp.path('source.ndjson.gz');
  const books = await lastValueFrom(readL2SnapshotCsv(fixture('linkusdt_l2_10lvl_binance_2021-08-20_head200.csv.gz')).pipe(toArray()));
  const trades = await lastValueFrom(
    readTardisTradesCsv(fixture('tardis_binance_BTCUSDT_trades_2019-12-01_rows_1_100.csv')).pipe(toArray()),
  );
  const { parseMarket } = await import('@arbot/core');
  const markets = ['LINK/USDT', 'BTC/USDT'].map((symbol) =>
    parseMarket({
      venue: 'binance',
      symbol,
      id: symbol.replace('/', ''),
      base: symbol.split('/')[0],
      quote: 'USDT',
      precision: { amount: '0.01', price: '0.001' },
      limits: {},
      fees: { maker: '0.001', taker: '0.001' },
    }),
  );
  await lastValueFrom(from([...trades, ...books]).pipe(record(path, { markets })));
  return path;
}

describe('arbot record', () => {
  it('records the chosen streams of a venue (here a replayed one) with its markets, books as snapshots', async () => {
    const source = await sourceRecording();
    let closed = 0;
    const openVenue = async (id: string): Promise<ClosableVenue> => ({
      ...replayFeed(source, { pacing: 'asap' }).venue(id),
      close: async () => {
        closed++;
      },
    });
    const out = tmp.path('recorded.ndjson.gz');
    const { env, out: stdout, err } = environment(openVenue);
    const code = await runCli(['record', '--exchange', 'binance', '--symbols', 'LINK/USDT,BTC/USDT', '--out', out, '--depth', '3'], env);
    expect(err.text()).toContain('recording books, trades of LINK/USDT, BTC/USDT on binance');
    expect(code).toBe(0);
    // Each stream subscribed its own playback of the source: 200 books of LINK/USDT, 100 trades of BTC/USDT.
    expect(stdout.text()).toBe(`recorded 300 events (book: 200, trade: 100) and 2 markets to ${out}\n`);
    expect(closed).toBe(1);
    expect((await readRecordedMarkets(out)).map((m) => m.symbol)).toEqual(['LINK/USDT', 'BTC/USDT']);
    const inspection = await inspectRecording(out);
    expect(inspection.series.map((s) => [s.stream, s.symbol, s.count])).toEqual([
      ['book', 'LINK/USDT', 200],
      ['trade', 'BTC/USDT', 100],
    ]);
    // Books were recorded at depth 3: the first is the top 3 levels of the CSV's first row.
    const [firstBook] = await lastValueFrom(replay(out, { pacing: 'asap', streams: ['book'] }).pipe(toArray()));
    expect(firstBook).toMatchObject({
      type: 'snapshot',
      bids: [
        [27.095, 988.45],
        [27.088, 215.284],
        [27.085, 195],
      ],
    });
  });

  it('fails fast, with a clear message and exit code 1, when the exchange does not answer within --timeout', async () => {
    const clock = new VirtualClock(0);
    let closed = false;
    const silent = async (id: string): Promise<ClosableVenue> => ({
      ...replayFeed(tmp.path('unused.ndjson'), { pacing: 'asap' }).venue(id),
      markets: () => new Promise(() => {}),
      close: async () => {
        closed = true;
      },
    });
    const { env, err } = environment(silent, clock);
    const running = runCli(
      ['record', '--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', tmp.path('never.ndjson.gz'), '--timeout', '5s'],
      env,
    );
    // The command checks the output directory and opens the venue (a few event-loop turns) before it waits for markets.
    for (let turn = 0; turn < 5_000 && clock.pendingTimers === 0; turn++) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(clock.nextTimerAt()).toBe(5_000);
    clock.advanceBy(4_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(err.text()).toBe('');
    clock.advanceBy(1);
    expect(await running).toBe(1);
    expect(err.text()).toBe('arbot record: binance did not answer within 5s (no network?)\n');
    expect(closed).toBe(true);
  });

  it('reports a venue whose markets fail to load (no DNS) in one line, exit code 1', async () => {
    const offline = async (id: string): Promise<ClosableVenue> => ({
      ...replayFeed(tmp.path('unused.ndjson'), { pacing: 'asap' }).venue(id),
      markets: () =>
        Promise.reject(
          new Error('binance GET https://api.binance.com/api/v3/exchangeInfo fetch failed: getaddrinfo ENOTFOUND api.binance.com'),
        ),
    });
    const { env, err } = environment(offline);
    expect(await runCli(['record', '--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', tmp.path('offline.ndjson.gz')], env)).toBe(1);
    expect(err.text()).toBe(
      'arbot record: binance: could not load markets: binance GET https://api.binance.com/api/v3/exchangeInfo fetch failed: getaddrinfo ENOTFOUND api.binance.com\n',
    );
  });

  it('stops on the abort signal and still closes the file', async () => {
    const stop = new AbortController();
    let seen = 0;
    // Aborts right after the 10th book has gone downstream, as Ctrl-C would between two updates.
    const abortAfterTen = (source: Observable<OrderBookView>) =>
      new Observable<OrderBookView>((subscriber) =>
        source.subscribe({
          next: (view) => {
            subscriber.next(view);
            if (++seen === 10) stop.abort();
          },
          error: (error: unknown) => subscriber.error(error),
          complete: () => subscriber.complete(),
        }),
      );
    const source = await sourceRecording();
    const live = async (id: string): Promise<ClosableVenue> => {
      const venue = replayFeed(source, { pacing: 'asap' }).venue(id);
      return { ...venue, orderBook$: (symbol, options) => abortAfterTen(venue.orderBook$(symbol, options)) };
    };
    const out = tmp.path('aborted.ndjson');
    const { env, out: stdout } = environment(live, systemClock, stop.signal);
    expect(await runCli(['record', '--exchange', 'binance', '--symbols', 'LINK/USDT', '--out', out, '--streams', 'books'], env)).toBe(0);
    expect(stdout.text()).toBe(`recorded 10 events (book: 10) and 1 markets to ${out}\n`);
  });

  it('rejects bad flags before touching the network', async () => {
    let opened = 0;
    const never = async (): Promise<ClosableVenue> => {
      opened++;
      throw new Error('must not be called');
    };
    const cases: [string[], string][] = [
      [['--symbols', 'BTC/USDT', '--out', 'x.ndjson'], 'arbot record: --exchange is required'],
      [['--exchange', 'binance', '--out', 'x.ndjson'], 'arbot record: --symbols is required'],
      [
        ['--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', 'x', '--duration', 'soon'],
        'arbot record: --duration must be a positive duration like 500ms, 60s, 5m or 1h (got "soon")',
      ],
      [
        ['--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', 'x', '--streams', 'books,quotes'],
        'arbot record: --streams must be one of books, trades, tickers, candles (got "quotes")',
      ],
      [
        ['--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', 'x', '--depth', '0'],
        'arbot record: --depth must be a positive integer (got "0")',
      ],
      [
        ['--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', tmp.path('no/dir/x.ndjson')],
        `arbot record: the directory of --out does not exist: ${tmp.path('no/dir')}`,
      ],
    ];
    for (const [args, message] of cases) {
      const { env, err } = environment(never);
      expect(await runCli(['record', ...args], env)).toBe(2);
      expect(err.text().split('\n')[0]).toBe(message);
    }
    expect(opened).toBe(0);
  });

  it('names an unknown symbol and suggests markets of the same base', async () => {
    const source = await sourceRecording();
    const { env, err } = environment(async (id) => replayFeed(source, { pacing: 'asap' }).venue(id));
    expect(await runCli(['record', '--exchange', 'binance', '--symbols', 'LINK/BTC', '--out', tmp.path('x.ndjson')], env)).toBe(2);
    expect(err.text().split('\n')[0]).toBe('arbot record: binance has no market LINK/BTC (did you mean LINK/USDT?)');
  });
});
