import { ArbotError } from '@arbot/core';

/**
 * A data file (a recording or a CSV) could not be opened or decompressed:
 * missing, a directory, not gzip although named `.gz`, or truncated.
 * `context.path` names the file and `context.reason` the cause.
 *
 * @example
 * ```ts
 * readL2SnapshotCsv('missing.csv.gz').subscribe({
 *   error: (err) => {
 *     if (err instanceof FileReadError) console.error(err.context.path, err.context.reason);
 *   },
 * });
 * ```
 */
export class FileReadError extends ArbotError {
  /** The file that could not be read. */
  readonly path: string;

  constructor(path: string, reason: string, options?: ErrorOptions) {
    super('FILE_READ', `Cannot read ${path}: ${reason}`, { path, reason }, options);
    this.path = path;
  }
}

/**
 * Turns a Node fs/zlib error into a {@link FileReadError} with a readable reason.
 *
 * @example
 * ```ts
 * stream.on('error', (err) => subscriber.error(toFileReadError(path, err)));
 * ```
 */
export function toFileReadError(path: string, error: unknown): FileReadError {
  if (error instanceof FileReadError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  const reasons: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a directory, not a file',
    EACCES: 'permission denied',
    Z_DATA_ERROR: 'not valid gzip data',
    Z_BUF_ERROR: 'gzip data is truncated (unexpected end of file)',
  };
  const reason = reasons[code] ?? (error instanceof Error ? error.message : String(error));
  return new FileReadError(path, reason, { cause: error });
}
