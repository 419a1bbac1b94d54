import { ValidationError } from '@arbot/core';
import { InvalidLineError } from './invalid-line-error';

/**
 * One CSV row with typed, validating accessors: every accessor names the
 * column and line in the {@link InvalidLineError} it throws. The formats read
 * here never quote fields, so a row is split on commas.
 *
 * @example
 * ```ts
 * const row = new CsvRow('t.csv', 2, 'binance,BTCUSDT,100', ['exchange', 'symbol', 'price']);
 * row.positive(2); // 100
 * ```
 */
export class CsvRow {
  readonly fields: readonly string[];

  constructor(
    readonly path: string,
    readonly line: number,
    text: string,
    /** Column names, used in error messages (a header, or the documented layout of a headerless file). */
    readonly columns: readonly string[],
  ) {
    this.fields = text.split(',');
    if (this.fields.length < columns.length) {
      this.fail('', text, `expected ${columns.length} columns (${columns.join(',')}), found ${this.fields.length}`);
    }
  }

  /** The raw text of column `index`. */
  text(index: number): string {
    return this.fields[index] ?? '';
  }

  /** A finite number. */
  number(index: number): number {
    const raw = this.text(index).trim();
    const value = raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) this.fail(this.columns[index] ?? String(index), raw, 'must be a finite number');
    return value;
  }

  /** A number > 0 (prices). */
  positive(index: number): number {
    const value = this.number(index);
    if (value <= 0) this.fail(this.columns[index] ?? String(index), this.text(index), 'must be > 0');
    return value;
  }

  /** A number ≥ 0 (amounts, volumes). */
  nonNegative(index: number): number {
    const value = this.number(index);
    if (value < 0) this.fail(this.columns[index] ?? String(index), this.text(index), 'must be >= 0');
    return value;
  }

  /** An integer timestamp in microseconds, returned in whole milliseconds (floored). */
  microsAsMs(index: number): number {
    const value = this.number(index);
    if (!Number.isInteger(value) || value < 0)
      this.fail(this.columns[index] ?? String(index), this.text(index), 'must be a non-negative integer (µs)');
    return Math.floor(value / 1000);
  }

  /** A UTC date-time (`2021-08-20 00:00:00`, optional fraction and `Z`/`±hh:mm` offset) in ms. */
  utcTime(index: number): number {
    const ms = parseUtcTime(this.text(index).trim());
    if (ms === undefined) this.fail(this.columns[index] ?? String(index), this.text(index), 'must be a date-time like 2021-08-20 00:00:00');
    return ms;
  }

  /**
   * Validates the event built from this row against its core schema. The
   * accessors already checked every field, so this is the final word on the
   * event's shape; a failure still names the line and the event field.
   */
  validate<T>(parse: (input: unknown) => T, event: unknown): T {
    try {
      return parse(event);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const issue = error.issues[0];
      return this.fail(issue?.field ?? '', issue?.value, issue?.message ?? error.message);
    }
  }

  /** Throws the {@link InvalidLineError} for this row. */
  fail(field: string, value: unknown, reason: string): never {
    throw new InvalidLineError({ path: this.path, line: this.line, field, value, reason });
  }
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses an ISO-like date-time; without an offset it is read as UTC (the
 * datasets' convention). Sub-millisecond digits are truncated.
 *
 * @example
 * ```ts
 * parseUtcTime('2023-03-01 00:01:00+00:00'); // 1677628860000
 * ```
 */
export function parseUtcTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, fraction, offset] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const millis = fraction === undefined ? 0 : Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(Number(y), month - 1, day, hour, minute, second, millis);
  // Date.UTC rolls 2021-02-30 over into March; refuse such dates instead.
  if (new Date(utc).getUTCDate() !== day) return undefined;
  return utc - offsetMinutes(offset) * 60_000;
}

function offsetMinutes(offset: string | undefined): number {
  if (offset === undefined || offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}
