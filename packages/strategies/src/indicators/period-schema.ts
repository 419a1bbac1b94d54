import { z } from 'zod';

/**
 * Largest window an indicator accepts: the window is allocated up front.
 *
 * @example
 * ```ts
 * SmaOptionsSchema.parse({ period: MAX_PERIOD + 1 }); // throws: must be <= 1000000
 * ```
 */
export const MAX_PERIOD = 1_000_000;

/**
 * An indicator window length: an integer from 1 to {@link MAX_PERIOD}.
 *
 * @example
 * ```ts
 * const Options = z.object({ period: PeriodSchema });
 * Options.parse({ period: 14 }); // ok; { period: 0 } or { period: 2.5 } fail
 * ```
 */
export const PeriodSchema = z
  .number()
  .int({ message: 'must be an integer' })
  .min(1, { message: 'must be >= 1' })
  .max(MAX_PERIOD, { message: `must be <= ${MAX_PERIOD}` });
