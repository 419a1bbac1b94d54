import type { Clock } from '@arbot/core';
import { z } from 'zod';

/**
 * Accepts a core `Clock` (an object with `now()`), the only time source a
 * strategy may read.
 *
 * @example
 * ```ts
 * const Options = z.object({ clock: ClockSchema });
 * Options.parse({ clock: systemClock }); // ok; { clock: Date } fails
 * ```
 */
export const ClockSchema = z.custom<Clock>(
  (value) => typeof value === 'object' && value !== null && typeof (value as { now?: unknown }).now === 'function',
  { message: 'must be a Clock (an object with now())' },
);
