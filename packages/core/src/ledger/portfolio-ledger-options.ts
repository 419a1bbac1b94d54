import { z } from 'zod';
import type { Clock } from '../clock/clock';
import { Id } from '../model/primitives';

function isClock(value: unknown): value is Clock {
  if (typeof value !== 'object' || value === null) return false;
  const { now, scheduler } = value as { now?: unknown; scheduler?: unknown };
  return (
    typeof now === 'function' &&
    typeof scheduler === 'object' &&
    scheduler !== null &&
    typeof (scheduler as { schedule?: unknown }).schedule === 'function'
  );
}

/**
 * Options of a {@link PortfolioLedger}: the currency every value is
 * expressed in and the clock that timestamps snapshots and equity points.
 *
 * @example
 * ```ts
 * PortfolioLedgerOptionsSchema.parse({ valuationCurrency: 'USDT', clock: systemClock });
 * ```
 */
export const PortfolioLedgerOptionsSchema = z.object({
  valuationCurrency: Id,
  clock: z.custom<Clock>(isClock, { message: 'must be a Clock (now() and an RxJS scheduler)' }),
});
/**
 * What {@link PortfolioLedger} accepts: see {@link PortfolioLedgerOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: PortfolioLedgerOptions = { valuationCurrency: 'USDT', clock: new VirtualClock() };
 * const ledger = new PortfolioLedger(options);
 * ```
 */
export type PortfolioLedgerOptions = z.input<typeof PortfolioLedgerOptionsSchema>;
