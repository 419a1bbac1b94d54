import { type Timeframe, TimeframeSchema } from '@arbot/core';
import { lastValueFrom, type Observable } from 'rxjs';
import { readKlineCsv } from '../formats/kline-csv';
import { readL2SnapshotCsv } from '../formats/l2-snapshot-csv';
import type { InvalidLineOptions } from '../formats/line-parser-observable';
import { readTardisBookCsv } from '../formats/tardis-book-csv';
import { readTardisTradesCsv } from '../formats/tardis-trades-csv';
import { type RecordingSummary, record } from '../record/record';
import type { MarketDataEvent } from '../record/recorded-event';
import type { CliEnvironment } from './cli-environment';
import { CliError } from './cli-error';
import { choiceFlag, parseFlags, requireFlag } from './flags';

/**
 * The file formats `arbot convert` reads.
 *
 * @example
 * ```ts
 * CONVERT_FORMATS.includes('tardis-book'); // true
 * ```
 */
export const CONVERT_FORMATS = ['linkusdt-l2', 'tardis-book', 'tardis-trades', 'binance-klines'] as const;

/**
 * Usage of `arbot convert`.
 *
 * @example
 * ```ts
 * process.stdout.write(CONVERT_USAGE);
 * ```
 */
export const CONVERT_USAGE = `Usage: arbot convert --format <format> --in <file> --out <file.ndjson.gz> [options]

Converts a market-data CSV (plain or .gz) into an arbot recording that replay() and replayVenue() read.

Formats:
  linkusdt-l2      L2 snapshot CSV: timestamp,symbol,b1..bN,bv1..bvN,a1..aN,av1..avN
  tardis-book      tardis.dev incremental_book_L2 CSV
  tardis-trades    tardis.dev trades CSV
  binance-klines   data.binance.vision kline CSV, or an open_time,open,high,low,close,volume CSV

Options:
  --venue <id>         venue id of the events (default: from the file when it names one)
  --symbol <BASE/QUOTE> unified symbol (default: from the file or file name)
  --timeframe <tf>     candle timeframe, binance-klines only (default: inferred)
  --invalid error|skip fail on the first bad row (default) or skip bad rows and count them
`;

/**
 * `arbot convert`: reads a CSV in one of {@link CONVERT_FORMATS} and writes
 * its events as a recording (gzip when `--out` ends in `.gz`).
 *
 * @example
 * ```ts
 * await convertCommand(['--format', 'tardis-trades', '--in', 'trades.csv', '--out', 'trades.ndjson.gz'], env);
 * ```
 */
export async function convertCommand(args: readonly string[], env: CliEnvironment): Promise<void> {
  const values = parseFlags('convert', args, {
    format: { type: 'string' },
    in: { type: 'string' },
    out: { type: 'string' },
    venue: { type: 'string' },
    symbol: { type: 'string' },
    timeframe: { type: 'string' },
    invalid: { type: 'string', default: 'error' },
  });
  const format = choiceFlag('convert', '--format', requireFlag('convert', '--format', values.format), CONVERT_FORMATS);
  const input = requireFlag('convert', '--in', values.in);
  const output = requireFlag('convert', '--out', values.out);
  const invalidLines = choiceFlag('convert', '--invalid', values.invalid ?? 'error', ['error', 'skip'] as const);
  if (values.timeframe !== undefined && format !== 'binance-klines')
    throw new CliError('CLI_USAGE', 'convert: --timeframe applies to --format binance-klines only');
  let skipped = 0;
  const common: InvalidLineOptions & { venue?: string; symbol?: string } = {
    invalidLines,
    onSkippedLine: (error) => {
      skipped++;
      if (skipped <= 5) env.err.write(`skipped ${error.message}\n`);
    },
    ...(values.venue === undefined ? {} : { venue: values.venue }),
    ...(values.symbol === undefined ? {} : { symbol: values.symbol }),
  };
  const events: Observable<MarketDataEvent> = (() => {
    switch (format) {
      case 'linkusdt-l2':
        return readL2SnapshotCsv(input, common);
      case 'tardis-book':
        return readTardisBookCsv(input, common);
      case 'tardis-trades':
        return readTardisTradesCsv(input, common);
      case 'binance-klines':
        return readKlineCsv(input, {
          ...common,
          ...(values.timeframe === undefined ? {} : { timeframe: timeframeFlag(values.timeframe) }),
        });
    }
  })();
  let summary: RecordingSummary | undefined;
  await lastValueFrom(events.pipe(record(output, { onClose: (s) => (summary = s) })), { defaultValue: undefined });
  const written = summary?.events ?? 0;
  const parts = Object.entries(summary?.byStream ?? {})
    .filter(([, n]) => n > 0)
    .map(([stream, n]) => `${stream}: ${n}`);
  env.out.write(`converted ${written} events (${parts.join(', ') || 'none'}) from ${input} to ${output}`);
  env.out.write(skipped > 0 ? `; skipped ${skipped} invalid rows\n` : '\n');
}

function timeframeFlag(value: string): Timeframe {
  const parsed = TimeframeSchema.safeParse(value);
  if (!parsed.success)
    throw new CliError('CLI_USAGE', `convert: --timeframe must be one of ${TimeframeSchema.options.join(', ')} (got "${value}")`);
  return parsed.data;
}
