import { Observable } from 'rxjs';
import { InvalidLineError, type InvalidLinePolicy } from './invalid-line-error';
import { readLineBatches } from './line-reader';

/**
 * Options shared by every file reader: what to do with a line that does not parse.
 *
 * @example
 * ```ts
 * readKlineCsv('k.csv', { venue: 'kraken', symbol: 'BTC/USD', invalidLines: 'skip', onSkippedLine: (e) => console.warn(e.message) });
 * ```
 */
export interface InvalidLineOptions {
  /** `error` (default) fails the stream on the first bad line; `skip` drops it and reports it to `onSkippedLine`. */
  readonly invalidLines?: InvalidLinePolicy;
  /** Called with every skipped line when `invalidLines` is `skip`. */
  readonly onSkippedLine?: (error: InvalidLineError) => void;
}

/**
 * Turns the lines of one file into events. A parser may keep state across
 * lines (a header, a group of rows being assembled); `end` flushes what is
 * left after the last line. Throw {@link InvalidLineError} for a bad line.
 *
 * @example
 * ```ts
 * const parser: LineParser<string> = { line: (text, n, emit) => emit(`${n}: ${text}`) };
 * ```
 */
export interface LineParser<T> {
  line(text: string, lineNumber: number, emit: (event: T) => void): void;
  end?(emit: (event: T) => void): void;
}

/**
 * An Observable of the events a fresh {@link LineParser} makes of a file's
 * non-empty lines, read as a stream (constant memory). Each subscription
 * reads the file again; unsubscribing closes it.
 *
 * @example
 * ```ts
 * fromLineParser('notes.txt', () => ({ line: (text, n, emit) => emit(`${n}: ${text}`) })).subscribe(console.log);
 * ```
 */
export function fromLineParser<T>(path: string, createParser: () => LineParser<T>, options: InvalidLineOptions = {}): Observable<T> {
  return new Observable<T>((subscriber) => {
    const parser = createParser();
    const emit = (event: T) => subscriber.next(event);
    const skip = options.invalidLines === 'skip';
    let closed = false;
    const run = async () => {
      for await (const batch of readLineBatches(path)) {
        for (let i = 0; i < batch.lines.length; i++) {
          if (closed) return;
          const text = batch.lines[i] ?? '';
          if (text.trim() === '') continue;
          try {
            parser.line(text, batch.firstLine + i, emit);
          } catch (error) {
            if (!(skip && error instanceof InvalidLineError)) throw error;
            options.onSkippedLine?.(error);
          }
        }
        if (closed) return;
      }
      parser.end?.(emit);
      subscriber.complete();
    };
    run().catch((error: unknown) => subscriber.error(error));
    return () => {
      closed = true;
    };
  });
}
