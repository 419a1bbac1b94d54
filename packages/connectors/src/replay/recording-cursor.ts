import { InvalidLineError, type InvalidLinePolicy } from '../formats/invalid-line-error';
import { type LineBatch, readLineBatches } from '../formats/line-reader';
import type { EventStream } from '../record/recorded-event';
import { decodeLine } from '../record/recording-line';
import type { ReplayedEvent } from './replayed-event';

/**
 * Which lines a cursor yields and what it does with bad ones.
 *
 * @example
 * ```ts
 * const options: CursorOptions = { streams: new Set(['trade']), time: 'recvTs', invalidLines: 'error', onSkippedLine: undefined };
 * ```
 */
export interface CursorOptions {
  readonly streams: ReadonlySet<EventStream>;
  readonly time: 'recvTs' | 'ts';
  readonly invalidLines: InvalidLinePolicy;
  readonly onSkippedLine: ((error: InvalidLineError) => void) | undefined;
}

/**
 * Reads one recording event by event with a one-event look-ahead (`head`),
 * so several files can be merged in time order. Decoding is synchronous
 * within a batch of lines; only fetching the next batch is asynchronous, so
 * replay costs no promise per event.
 *
 * @example
 * ```ts
 * const cursor = new RecordingCursor('a.ndjson.gz', options);
 * while (!cursor.step() && !cursor.done) await cursor.load();
 * console.log(cursor.take());
 * ```
 */
export class RecordingCursor {
  /** The next event, or `undefined` before {@link step} found one / after {@link take}. */
  head: ReplayedEvent | undefined;
  /** Time of {@link head} (its `recvTs` or `ts`, per options). */
  headTime = 0;
  /** `true` once the file is exhausted. */
  done = false;
  private readonly batches: AsyncGenerator<LineBatch, void, undefined>;
  private lines: readonly string[] = [];
  private firstLine = 1;
  private index = 0;

  constructor(
    readonly path: string,
    private readonly options: CursorOptions,
  ) {
    this.batches = readLineBatches(path);
  }

  /**
   * Decodes lines of the current batch until an event of a wanted stream is
   * found (then `head` is set and it returns true) or the batch is used up
   * (false: await {@link load}). Throws the {@link InvalidLineError} of a bad
   * line unless bad lines are skipped.
   */
  step(): boolean {
    const { streams, time, invalidLines, onSkippedLine } = this.options;
    while (this.index < this.lines.length) {
      const text = this.lines[this.index] ?? '';
      const line = this.firstLine + this.index;
      this.index++;
      if (text === '') continue;
      try {
        const decoded = decodeLine(text, this.path, line);
        if (decoded.stream === 'market' || !streams.has(decoded.stream)) continue;
        this.head = { stream: decoded.stream, event: decoded.event } as ReplayedEvent;
        this.headTime = decoded.event[time];
        return true;
      } catch (error) {
        if (invalidLines === 'skip' && error instanceof InvalidLineError) onSkippedLine?.(error);
        else throw error;
      }
    }
    return false;
  }

  /** Fetches the next batch of lines; sets {@link done} at the end of the file. */
  async load(): Promise<void> {
    const next = await this.batches.next();
    if (next.done) {
      this.done = true;
      return;
    }
    this.lines = next.value.lines;
    this.firstLine = next.value.firstLine;
    this.index = 0;
  }

  /** Returns {@link head} and clears it. */
  take(): ReplayedEvent | undefined {
    const head = this.head;
    this.head = undefined;
    return head;
  }

  /** Closes the file. */
  async close(): Promise<void> {
    this.done = true;
    await this.batches.return();
  }
}
