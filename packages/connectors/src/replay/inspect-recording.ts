import { lastValueFrom, tap } from 'rxjs';
import type { InvalidLineError, InvalidLinePolicy } from '../formats/invalid-line-error';
import type { EventStream } from '../record/recorded-event';
import { readRecordedMarkets } from './read-recorded-markets';
import { replayTagged } from './replay';

/**
 * Counts and time range of one (stream, venue, symbol) in a recording.
 *
 * @example
 * ```ts
 * const [first] = (await inspectRecording('x.ndjson.gz')).series;
 * console.log(first?.stream, first?.count, first?.lastTs - first?.firstTs);
 * ```
 */
export interface RecordedSeries {
  readonly stream: EventStream;
  readonly venue: string;
  readonly symbol: string;
  readonly count: number;
  /** Smallest and largest exchange time `ts`, ms. */
  readonly firstTs: number;
  readonly lastTs: number;
  /** Smallest and largest receive time `recvTs`, ms. */
  readonly firstRecvTs: number;
  readonly lastRecvTs: number;
}

/**
 * What a recording holds, from {@link inspectRecording}.
 *
 * @example
 * ```ts
 * const { events, markets, skippedLines } = await inspectRecording('x.ndjson.gz');
 * ```
 */
export interface RecordingInspection {
  /** Timed events (all streams). */
  readonly events: number;
  /** Market lines at the files' heads. */
  readonly markets: number;
  /** One entry per (stream, venue, symbol), sorted by stream, venue, symbol. */
  readonly series: readonly RecordedSeries[];
  /** Bad lines skipped (always 0 with `invalidLines: 'error'`). */
  readonly skippedLines: number;
  /** The first few skipped lines' errors (at most 10). */
  readonly skippedExamples: readonly InvalidLineError[];
}

/**
 * Reads recordings once (streaming, no pacing) and reports what they hold:
 * per stream, venue and symbol the event count and time range, the markets
 * at the head, and the bad lines (skipped and counted by default; pass
 * `invalidLines: 'error'` to fail on the first).
 *
 * @example
 * ```ts
 * const { series, skippedLines } = await inspectRecording('session.ndjson.gz');
 * for (const s of series) console.log(s.stream, s.venue, s.symbol, s.count, new Date(s.firstTs).toISOString());
 * ```
 */
export async function inspectRecording(
  paths: string | readonly string[],
  options: { readonly invalidLines?: InvalidLinePolicy } = {},
): Promise<RecordingInspection> {
  const series = new Map<string, { -readonly [K in keyof RecordedSeries]: RecordedSeries[K] }>();
  const skippedExamples: InvalidLineError[] = [];
  let skippedLines = 0;
  let events = 0;
  const replayed = replayTagged(paths, {
    pacing: 'asap',
    invalidLines: options.invalidLines ?? 'skip',
    onSkippedLine: (error) => {
      skippedLines++;
      if (skippedExamples.length < 10) skippedExamples.push(error);
    },
  });
  await lastValueFrom(
    replayed.pipe(
      tap(({ stream, event }) => {
        events++;
        const key = `${stream}\u0000${event.venue}\u0000${event.symbol}`;
        const entry = series.get(key);
        if (entry === undefined) {
          const { venue, symbol, ts, recvTs } = event;
          series.set(key, { stream, venue, symbol, count: 1, firstTs: ts, lastTs: ts, firstRecvTs: recvTs, lastRecvTs: recvTs });
          return;
        }
        entry.count++;
        entry.firstTs = Math.min(entry.firstTs, event.ts);
        entry.lastTs = Math.max(entry.lastTs, event.ts);
        entry.firstRecvTs = Math.min(entry.firstRecvTs, event.recvTs);
        entry.lastRecvTs = Math.max(entry.lastRecvTs, event.recvTs);
      }),
    ),
    { defaultValue: undefined },
  );
  const markets = (await readRecordedMarkets(paths)).length;
  const sorted = [...series.values()].sort(
    (a, b) => a.stream.localeCompare(b.stream) || a.venue.localeCompare(b.venue) || a.symbol.localeCompare(b.symbol),
  );
  return { events, markets, series: sorted, skippedLines, skippedExamples };
}
