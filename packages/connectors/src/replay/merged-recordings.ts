import { type CursorOptions, RecordingCursor } from './recording-cursor';
import type { ReplayedEvent } from './replayed-event';

/**
 * Merges the events of several recordings in time order (ties keep file
 * order). Work is synchronous while every file has a decoded event at hand;
 * only refilling a file's batch of lines is asynchronous:
 *
 * @example
 * ```ts
 * const merged = new MergedRecordings(['a.ndjson.gz', 'b.ndjson.gz'], cursorOptions);
 * for (;;) {
 *   if (merged.needsLoad()) await merged.load();
 *   const next = merged.shift();
 *   if (next === undefined) break;
 * }
 * ```
 */
export class MergedRecordings {
  private readonly cursors: readonly RecordingCursor[];

  constructor(paths: readonly string[], options: CursorOptions) {
    this.cursors = paths.map((path) => new RecordingCursor(path, options));
  }

  /**
   * Decodes ahead until every unfinished file has its next event; returns
   * `true` when some file first needs its next batch ({@link load}).
   */
  needsLoad(): boolean {
    for (const cursor of this.cursors) {
      if (cursor.head === undefined && !cursor.done && !cursor.step()) return true;
    }
    return false;
  }

  /** Loads the next batch of every file that ran out of decoded lines. */
  async load(): Promise<void> {
    for (const cursor of this.cursors) {
      while (cursor.head === undefined && !cursor.done && !cursor.step()) await cursor.load();
    }
  }

  /**
   * The earliest pending event and its time, removed from the merge;
   * `undefined` when every file is exhausted. Call after {@link needsLoad} returned false.
   */
  shift(): { readonly item: ReplayedEvent; readonly time: number } | undefined {
    let earliest: RecordingCursor | undefined;
    for (const cursor of this.cursors) {
      if (cursor.head !== undefined && (earliest === undefined || cursor.headTime < earliest.headTime)) earliest = cursor;
    }
    if (earliest === undefined) return undefined;
    const time = earliest.headTime;
    const item = earliest.take();
    return item === undefined ? undefined : { item, time };
  }

  /** Closes every file. */
  async close(): Promise<void> {
    await Promise.all(this.cursors.map((cursor) => cursor.close()));
  }
}
