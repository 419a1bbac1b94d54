import type { Clock } from '@arbot/core';
import type { Exchange } from 'ccxt';
import { firstValueFrom, Observable, type SchedulerAction, Subject, type Subscription, takeUntil, timer } from 'rxjs';
import { type BackoffPolicy, backoffDelay } from './backoff';
import { StaleStreamError, StreamFailedError } from './ccxt-venue-errors';
import { classifyCcxtError } from './classify-ccxt-error';
import type { StatusBoard } from './connection-status';
import { dropConnectionsFor } from './drop-connections';
import type { VenueStats } from './venue-stats';

/** Everything a resilient stream shares with its venue. */
export interface StreamContext {
  readonly venue: string;
  readonly exchange: Exchange;
  readonly clock: Clock;
  readonly board: StatusBoard;
  readonly stats: VenueStats;
  readonly backoff: BackoffPolicy;
  readonly random: () => number;
  /** Consecutive failures after which the stream reports `down` (it keeps retrying). */
  readonly downAfterAttempts: number;
  /** Emits once when the venue closes: every stream completes. */
  readonly closed$: Observable<void>;
}

/** How one stream talks to the exchange. */
export interface StreamDriver<R> {
  /** Name on `status$`, e.g. `orderBook:BTC/USDT`. */
  readonly name: string;
  /** One call: a ccxt watch (resolves on the next update) or a (paced) REST fetch. */
  next(): Promise<R>;
  /** Pause after each successful call, ms: the polling interval of REST fallbacks, 0 for watch loops. */
  readonly pollIntervalMs: number;
  /** No update for this long → `stale`, then resync; `undefined` disables the watchdog. */
  readonly staleAfterMs: number | undefined;
  /** Strings naming this stream's ccxt connections (unified symbol, market id), to force a fresh one. */
  readonly connectionKeys: readonly string[];
  /** Called once when the stream stops, to release the exchange subscription. */
  release?(): Promise<unknown>;
}

/** Malformed errors in a row (no good update between) after which the connection itself is suspected. */
const MALFORMED_STREAK_LIMIT = 10;

/**
 * Turns repeated ccxt calls into an Observable that survives the exchange:
 * - connection failures → `reconnecting` with exponential backoff and jitter,
 *   then resubscribe (the next watch call reconnects); `down` after
 *   `downAfterAttempts` failures in a row, while still retrying;
 * - no update for `staleAfterMs` → `stale`, the stream's connection is
 *   dropped and resubscribed (a fresh snapshot for books);
 * - sequence gaps / checksum failures (ccxt drops its book) → resnapshot at once;
 * - malformed messages and events that fail `handle` → counted, skipped;
 * - errors retrying cannot fix (bad symbol, auth, unsupported) → `down` and
 *   the Observable errors with {@link StreamFailedError}.
 * Each call waits for the subscriber to take the previous result, so a slow
 * subscriber never builds a queue: ccxt keeps merging updates into its book
 * and the next call returns the latest state (conflation).
 *
 * @example
 * ```ts
 * const trades$ = resilientStream(context, driver, (batch, recvTs) => batch.map((t) => toTrade(t, recvTs)));
 * ```
 */
export function resilientStream<R, T>(
  context: StreamContext,
  driver: StreamDriver<R>,
  handle: (raw: R, recvTs: number) => readonly T[],
): Observable<T> {
  const { clock, board, stats } = context;
  return new Observable<T>((subscriber) => {
    const stop$ = new Subject<void>();
    let active = true;
    let lastUpdate = clock.now();
    let interruptStale: ((error: StaleStreamError) => void) | undefined;

    const sleep = (ms: number) => firstValueFrom(timer(ms, clock.scheduler).pipe(takeUntil(stop$)), { defaultValue: 0 });

    /** Races a call with the watchdog; a lost call's rejection is swallowed. */
    const guarded = (call: Promise<R>): Promise<R> => {
      call.catch(() => undefined);
      return new Promise<R>((resolve, reject) => {
        interruptStale = reject;
        call.then(resolve, reject);
      }).finally(() => {
        interruptStale = undefined;
      });
    };

    let watchdog: Subscription | undefined;
    const limit = driver.staleAfterMs;
    if (limit !== undefined) {
      watchdog = clock.scheduler.schedule(function check(this: SchedulerAction<undefined>) {
        const silent = clock.now() - lastUpdate;
        if (silent < limit) {
          this.schedule(undefined, limit - silent);
          return;
        }
        const error = new StaleStreamError(context.venue, driver.name, silent);
        stats.staleEvents++;
        board.set(driver.name, 'stale', { reason: error.message });
        lastUpdate = clock.now();
        interruptStale?.(error);
        this.schedule(undefined, limit);
      }, limit);
    }

    const closing = context.closed$.subscribe(() => {
      if (!active) return;
      stop();
      subscriber.complete();
    });

    const stop = () => {
      active = false;
      stop$.next();
      watchdog?.unsubscribe();
      board.remove(driver.name);
    };

    const run = async (): Promise<void> => {
      let attempt = 0;
      let staleStreak = 0;
      let malformedStreak = 0;
      board.set(driver.name, 'connecting');
      while (active) {
        let raw: R;
        try {
          raw = await guarded(driver.next());
        } catch (err) {
          if (!active) return;
          let action = classifyCcxtError(err);
          const reason = err instanceof Error ? err.message : String(err);
          if (action === 'malformed') {
            stats.malformed++;
            if (++malformedStreak < MALFORMED_STREAK_LIMIT) continue;
            action = 'network';
          }
          if (action === 'gap') {
            stats.gaps++;
            board.set(driver.name, 'connecting', { reason: `resnapshot after sequence gap: ${reason}` });
            continue;
          }
          if (action === 'fatal') {
            board.set(driver.name, 'down', { reason });
            stop();
            subscriber.error(new StreamFailedError(context.venue, driver.name, reason, err));
            return;
          }
          if (action === 'stale') {
            dropConnectionsFor(context.exchange, driver.connectionKeys, err as Error);
            if (++staleStreak === 1) {
              board.set(driver.name, 'connecting', { reason: `resync after staleness: ${reason}` });
              lastUpdate = clock.now();
              continue;
            }
          }
          attempt++;
          stats.reconnects++;
          const retryInMs = backoffDelay(attempt, context.backoff, context.random);
          board.set(driver.name, attempt >= context.downAfterAttempts ? 'down' : 'reconnecting', { reason, attempt, retryInMs });
          await sleep(retryInMs);
          lastUpdate = clock.now();
          continue;
        }
        if (!active) return;
        attempt = 0;
        staleStreak = 0;
        malformedStreak = 0;
        const recvTs = clock.now();
        lastUpdate = recvTs;
        board.set(driver.name, 'connected');
        let events: readonly T[];
        try {
          events = handle(raw, recvTs);
        } catch {
          stats.malformed++;
          continue;
        }
        for (const event of events) {
          if (!active) return;
          subscriber.next(event);
        }
        if (driver.pollIntervalMs > 0) await sleep(driver.pollIntervalMs);
      }
    };
    void run();

    return () => {
      closing.unsubscribe();
      if (!active) return;
      stop();
      driver.release?.().catch(() => undefined);
    };
  });
}
