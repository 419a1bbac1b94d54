import { createReadStream } from 'node:fs';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { FileReadError, toFileReadError } from './file-read-error';

/**
 * A run of consecutive complete lines of a file, as decoded from one chunk.
 *
 * @example
 * ```ts
 * for await (const { firstLine, lines } of readLineBatches('a.csv')) console.log(firstLine, lines.length);
 * ```
 */
export interface LineBatch {
  /** 1-based number of `lines[0]` in the decompressed file. */
  readonly firstLine: number;
  /** The lines, without their `\n` or `\r\n`; empty lines are kept so numbering stays exact. */
  readonly lines: readonly string[];
}

/**
 * Longest line accepted; a longer one means the file is not line-delimited, and buffering it would break constant memory.
 *
 * @example
 * ```ts
 * if (line.length > MAX_LINE_LENGTH) throw new Error('not line-delimited');
 * ```
 */
export const MAX_LINE_LENGTH = 16 * 1024 * 1024;

/**
 * `true` when a path names a gzip file (`.gz`), which readers decompress and
 * the recorder compresses.
 *
 * @example
 * ```ts
 * isGzipPath('session.ndjson.gz'); // true
 * ```
 */
export function isGzipPath(path: string): boolean {
  return path.toLowerCase().endsWith('.gz');
}

/**
 * Reads a text file, gunzipping `.gz` files on the fly, and yields its lines
 * in batches, one batch per decoded chunk. Memory stays constant whatever
 * the file size: only one chunk and one partial line are held at a time, and
 * the file is read no faster than the batches are consumed. Breaking out of
 * the loop closes the file.
 *
 * @throws {FileReadError} when the file is missing, not gzip, truncated, or has a line over {@link MAX_LINE_LENGTH}.
 * @example
 * ```ts
 * for await (const batch of readLineBatches('trades.csv.gz')) {
 *   batch.lines.forEach((line, i) => console.log(batch.firstLine + i, line));
 * }
 * ```
 */
export async function* readLineBatches(path: string): AsyncGenerator<LineBatch, void, undefined> {
  const file = createReadStream(path, { highWaterMark: 256 * 1024 });
  const text: Readable = isGzipPath(path) ? pipeline(file, createGunzip({ chunkSize: 64 * 1024 }), () => {}) : file;
  text.setEncoding('utf8');
  let carry = '';
  let nextLine = 1;
  try {
    for await (const chunk of text as AsyncIterable<string>) {
      const parts = (carry + chunk).split('\n');
      carry = parts.pop() ?? '';
      if (carry.length > MAX_LINE_LENGTH)
        throw new FileReadError(path, `line ${nextLine + parts.length} is longer than ${MAX_LINE_LENGTH} characters`);
      if (parts.length === 0) continue;
      yield { firstLine: nextLine, lines: parts.map(stripCarriageReturn) };
      nextLine += parts.length;
    }
  } catch (error) {
    throw toFileReadError(path, error);
  } finally {
    text.destroy();
    file.destroy();
  }
  if (carry !== '') yield { firstLine: nextLine, lines: [stripCarriageReturn(carry)] };
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
