import { PositiveDecimal } from '@arbot/core';
import { z } from 'zod';

/** A positive money amount (number, decimal string or Decimal), kept as a number for hot-path comparisons. */
export const PositiveAmount = PositiveDecimal.transform((d) => d.toNumber());

/**
 * One limit for every key, or a limit per key (asset or venue) with `'*'`
 * as the limit of keys not listed. Keys neither listed nor covered by `'*'`
 * are unlimited.
 */
export const KeyedLimit = z.union([PositiveAmount, z.record(z.string().min(1), PositiveAmount)]);

/** Resolves a {@link KeyedLimit} for one key. */
export function limitFor(limit: z.output<typeof KeyedLimit> | undefined, key: string): number | undefined {
  if (limit === undefined || typeof limit === 'number') return limit;
  return limit[key] ?? limit['*'];
}
