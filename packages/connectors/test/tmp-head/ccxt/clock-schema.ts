import type { Clock } from '@arbot/core';
import { z } from 'zod';

function isClock(value: unknown): value is Clock {
  if (typeof value !== 'object' || value === null) return false;
  const { now, scheduler } = value as { now?: unknown; scheduler?: unknown };
  return typeof now === 'function' && typeof scheduler === 'object' && scheduler !== null && 'schedule' in scheduler;
}

/**
 * Accepts a core `Clock` (`now()` and an RxJS scheduler) in an options object.
 *
 * @example
 * ```ts
 * ClockSchema.parse(systemClock);
 * ```
 */
export const ClockSchema = z.custom<Clock>(isClock, { message: 'must be a Clock ({ now(), scheduler })' });
