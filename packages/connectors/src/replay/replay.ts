import { Observable } from 'rxjs';
import type { EventStream, EventStreamMap } from '../record/recorded-event';
import { MergedRecordings } from './merged-recordings';
import { createPacer } from './pacer';
import { checkReplayOptions, type ReplayOptions } from './replay-options';
import type { ReplayedEvent } from './replayed-event';

/**
 * Reads recordings (written by `record`) back as the stream they were made
 * of: each line is revalidated with the core schemas, and events come out
 * with the same fields and values as recorded. Several files are merged in
 * time order (`recvTs` by default; ties keep file order), streaming: memory
 * stays constant however large the files. Market lines are not events (see
 * `readRecordedMarkets`).
 *
 * Pacing (see {@link ReplayOptions}): `virtual` advances a `VirtualClock` to
 * each event's time before emitting it, so timers on `clock.scheduler` fire
 * in between as they would have live; `realtime` waits on the clock's
 * scheduler to space events as recorded (÷ `speed`); `asap` just reads.
 *
 * A bad line errors the stream with an `InvalidLineError` naming the file,
 * line and field, or is skipped and reported with `invalidLines: 'skip'`.
 * Each subscription reads the files again; unsubscribing closes them.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(Date.UTC(2021, 7, 20));
 * replay('binance-link.ndjson.gz', { clock, pacing: 'virtual', streams: ['book'] })
 *   .pipe(book({ depth: 10 }))
 *   .subscribe((view) => console.log(clock.now(), view.mid));
 * ```
 */
export function replay<K extends EventStream = EventStream>(
  paths: string | readonly string[],
  options: ReplayOptions<K> = {},
): Observable<EventStreamMap[K]> {
  const tagged = replayTagged(paths, options);
  return new Observable<EventStreamMap[K]>((subscriber) =>
    tagged.subscribe({
      next: (item) => subscriber.next(item.event as EventStreamMap[K]),
      error: (error: unknown) => subscriber.error(error),
      complete: () => subscriber.complete(),
    }),
  );
}

/**
 * {@link replay}, with each event tagged by its stream
 * (`{ stream: 'trade', event }`), for consumers that dispatch on the kind of
 * event (a backtest engine, a summary).
 *
 * @example
 * ```ts
 * replayTagged(['binance.ndjson.gz', 'huobi.ndjson.gz'], { pacing: 'asap' }).subscribe(({ stream, event }) => {
 *   if (stream === 'book') console.log(event.venue, event.type);
 * });
 * ```
 */
export function replayTagged(paths: string | readonly string[], options: ReplayOptions = {}): Observable<ReplayedEvent> {
  const files = typeof paths === 'string' ? [paths] : [...paths];
  const checked = checkReplayOptions(files, options);
  return new Observable<ReplayedEvent>((subscriber) => {
    const merged = new MergedRecordings(files, checked);
    const pacer = createPacer(checked);
    let closed = false;

    const run = async (): Promise<void> => {
      while (!closed) {
        if (merged.needsLoad()) {
          await merged.load();
          if (closed) return;
        }
        const next = merged.shift();
        if (next === undefined) break;
        const waiting = pacer.wait(next.time);
        if (waiting !== undefined) await waiting;
        if (closed) return;
        subscriber.next(next.item);
      }
      if (!closed) subscriber.complete();
    };

    run()
      .catch((error: unknown) => {
        if (!closed) subscriber.error(error);
      })
      .finally(() => void merged.close());
    return () => {
      closed = true;
      pacer.cancel();
    };
  });
}
