import { type FileHandle, open, truncate } from 'node:fs/promises';
import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { systemClock } from '../clock/system-clock';
import { parseWith } from '../model/parse';
import { JournalCorruptError, JournalWriteError } from './journal-errors';
import { encodeLine, GENESIS_HASH, type JournalEntry } from './journal-line';
import type { JournalRecordInput } from './journal-records';
import { readText, scanJournal } from './verify-journal';

const isClock = (v: unknown): v is Clock =>
  typeof v === 'object' && v !== null && typeof (v as { now?: unknown }).now === 'function' && 'scheduler' in v;

/**
 * Options of {@link Journal.open}.
 *
 * - `clock`: stamps each line's `ts` (default `systemClock`).
 * - `durability`: `fsync` (default) resolves an append only once its line is
 *   on disk (`fdatasync`); appends made while a write is in flight are
 *   grouped into the next write, so concurrent appends share one sync.
 *   `os-buffer` resolves once the OS has the bytes (survives a process
 *   crash, not a power loss): only for backtests and benchmarks.
 * - `onTornTail`: what to do when the last line has no newline (a write cut
 *   short by a crash — its append never resolved, so nothing acted on it):
 *   `truncate` it (default) or `fail`.
 *
 * @example
 * ```ts
 * JournalOptionsSchema.parse({ durability: 'fsync' });
 * ```
 */
export const JournalOptionsSchema = z.object({
  clock: z.custom<Clock>(isClock, { message: 'must be a Clock' }).default(systemClock),
  durability: z.enum(['fsync', 'os-buffer']).default('fsync'),
  onTornTail: z.enum(['truncate', 'fail']).default('truncate'),
});
/**
 * What {@link Journal.open} accepts: see {@link JournalOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: JournalOptions = { clock, durability: 'os-buffer' };
 * ```
 */
export type JournalOptions = z.input<typeof JournalOptionsSchema>;

interface Pending {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/**
 * An append-only, hash-chained NDJSON journal: one JSON object per line with
 * `seq`, `ts`, `type`, `data`, `prev` (the hash of the line before) and its
 * own SHA-256 `hash`. Appends keep their call order; each resolves once its
 * line is durable (see {@link JournalOptionsSchema}). Opening an existing
 * file verifies it first and continues its chain; a corrupt file is refused
 * with {@link JournalCorruptError}. Any write failure fails the journal for
 * good ({@link JournalWriteError}), because a money-moving process must not
 * go on without its record.
 *
 * @example
 * ```ts
 * const journal = await Journal.open('state/journal.ndjson', { clock });
 * await journal.append({ type: 'halt', data: { reason: 'operator', source: 'method' } });
 * await journal.close();
 * ```
 */
export class Journal {
  /** File path. */
  readonly path: string;
  private readonly clock: Clock;
  private readonly durability: 'fsync' | 'os-buffer';
  private readonly handle: FileHandle;
  private seq: number;
  private last: string;
  private queue: Pending[] = [];
  private writing: Promise<void> | undefined;
  private failure: JournalWriteError | undefined;
  private closed = false;

  private constructor(path: string, handle: FileHandle, o: z.output<typeof JournalOptionsSchema>, seq: number, head: string) {
    this.path = path;
    this.handle = handle;
    this.clock = o.clock;
    this.durability = o.durability;
    this.seq = seq;
    this.last = head;
  }

  /**
   * Opens (or creates) a journal for appending, after verifying what is
   * already in it.
   *
   * @example
   * ```ts
   * const journal = await Journal.open(join(dir, 'journal.ndjson'), { clock: new VirtualClock() });
   * journal.length; // lines already there
   * ```
   */
  static async open(path: string, options: JournalOptions = {}): Promise<Journal> {
    const o = parseWith(JournalOptionsSchema, options, 'journal options');
    const scanned = scanJournal(await readText(path));
    if (scanned.defect !== undefined) {
      const tornOnly = scanned.defect.defect === 'torn-tail' && o.onTornTail === 'truncate';
      if (!tornOnly) throw new JournalCorruptError(path, scanned.defect.line, scanned.defect.defect);
      await truncate(path, scanned.validBytes);
    }
    const handle = await open(path, 'a');
    const last = scanned.entries.at(-1);
    return new Journal(path, handle, o, last?.seq ?? 0, last?.hash ?? GENESIS_HASH);
  }

  /**
   * Hash of the last line ({@link GENESIS_HASH} when empty). Keep it
   * somewhere else to detect lines cut off the end later (`verifyJournal`'s `expectedHead`).
   *
   * @example
   * ```ts
   * await verifyJournal(journal.path, { expectedHead: journal.head });
   * ```
   */
  get head(): string {
    return this.last;
  }

  /**
   * Number of lines (appended or pending).
   *
   * @example
   * ```ts
   * journal.length; // 12
   * ```
   */
  get length(): number {
    return this.seq;
  }

  /**
   * Appends one record; resolves with its entry once durable. The entry's
   * `seq` and `hash` are assigned at call time, so call order is file order.
   *
   * @example
   * ```ts
   * await journal.append({ type: 'resume', data: { reason: 'operator' } });
   * ```
   */
  append(record: JournalRecordInput): Promise<JournalEntry> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new JournalWriteError(this.path, 'the journal is closed'));
    const seq = this.seq + 1;
    const ts = this.clock.now();
    const { line, hash } = encodeLine(seq, ts, record.type, record.data, this.last);
    const entry: JournalEntry = {
      seq,
      ts,
      type: record.type,
      data: JSON.parse(JSON.stringify(record.data)) as unknown,
      prev: this.last,
      hash,
    };
    this.seq = seq;
    this.last = hash;
    return new Promise<JournalEntry>((resolve, reject) => {
      this.queue.push({ line: `${line}\n`, resolve: () => resolve(entry), reject });
      this.kick();
    });
  }

  /**
   * Resolves when every append made so far is durable.
   *
   * @example
   * ```ts
   * journal.append(record); // not awaited on the hot path
   * await journal.flush();
   * ```
   */
  async flush(): Promise<void> {
    while (this.writing !== undefined) await this.writing;
    if (this.failure !== undefined) throw this.failure;
  }

  /**
   * Flushes and closes the file; later appends are refused. Idempotent.
   *
   * @example
   * ```ts
   * await journal.close();
   * ```
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }

  private kick(): void {
    if (this.writing !== undefined) return;
    // Wait one microtask so appends made in the same synchronous run share the write.
    this.writing = Promise.resolve()
      .then(() => this.drain())
      .finally(() => {
        this.writing = undefined;
        if (this.queue.length > 0 && this.failure === undefined) this.kick();
      });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.handle.writeFile(batch.map((p) => p.line).join(''), 'utf8');
        if (this.durability === 'fsync') await this.handle.datasync();
      } catch (err) {
        this.failure = new JournalWriteError(this.path, 'write failed', err);
        const failed = [...batch, ...this.queue];
        this.queue = [];
        for (const p of failed) p.reject(this.failure);
        return;
      }
      for (const p of batch) p.resolve();
    }
  }
}
