import type { InvalidLineError, InvalidLinePolicy } from '../formats/invalid-line-error';
import { EVENT_STREAMS, type EventStream } from '../record/recorded-event';
import { MergedRecordings } from './merged-recordings';
import { checkReplayOptions } from './replay-options';
import type { ReplayedEvent } from './replayed-event';

/**
 * Options of {@link readRecording}.
 *
 * @example
 * ```ts
 * readRecording(['a.ndjson.gz', 'b.ndjson.gz'], { time: 'ts', invalidLines: 'skip' });
 * ```
 */
export interface ReadRecordingOptions {
  /** Which time orders the merge: `recvTs` (default) or `ts`. */
  readonly time?: 'recvTs' | 'ts';
  /** Only these streams (default: all). */
  readonly streams?: readonly EventStream[];
  /** `error` (default) throws on the first bad line; `skip` drops bad lines and reports them to `onSkippedLine`. */
  readonly invalidLines?: InvalidLinePolicy;
  /** Called with each skipped line when `invalidLines` is `skip`. */
  readonly onSkippedLine?: (error: InvalidLineError) => void;
}

/**
 * Pull-based counterpart of `replayTagged`: iterates recordings' events
 * (revalidated, merged in time order) with `for await`, reading the files no
 * faster than the loop consumes them. Use it when the consumer sets the
 * pace (writing to a slow pipe, a step-by-step engine); use `replay` for a
 * paced Observable. Breaking out of the loop closes the files.
 *
 * @example
 * ```ts
 * for await (const { stream, event } of readRecording('session.ndjson.gz', { streams: ['trade'] })) {
 *   if (stream === 'trade') total += event.amount;
 * }
 * ```
 */
export async function* readRecording(
  paths: string | readonly string[],
  options: ReadRecordingOptions = {},
): AsyncGenerator<ReplayedEvent, void, undefined> {
  const files = typeof paths === 'string' ? [paths] : [...paths];
  const checked = checkReplayOptions(files, { ...options, pacing: 'asap', streams: options.streams ?? EVENT_STREAMS });
  const merged = new MergedRecordings(files, checked);
  try {
    for (;;) {
      if (merged.needsLoad()) await merged.load();
      const next = merged.shift();
      if (next === undefined) return;
      yield next.item;
    }
  } finally {
    await merged.close();
  }
}
