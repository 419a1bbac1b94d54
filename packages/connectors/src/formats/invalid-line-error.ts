import { ArbotError } from '@arbot/core';

/**
 * Where and why one line of a data file was rejected.
 *
 * @example
 * ```ts
 * new InvalidLineError({ path: 'a.csv', line: 3, field: 'price', value: '-1', reason: 'must be > 0' });
 * ```
 */
export interface InvalidLineDetails {
  /** The file the line belongs to. */
  readonly path: string;
  /** 1-based line number in the (decompressed) file. */
  readonly line: number;
  /** The offending field: a CSV column name (`b3`, `price`) or a JSON path (`data.bids.0.1`); empty for the whole line. */
  readonly field: string;
  /** The value found in that field (`undefined` when missing). */
  readonly value: unknown;
  /** What is wrong with it. */
  readonly reason: string;
}

/**
 * One line of a recording or a CSV file does not parse into a valid event.
 * Readers either fail with it (the default) or, with `invalidLines: 'skip'`,
 * hand it to `onSkippedLine` and go on. `context` carries path, line, field,
 * value and reason.
 *
 * @example
 * ```ts
 * replay('session.ndjson.gz', { pacing: 'asap' }).subscribe({
 *   error: (err) => {
 *     if (err instanceof InvalidLineError) console.error(`line ${err.line}: ${err.field}`);
 *   },
 * });
 * ```
 */
export class InvalidLineError extends ArbotError {
  /** The file the line belongs to. */
  readonly path: string;
  /** 1-based line number in the (decompressed) file. */
  readonly line: number;
  /** The offending field, empty for the whole line. */
  readonly field: string;

  constructor(details: InvalidLineDetails) {
    const where = details.field === '' ? '' : ` ${details.field} = ${renderValue(details.value)}:`;
    super('INVALID_LINE', `${details.path}:${details.line}:${where} ${details.reason}`, { ...details });
    this.path = details.path;
    this.line = details.line;
    this.field = details.field;
  }
}

/**
 * What readers do with a line that does not parse: fail the stream, or skip it and report it.
 *
 * @example
 * ```ts
 * readTardisTradesCsv('trades.csv', { invalidLines: 'skip' satisfies InvalidLinePolicy });
 * ```
 */
export type InvalidLinePolicy = 'error' | 'skip';

/** Renders an offending value for a message, short enough for a log line. */
function renderValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
