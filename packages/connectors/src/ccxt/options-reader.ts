import { Decimal, type DecimalLike, ValidationError, type ValidationIssue } from '@arbot/core';

/** Bounds of a numeric option. */
export interface NumberRule {
  readonly min?: number;
  readonly max?: number;
  /** Require a whole number. */
  readonly integer?: boolean;
}

/**
 * Reads a user options object field by field, collecting every problem, then
 * {@link OptionsReader.done} throws one `ValidationError` naming each bad field
 * and its value. Unknown keys are reported too, so a typo never silently falls
 * back to a default. (`@arbot/connectors` has no zod dependency; this keeps the
 * boundary checks in the same `ValidationError` shape as core's `parseWith`.)
 *
 * @example
 * ```ts
 * const read = new OptionsReader('ccxtVenue options', input);
 * const staleAfterMs = read.number('staleAfterMs', 30_000, { min: 1 });
 * read.done();
 * ```
 */
export class OptionsReader {
  private readonly issues: ValidationIssue[];
  private readonly record: Readonly<Record<string, unknown>>;
  private readonly seen = new Set<string>();
  private readonly children: OptionsReader[] = [];

  /**
   * @param what - what is being read, for the error message (`ccxtVenue options`).
   * @param input - the user's object; `undefined` reads as `{}`.
   * @param prefix - field path prefix (used by {@link OptionsReader.nested}).
   * @param issues - shared problem list (used by {@link OptionsReader.nested}).
   */
  constructor(
    private readonly what: string,
    input: unknown,
    private readonly prefix = '',
    issues?: ValidationIssue[],
  ) {
    this.issues = issues ?? [];
    if (input === undefined) this.record = {};
    else if (typeof input === 'object' && input !== null && !Array.isArray(input)) this.record = input as Record<string, unknown>;
    else {
      this.record = {};
      this.issues.push({ field: prefix.replace(/\.$/, ''), value: input, message: 'must be an object' });
    }
  }

  /** A reader of a nested object (e.g. `markets.0`) whose problems are reported by this reader's {@link OptionsReader.done}. */
  nested(path: string, input: unknown): OptionsReader {
    const child = new OptionsReader(this.what, input, `${this.prefix}${path}.`, this.issues);
    this.children.push(child);
    return child;
  }

  /** The keys present in the input object. */
  keys(): string[] {
    return Object.keys(this.record);
  }

  /** The raw value of a field (marks it as known). */
  raw(field: string): unknown {
    this.seen.add(field);
    return this.record[field];
  }

  /** A finite number within `rule`, or `fallback` when absent. */
  number(field: string, fallback: number, rule: NumberRule = {}): number {
    return this.optionalNumber(field, rule) ?? fallback;
  }

  /** A finite number within `rule`, or `undefined` when absent. */
  optionalNumber(field: string, rule: NumberRule = {}): number | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(field, value, 'must be a finite number');
    if (rule.integer === true && !Number.isInteger(value)) return this.fail(field, value, 'must be a whole number');
    if (rule.min !== undefined && value < rule.min) return this.fail(field, value, `must be >= ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) return this.fail(field, value, `must be <= ${rule.max}`);
    return value;
  }

  /** A boolean, or `fallback` when absent. */
  boolean(field: string, fallback: boolean): boolean {
    const value = this.raw(field);
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') return this.fail(field, value, 'must be true or false') ?? fallback;
    return value;
  }

  /** One of `choices`, or `fallback` when absent. */
  oneOf<T extends string>(field: string, choices: readonly T[], fallback: T): T {
    const value = this.raw(field);
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
      return this.fail(field, value, `must be one of ${choices.map((c) => JSON.stringify(c)).join(', ')}`) ?? fallback;
    }
    return value as T;
  }

  /** A non-empty string, or `undefined` when absent. */
  optionalString(field: string): string | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.length === 0) return this.fail(field, value, 'must be a non-empty string');
    return value;
  }

  /** A function, or `undefined` when absent. */
  optionalFunction<F extends (...args: never[]) => unknown>(field: string): F | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    if (typeof value !== 'function') return this.fail(field, value, 'must be a function');
    return value as F;
  }

  /** A value accepted by `guard`, or `undefined` when absent. */
  optional<T>(field: string, guard: (value: unknown) => value is T, message: string): T | undefined {
    const value = this.raw(field);
    if (value === undefined) return undefined;
    if (!guard(value)) return this.fail(field, value, message);
    return value;
  }

  /** A decimal (Decimal, decimal string or finite number) ≥ `min`, or `fallback` when absent. */
  decimal(field: string, fallback: DecimalLike, min: DecimalLike = 0): Decimal {
    const value = this.raw(field);
    if (value === undefined) return new Decimal(fallback);
    const parsed = toDecimalOrUndefined(value);
    if (parsed === undefined) return this.fail(field, value, 'must be a decimal number') ?? new Decimal(fallback);
    if (parsed.lt(min)) return this.fail(field, value, `must be >= ${String(min)}`) ?? new Decimal(fallback);
    return parsed;
  }

  /** Records a problem found by the caller's own check. */
  fail(field: string, value: unknown, message: string): undefined {
    this.issues.push({ field: `${this.prefix}${field}`, value, message });
    return undefined;
  }

  /** Throws a `ValidationError` listing every problem (unknown keys included, nested readers too); returns when all is well. */
  done(): void {
    this.reportUnknownKeys();
    if (this.issues.length > 0) throw new ValidationError(this.what, this.issues);
  }

  private reportUnknownKeys(): void {
    for (const key of Object.keys(this.record)) if (!this.seen.has(key)) this.fail(key, this.record[key], 'is not a known option');
    for (const child of this.children) child.reportUnknownKeys();
  }
}

function toDecimalOrUndefined(value: unknown): Decimal | undefined {
  if (Decimal.isDecimal(value)) return value.isFinite() ? new Decimal(value) : undefined;
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  try {
    const d = new Decimal(value);
    return d.isFinite() ? d : undefined;
  } catch {
    return undefined;
  }
}
