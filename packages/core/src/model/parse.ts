import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors/validation-error';

/**
 * Validates `input` against a zod schema and returns the parsed value, or
 * throws a {@link ValidationError} naming each offending field and its value.
 * Every `parseX` helper of the model is built on this.
 *
 * @example
 * ```ts
 * const trade = parseWith(TradeSchema, raw, 'trade');
 * ```
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: ValidationIssue[] = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    value: valueAt(input, issue.path),
    message: issue.message,
  }));
  throw new ValidationError(what, issues);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let cursor: unknown = input;
  for (const key of path) {
    if (cursor === null || typeof cursor !== 'object') return undefined;
    cursor = (cursor as Record<PropertyKey, unknown>)[key];
  }
  return cursor;
}
