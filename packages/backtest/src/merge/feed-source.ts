import { isObservable, type Observable, type Subscription } from 'rxjs';

/**
 * A time-sorted source of feed items: a synchronous iterable (an array, a
 * generator), an async iterable (`readRecording`, an async generator) or an
 * Observable (`replay(path, { pacing: 'asap' })`, a format reader).
 *
 * Sync and async iterables are pulled one item at a time, so memory stays
 * constant however long they are. An Observable cannot be paused: what it
 * emits while the merge is busy elsewhere waits in a queue, so prefer
 * iterables for very large sources, or Observables that emit
 * asynchronously in batches (file readers do).
 *
 * @example
 * ```ts
 * const feeds: Feed<Trade>[] = [tradesArray, readRecording('okx.ndjson.gz'), readKlineCsv('BTCUSDT-1m.csv')];
 * ```
 */
export type Feed<T = unknown> = Iterable<T> | AsyncIterable<T> | Observable<T>;

/** Sentinels of {@link PullSource.poll}. */
export const PENDING: unique symbol = Symbol('pending');
/** The source is exhausted. */
export const DONE: unique symbol = Symbol('done');

/** One feed seen as a pull source: synchronous polls, asynchronous waits only when nothing is at hand. */
export interface PullSource<T> {
  /** The next item, {@link DONE} at the end, or {@link PENDING} when {@link wait} must be awaited first. */
  poll(): T | typeof PENDING | typeof DONE;
  /** Resolves once {@link poll} will not return {@link PENDING}. */
  wait(): Promise<void>;
  /** Stops the source early (closes files, unsubscribes). */
  close(): Promise<void>;
}

/** Wraps any {@link Feed} as a {@link PullSource}. */
export function pullSource<T>(feed: Feed<T>): PullSource<T> {
  if (isObservable(feed)) return observableSource(feed);
  if (typeof (feed as Iterable<T>)[Symbol.iterator] === 'function') return iterableSource((feed as Iterable<T>)[Symbol.iterator]());
  if (typeof (feed as AsyncIterable<T>)[Symbol.asyncIterator] === 'function') {
    return asyncIterableSource((feed as AsyncIterable<T>)[Symbol.asyncIterator]());
  }
  throw new TypeError('a feed must be an Iterable, an AsyncIterable or an Observable');
}

function iterableSource<T>(iterator: Iterator<T>): PullSource<T> {
  let finished = false;
  return {
    poll() {
      if (finished) return DONE;
      const result = iterator.next();
      if (result.done === true) {
        finished = true;
        return DONE;
      }
      return result.value;
    },
    wait: () => Promise.resolve(),
    async close() {
      if (finished) return;
      finished = true;
      iterator.return?.();
    },
  };
}

function asyncIterableSource<T>(iterator: AsyncIterator<T>): PullSource<T> {
  let ready: IteratorResult<T> | undefined;
  let finished = false;
  return {
    poll() {
      if (finished) return DONE;
      const result = ready;
      if (result === undefined) return PENDING;
      ready = undefined;
      if (result.done === true) {
        finished = true;
        return DONE;
      }
      return result.value;
    },
    async wait() {
      if (ready === undefined && !finished) ready = await iterator.next();
    },
    async close() {
      if (finished) return;
      finished = true;
      await iterator.return?.();
    },
  };
}

function observableSource<T>(source: Observable<T>): PullSource<T> {
  // A ring of pending items would save little over an array with a moving head.
  let queue: T[] = [];
  let head = 0;
  let completed = false;
  let failure: { readonly error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let subscription: Subscription | undefined;
  const notify = (): void => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  const start = (): void => {
    subscription ??= source.subscribe({
      next(item) {
        queue.push(item);
        notify();
      },
      error(error: unknown) {
        failure = { error };
        notify();
      },
      complete() {
        completed = true;
        notify();
      },
    });
  };
  return {
    poll() {
      start();
      if (head < queue.length) {
        const item = queue[head] as T;
        head++;
        if (head === queue.length) {
          queue = [];
          head = 0;
        }
        return item;
      }
      if (failure !== undefined) throw failure.error;
      return completed ? DONE : PENDING;
    },
    wait() {
      start();
      if (head < queue.length || completed || failure !== undefined) return Promise.resolve();
      return new Promise<void>((resolve) => {
        wake = resolve;
      });
    },
    async close() {
      completed = true;
      subscription?.unsubscribe();
      queue = [];
      head = 0;
    },
  };
}
