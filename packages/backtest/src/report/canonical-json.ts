import { isDecimal } from '@arbot/core';

/**
 * A JSON value with sorted keys, as {@link canonicalize} returns it.
 *
 * @example
 * ```ts
 * const value: CanonicalJson = canonicalize({ b: 1, a: new Decimal('2.50') }); // { a: '2.5', b: 1 }
 * ```
 */
export type CanonicalJson = string | number | boolean | null | CanonicalJson[] | { [key: string]: CanonicalJson };

/**
 * Turns a value into plain JSON data that always serializes to the same
 * text: object keys sorted, `Decimal`s as their exact decimal strings,
 * non-finite numbers as the strings `Infinity`, `-Infinity` and `NaN`,
 * `undefined` properties dropped (and `undefined` array items as `null`),
 * `Map`s as objects, `Set`s as sorted arrays. Throws a `TypeError` on a
 * cycle, a function, a symbol or a bigint.
 *
 * @example
 * ```ts
 * JSON.stringify(canonicalize({ b: new Decimal('0.10'), a: Infinity })); // '{"a":"Infinity","b":"0.1"}'
 * ```
 */
export function canonicalize(value: unknown): CanonicalJson {
  return walk(value, new Set());
}

function walk(value: unknown, seen: Set<object>): CanonicalJson {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'object':
      break;
    default:
      throw new TypeError(`cannot serialize a ${typeof value} to canonical JSON`);
  }
  if (isDecimal(value)) return value.toString();
  if (seen.has(value)) throw new TypeError('cannot serialize a cyclic structure to canonical JSON');
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, seen));
    if (value instanceof Set) return [...value].map((item) => walk(item, seen)).sort(compareJson);
    const entries: [string, unknown][] =
      value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v]) : Object.entries(value);
    const out: { [key: string]: CanonicalJson } = {};
    for (const [key, item] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (item === undefined || typeof item === 'function') continue;
      out[key] = walk(item, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function compareJson(a: CanonicalJson, b: CanonicalJson): number {
  const x = JSON.stringify(a);
  const y = JSON.stringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
