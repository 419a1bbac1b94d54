import { type Market, ValidationError } from '@arbot/core';
import { type MonoTypeOperatorFunction, Observable, type Subscription } from 'rxjs';
import type { RecordError } from './record-error';
import { type EventStream, type RecordableEvent, streamOf } from './recorded-event';
import { encodeEventAs, encodeMarket, unsupportedEvent } from './recording-line';
import { RecordingWriter } from './recording-writer';

/**
 * Options of {@link record}.
 *
 * @example
 * ```ts
 * trades$.pipe(record('trades.ndjson.gz', { level: 9, onClose: (s) => console.log(s.events) }));
 * ```
 */
export interface RecordOptions {
  /** Markets written at the head of the file, so a replay can serve `markets()` (see `readRecordedMarkets`). */
  readonly markets?: readonly Market[];
  /** gzip level for `.gz` paths, 1 (fastest) … 9 (smallest); default 6. */
  readonly level?: number;
  /** Most characters allowed to wait for a slow disk before the recording fails with `RECORD_BACKLOG`; default 64 MiB. */
  readonly maxBufferedBytes?: number;
  /** Called once the file is closed (on complete, error or unsubscribe) with what was written. */
  readonly onClose?: (summary: RecordingSummary) => void;
}

/**
 * What one recording wrote, reported to {@link RecordOptions.onClose}.
 *
 * @example
 * ```ts
 * record('x.ndjson.gz', { onClose: ({ events, byStream, error }) => console.log(events, byStream.trade, error?.code) });
 * ```
 */
export interface RecordingSummary {
  readonly path: string;
  /** Timed events written (market lines not included). */
  readonly events: number;
  /** Events written per stream. */
  readonly byStream: Readonly<Record<EventStream, number>>;
  /** Markets written at the head of the file. */
  readonly markets: number;
  /** Characters written before compression. */
  readonly chars: number;
  /** Why the recording stopped early, if it did. */
  readonly error?: RecordError;
}

/**
 * Writes every event that passes through to a recording, one JSON line per
 * event (`{"stream","ts","recvTs","data"}`), gzip-compressed when `path` ends
 * in `.gz` (plain NDJSON otherwise), and passes the events on unchanged.
 * Order book views (from `MarketDataVenue.orderBook$`) are written as
 * snapshots of their levels, so a replay through `book()` rebuilds the same
 * views. Each subscription (re)creates the file.
 *
 * Completion and errors are forwarded only after the file is flushed and
 * closed, so the file is complete when the stream ends. Unsubscribing also
 * closes the file (report via `onClose`). A write failure, a disk that falls
 * too far behind, or a non-market-data event errors the stream with a
 * {@link RecordError}.
 *
 * @example
 * ```ts
 * await lastValueFrom(
 *   merge(venue.trades$('BTC/USDT'), venue.orderBook$('BTC/USDT', { depth: 20 })).pipe(
 *     takeUntil(timer(60_000, systemClock.scheduler)),
 *     record('btc-usdt.ndjson.gz', { markets: await venue.markets() }),
 *   ),
 *   { defaultValue: undefined },
 * );
 * ```
 */
export function record<T extends RecordableEvent>(path: string, options: RecordOptions = {}): MonoTypeOperatorFunction<T> {
  const { level, maxBufferedBytes } = checkOptions(path, options);
  const markets = options.markets ?? [];
  return (source) =>
    new Observable<T>((subscriber) => {
      const writer = new RecordingWriter(path, { level, maxBufferedBytes });
      const byStream: Record<EventStream, number> = { book: 0, trade: 0, ticker: 0, candle: 0 };
      let events = 0;
      let inner: Subscription | undefined;
      let stopped = false;
      let reported = false;

      const report = (error: RecordError | undefined) => {
        if (reported) return;
        reported = true;
        options.onClose?.({
          path,
          events,
          byStream: { ...byStream },
          markets: markets.length,
          chars: writer.chars,
          ...(error ? { error } : {}),
        });
      };
      /** Closes the file, then notifies downstream (unless it already left). */
      const finish = (notify: (closeError: RecordError | undefined) => void) => {
        if (stopped) return;
        stopped = true;
        inner?.unsubscribe();
        void writer.close().then((closeError) => {
          report(closeError);
          notify(closeError);
        });
      };

      void writer.closed.then((error) => {
        // The file failed under us (e.g. its directory does not exist): stop with that error.
        if (error && !stopped) finish(() => subscriber.error(error));
      });

      try {
        for (const market of markets) writer.write(encodeMarket(market));
      } catch (error) {
        finish(() => subscriber.error(error));
        return () => finish(() => {});
      }
      inner = source.subscribe({
        next(event) {
          if (stopped) return;
          try {
            const stream = streamOf(event);
            if (stream === undefined) throw unsupportedEvent(event);
            writer.write(encodeEventAs(stream, event));
            byStream[stream] += 1;
            events += 1;
          } catch (error) {
            finish(() => subscriber.error(error));
            return;
          }
          subscriber.next(event);
        },
        error(error: unknown) {
          finish(() => subscriber.error(error));
        },
        complete() {
          finish((closeError) => (closeError ? subscriber.error(closeError) : subscriber.complete()));
        },
      });
      if (stopped) inner.unsubscribe();
      return () => finish(() => {});
    });
}

function checkOptions(path: string, options: RecordOptions): { level: number; maxBufferedBytes: number } {
  const level = options.level ?? 6;
  const maxBufferedBytes = options.maxBufferedBytes ?? 64 * 1024 * 1024;
  const issues = [];
  if (typeof path !== 'string' || path === '') issues.push({ field: 'path', value: path, message: 'must be a non-empty file path' });
  if (!Number.isInteger(level) || level < 1 || level > 9)
    issues.push({ field: 'level', value: level, message: 'must be an integer from 1 to 9' });
  if (!Number.isInteger(maxBufferedBytes) || maxBufferedBytes <= 0) {
    issues.push({ field: 'maxBufferedBytes', value: maxBufferedBytes, message: 'must be a positive integer' });
  }
  if (options.onClose !== undefined && typeof options.onClose !== 'function') {
    issues.push({ field: 'onClose', value: options.onClose, message: 'must be a function' });
  }
  if (issues.length > 0) throw new ValidationError('record() options', issues);
  return { level, maxBufferedBytes };
}
