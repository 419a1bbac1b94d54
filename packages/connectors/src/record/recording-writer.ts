import { createWriteStream } from 'node:fs';
import { finished, pipeline, type Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { isGzipPath } from '../formats/line-reader';
import { RecordError } from './record-error';

/**
 * How a {@link RecordingWriter} writes.
 *
 * @example
 * ```ts
 * new RecordingWriter('x.ndjson.gz', { level: 6, maxBufferedBytes: 64 * 1024 * 1024 });
 * ```
 */
export interface RecordingWriterOptions {
  /** gzip level 1 (fast) … 9 (small). */
  readonly level: number;
  /** Most characters allowed to wait for the disk before the recording fails with `RECORD_BACKLOG`. */
  readonly maxBufferedBytes: number;
}

/** Lines are handed to the stream in batches of about this many characters: one stream write per event would cost more than the event. */
const BATCH_CHARS = 64 * 1024;

/**
 * Appends lines to a file, gzip-compressed when the path ends in `.gz`. Lines
 * are batched and written at the end of the current event-loop turn (or
 * sooner when a batch fills), so nothing waits in memory longer than that.
 * Backpressure: while the stream asks to wait (`write` returned false) lines
 * accumulate here until `drain`; more than `maxBufferedBytes` waiting in
 * total fails the recording instead of growing without bound.
 *
 * @example
 * ```ts
 * const writer = new RecordingWriter('x.ndjson.gz', { level: 6, maxBufferedBytes: 1 << 26 });
 * writer.write(encodeEvent(trade));
 * const error = await writer.close(); // undefined when all went well
 * ```
 */
export class RecordingWriter {
  /** Characters written so far (uncompressed, newline included). */
  chars = 0;
  /** Resolves when the file is closed: with `undefined`, or the error that stopped it. */
  readonly closed: Promise<RecordError | undefined>;
  private readonly head: Writable;
  private batch = '';
  private waitingForDrain = false;
  private flushScheduled: NodeJS.Immediate | undefined;
  private ending = false;

  constructor(
    readonly path: string,
    private readonly options: RecordingWriterOptions,
  ) {
    const file = createWriteStream(path);
    const gzip = isGzipPath(path) ? createGzip({ level: options.level }) : undefined;
    this.head = gzip ?? file;
    this.closed = new Promise((resolve) => {
      const done = (error: unknown) => resolve(error ? writeError(path, error) : undefined);
      if (gzip) pipeline(gzip, file, done);
      else finished(file, done);
    });
    this.head.on('drain', () => {
      this.waitingForDrain = false;
      this.flush();
    });
  }

  /** Queues one line (without newline). Throws `RECORD_BACKLOG` when too much is waiting for the disk. */
  write(line: string): void {
    this.batch += `${line}\n`;
    this.chars += line.length + 1;
    if (this.batch.length >= BATCH_CHARS) this.flush();
    else this.flushScheduled ??= setImmediate(() => this.flush());
    const waiting = this.batch.length + this.head.writableLength;
    if (waiting > this.options.maxBufferedBytes) {
      throw new RecordError('RECORD_BACKLOG', `Recording to ${this.path} fell behind: ${waiting} bytes waiting for the disk`, {
        path: this.path,
        waiting,
        maxBufferedBytes: this.options.maxBufferedBytes,
      });
    }
  }

  /** Writes what is queued, flushes the compressor and closes the file; resolves like {@link closed}. */
  close(): Promise<RecordError | undefined> {
    if (!this.ending) {
      this.ending = true;
      this.clearScheduledFlush();
      const rest = this.batch;
      this.batch = '';
      if (!this.head.destroyed) this.head.end(rest);
    }
    return this.closed;
  }

  private flush(): void {
    this.clearScheduledFlush();
    if (this.ending || this.waitingForDrain || this.batch === '' || this.head.destroyed) return;
    const chunk = this.batch;
    this.batch = '';
    this.waitingForDrain = !this.head.write(chunk);
  }

  private clearScheduledFlush(): void {
    if (this.flushScheduled !== undefined) clearImmediate(this.flushScheduled);
    this.flushScheduled = undefined;
  }
}

function writeError(path: string, error: unknown): RecordError {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const reasons: Record<string, string> = {
    ENOENT: 'no such directory',
    EACCES: 'permission denied',
    EISDIR: 'is a directory',
    ENOSPC: 'disk full',
  };
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
  return new RecordError(
    'RECORD_WRITE',
    `Cannot write recording ${path}: ${reason}`,
    { path, reason, ...(code ? { code } : {}) },
    { cause: error },
  );
}
