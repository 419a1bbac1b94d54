import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { type Clock, type Market, type Timeframe, TimeframeSchema } from '@arbot/core';
import { fromEvent, lastValueFrom, merge, NEVER, type Observable, takeUntil, throwError, timeout, timer } from 'rxjs';
import { type RecordingSummary, record } from '../record/record';
import type { RecordableEvent } from '../record/recorded-event';
import type { CliEnvironment, ClosableVenue } from './cli-environment';
import { CliError } from './cli-error';
import { formatSpan, parseDuration } from './duration';
import { choiceFlag, listFlag, parseFlags, requireFlag } from './flags';

/**
 * The streams `arbot record --streams` accepts.
 *
 * @example
 * ```ts
 * RECORD_STREAMS.includes('books'); // true
 * ```
 */
export const RECORD_STREAMS = ['books', 'trades', 'tickers', 'candles'] as const;
type RecordStreamFlag = (typeof RECORD_STREAMS)[number];

/**
 * Usage of `arbot record`.
 *
 * @example
 * ```ts
 * process.stdout.write(RECORD_USAGE);
 * ```
 */
export const RECORD_USAGE = `Usage: arbot record --exchange <id> --symbols <A/B,C/D> --out <file.ndjson.gz> [options]

Records live market data from a ccxt exchange (needs network access) into a recording that
replay() and replayVenue() read back. Ctrl-C stops and closes the file cleanly.

Options:
  --duration <d>     stop after this long, e.g. 60s, 5m, 1h (default: until Ctrl-C)
  --streams <list>   ${RECORD_STREAMS.join(',')} (default: books,trades)
  --depth <n>        order book levels per side to record (default: 20)
  --timeframe <tf>   candle timeframe for --streams candles (default: 1m)
  --timeout <d>      give up when the exchange does not answer or send data within this (default: 15s)
`;

/**
 * `arbot record`: opens a venue, checks the symbols against its markets,
 * then records the chosen streams of every symbol (order books as snapshots
 * of their top `--depth` levels) until `--duration` passes or the signal is
 * aborted. Fails fast with a clear message when the exchange does not answer
 * within `--timeout`.
 *
 * @example
 * ```ts
 * await recordCommand(['--exchange', 'binance', '--symbols', 'BTC/USDT', '--out', 'btc.ndjson.gz', '--duration', '60s'], env);
 * ```
 */
export async function recordCommand(args: readonly string[], env: CliEnvironment): Promise<void> {
  const values = parseFlags('record', args, {
    exchange: { type: 'string' },
    symbols: { type: 'string' },
    out: { type: 'string' },
    duration: { type: 'string' },
    streams: { type: 'string', default: 'books,trades' },
    depth: { type: 'string', default: '20' },
    timeframe: { type: 'string', default: '1m' },
    timeout: { type: 'string', default: '15s' },
  });
  const exchange = requireFlag('record', '--exchange', values.exchange);
  const symbols = listFlag(requireFlag('record', '--symbols', values.symbols));
  const out = requireFlag('record', '--out', values.out);
  const durationMs = values.duration === undefined ? undefined : parseDuration(values.duration, '--duration');
  const timeoutMs = parseDuration(values.timeout ?? '15s', '--timeout');
  const streams = [...new Set(listFlag(values.streams ?? '').map((s) => choiceFlag('record', '--streams', s, RECORD_STREAMS)))];
  if (streams.length === 0) throw new CliError('CLI_USAGE', 'record: --streams must name at least one stream');
  const depth = Number(values.depth);
  if (!Number.isInteger(depth) || depth <= 0)
    throw new CliError('CLI_USAGE', `record: --depth must be a positive integer (got "${values.depth}")`);
  const tf = TimeframeSchema.safeParse(values.timeframe);
  if (!tf.success)
    throw new CliError('CLI_USAGE', `record: --timeframe must be one of ${TimeframeSchema.options.join(', ')} (got "${values.timeframe}")`);
  await requireDirectory(out);

  const venue = await env.openVenue(exchange, { timeoutMs, clock: env.clock });
  try {
    const markets = await loadMarkets(venue, exchange, timeoutMs, env.clock);
    const selected = symbols.map((symbol) => findMarket(markets, symbol, exchange));
    const sources = symbols.flatMap((symbol) => streams.map((stream) => streamOf(venue, symbol, stream, depth, tf.data)));
    const stop$ = merge(
      durationMs === undefined ? NEVER : timer(durationMs, env.clock.scheduler),
      env.signal === undefined ? NEVER : env.signal.aborted ? timer(0, env.clock.scheduler) : fromEvent(env.signal, 'abort'),
    );
    let summary: RecordingSummary | undefined;
    env.err.write(
      `recording ${streams.join(', ')} of ${symbols.join(', ')} on ${exchange} to ${out}${durationMs === undefined ? ' (Ctrl-C to stop)' : ` for ${formatSpan(durationMs)}`}\n`,
    );
    await lastValueFrom(
      merge(...sources).pipe(
        timeout({
          first: timeoutMs,
          scheduler: env.clock.scheduler,
          with: () =>
            throwError(
              () => new CliError('CLI_FAILED', `${exchange} sent no data within ${formatSpan(timeoutMs)}`, { exchange, timeoutMs }),
            ),
        }),
        takeUntil(stop$),
        record(out, { markets: selected, onClose: (s) => (summary = s) }),
      ),
      { defaultValue: undefined },
    );
    const counts = Object.entries(summary?.byStream ?? {})
      .filter(([, n]) => n > 0)
      .map(([stream, n]) => `${stream}: ${n}`);
    env.out.write(`recorded ${summary?.events ?? 0} events (${counts.join(', ') || 'none'}) and ${selected.length} markets to ${out}\n`);
  } finally {
    await venue.close?.();
  }
}

function streamOf(
  venue: ClosableVenue,
  symbol: string,
  stream: RecordStreamFlag,
  depth: number,
  timeframe: Timeframe,
): Observable<RecordableEvent> {
  switch (stream) {
    case 'books':
      return venue.orderBook$(symbol, { depth });
    case 'trades':
      return venue.trades$(symbol);
    case 'tickers':
      return venue.ticker$(symbol);
    case 'candles':
      return venue.candles$(symbol, timeframe);
  }
}

function findMarket(markets: readonly Market[], symbol: string, exchange: string): Market {
  const market = markets.find((m) => m.symbol === symbol);
  if (market !== undefined) return market;
  const near = markets
    .filter((m) => m.symbol.startsWith(`${symbol.split('/')[0] ?? ''}/`))
    .slice(0, 5)
    .map((m) => m.symbol);
  throw new CliError(
    'CLI_USAGE',
    `record: ${exchange} has no market ${symbol}${near.length > 0 ? ` (did you mean ${near.join(', ')}?)` : ''}`,
    {
      exchange,
      symbol,
    },
  );
}

async function requireDirectory(out: string): Promise<void> {
  const dir = dirname(resolve(out));
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new CliError('CLI_USAGE', `record: the directory of --out does not exist: ${dir}`, { out });
}

/** The venue's markets, or `CLI_FAILED` when they fail to load or take longer than `ms` on the clock's scheduler. */
function loadMarkets(venue: ClosableVenue, exchange: string, ms: number, clock: Clock): Promise<readonly Market[]> {
  return new Promise((resolvePromise, reject) => {
    const timer = clock.scheduler.schedule(() => {
      reject(new CliError('CLI_FAILED', `${exchange} did not answer within ${formatSpan(ms)} (no network?)`, { exchange, timeoutMs: ms }));
    }, ms);
    venue.markets().then(
      (markets) => {
        timer.unsubscribe();
        resolvePromise(markets);
      },
      (error: unknown) => {
        timer.unsubscribe();
        const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
        reject(new CliError('CLI_FAILED', `${exchange}: could not load markets: ${reason}`, { exchange, reason }));
      },
    );
  });
}
