import { ArbotError } from '@arbot/core';

/**
 * Why a recording stopped: `RECORD_WRITE` (the file could not be written:
 * missing directory, disk full…), `RECORD_BACKLOG` (the disk fell so far behind
 * the stream that more than `maxBufferedBytes` were waiting), or
 * `RECORD_UNSUPPORTED_EVENT` (an event that is not market data reached the
 * recorder). `context` names the path and the details.
 *
 * @example
 * ```ts
 * trades$.pipe(record('/no/such/dir/trades.ndjson.gz')).subscribe({
 *   error: (err) => {
 *     if (err instanceof RecordError && err.code === 'RECORD_WRITE') console.error(err.context.reason);
 *   },
 * });
 * ```
 */
export class RecordError extends ArbotError {
  declare readonly code: 'RECORD_WRITE' | 'RECORD_BACKLOG' | 'RECORD_UNSUPPORTED_EVENT';

  constructor(code: RecordError['code'], message: string, context: Record<string, unknown>, options?: ErrorOptions) {
    super(code, message, context, options);
  }
}
