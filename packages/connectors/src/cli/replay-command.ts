import { once } from 'node:events';
import { EVENT_STREAMS, type EventStream } from '../record/recorded-event';
import { encodeEvent } from '../record/recording-line';
import { inspectRecording } from '../replay/inspect-recording';
import { readRecording } from '../replay/read-recording';
import type { CliEnvironment } from './cli-environment';
import { CliError } from './cli-error';
import { formatSpan } from './duration';
import { choiceFlag, listFlag, parseFlags } from './flags';

/**
 * Usage of `arbot replay`.
 *
 * @example
 * ```ts
 * process.stdout.write(REPLAY_USAGE);
 * ```
 */
export const REPLAY_USAGE = `Usage: arbot replay --file <recording> [--file <recording>...] [--summary] [options]

Reads recordings back (validating every line). Prints each event as a JSON line, merged in time
order, or with --summary the event count and time range per stream, venue and symbol.

Options:
  --summary             print counts and time ranges instead of the events
  --streams <list>      only these streams: ${EVENT_STREAMS.join(',')} (default: all)
  --invalid error|skip  fail on the first bad line, or skip bad lines and count them
                        (default: error when printing events, skip with --summary)
`;

/**
 * `arbot replay`: prints a recording's events as JSON lines (honouring
 * backpressure on stdout), or with `--summary` what it holds per stream.
 *
 * @example
 * ```ts
 * await replayCommand(['--file', 'session.ndjson.gz', '--summary'], env);
 * ```
 */
export async function replayCommand(args: readonly string[], env: CliEnvironment): Promise<void> {
  const values = parseFlags('replay', args, {
    file: { type: 'string', multiple: true },
    summary: { type: 'boolean', default: false },
    streams: { type: 'string' },
    invalid: { type: 'string' },
  });
  const files = values.file ?? [];
  if (files.length === 0) throw new CliError('CLI_USAGE', 'replay: --file is required', { flag: '--file' });
  const streams: readonly EventStream[] =
    values.streams === undefined ? EVENT_STREAMS : listFlag(values.streams).map((s) => choiceFlag('replay', '--streams', s, EVENT_STREAMS));
  const summary = values.summary === true;
  const invalidLines = choiceFlag('replay', '--invalid', values.invalid ?? (summary ? 'skip' : 'error'), ['error', 'skip'] as const);
  if (summary) await printSummary(files, invalidLines, streams, env);
  else await printEvents(files, invalidLines, streams, env);
}

async function printEvents(
  files: readonly string[],
  invalidLines: 'error' | 'skip',
  streams: readonly EventStream[],
  env: CliEnvironment,
): Promise<void> {
  let skipped = 0;
  const events = readRecording(files, { streams, invalidLines, onSkippedLine: () => skipped++ });
  for await (const { event } of events) {
    if (!env.out.write(`${encodeEvent(event)}\n`)) await once(env.out, 'drain');
  }
  if (skipped > 0) env.err.write(`skipped ${skipped} invalid lines\n`);
}

async function printSummary(
  files: readonly string[],
  invalidLines: 'error' | 'skip',
  streams: readonly EventStream[],
  env: CliEnvironment,
): Promise<void> {
  const inspection = await inspectRecording(files, { invalidLines });
  const series = inspection.series.filter((s) => streams.includes(s.stream));
  const rows = [
    ['stream', 'venue', 'symbol', 'events', 'first ts (UTC)', 'last ts (UTC)', 'span'],
    ...series.map((s) => [
      s.stream,
      s.venue,
      s.symbol,
      String(s.count),
      new Date(s.firstTs).toISOString(),
      new Date(s.lastTs).toISOString(),
      formatSpan(s.lastTs - s.firstTs),
    ]),
  ];
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const lines = [
    `files: ${files.join(', ')}`,
    `markets: ${inspection.markets}`,
    `events: ${series.reduce((n, s) => n + s.count, 0)}`,
    ...rows.map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    ),
    `invalid lines: ${inspection.skippedLines}`,
    ...inspection.skippedExamples.slice(0, 3).map((e) => `  ${e.message}`),
  ];
  env.out.write(`${lines.join('\n')}\n`);
}
