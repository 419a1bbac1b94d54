import { ArbotError } from './arbot-error';

/** One problem found while validating input at a boundary. */
export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `legs.0.amount`; empty for the root. */
  readonly field: string;
  /** The value found at that path (or `undefined` when it was missing). */
  readonly value: unknown;
  /** What was wrong with it. */
  readonly message: string;
}

/**
 * Thrown when input crossing a boundary (a user option, an exchange message,
 * a file row) does not match its schema. The message names the field and the
 * offending value; `issues` lists every problem found.
 *
 * @example
 * ```ts
 * try {
 *   parseTrade({ venue: 'binance', symbol: 'BTC/USDT', price: -1 });
 * } catch (err) {
 *   if (err instanceof ValidationError) console.log(err.issues[0]?.field); // 'price'
 * }
 * ```
 */
export class ValidationError extends ArbotError {
  /** Every problem found, in schema order. */
  readonly issues: readonly ValidationIssue[];

  constructor(what: string, issues: readonly ValidationIssue[]) {
    const first = issues[0];
    const head = first
      ? `${first.field === '' ? '(root)' : first.field} = ${formatValue(first.value)}: ${first.message}`
      : 'unknown problem';
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    super('VALIDATION', `Invalid ${what}: ${head}${more}`, { what, issues });
    this.issues = issues;
  }
}

/** Renders a value for an error message without dumping huge structures. */
export function formatValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint' || value === null) {
    return String(value);
  }
  if (typeof value === 'object' && 'toString' in value && value.constructor?.name === 'Decimal') {
    return String(value);
  }
  try {
    const json = JSON.stringify(value);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
