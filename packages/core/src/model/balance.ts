import { z } from 'zod';
import { parseWith } from './parse';
import { Id, NonNegativeDecimal, TimestampMs } from './primitives';

/** One asset's balance on one venue: `free` can be spent, `locked` backs open orders. */
export const BalanceSchema = z.object({
  venue: Id,
  asset: Id,
  free: NonNegativeDecimal,
  locked: NonNegativeDecimal,
});
/** A balance: see {@link BalanceSchema}. Total is `free + locked`. */
export type Balance = z.output<typeof BalanceSchema>;

/** Every balance of one venue at one moment, as emitted by `TradingVenue.balances$()`. */
export const BalanceSnapshotSchema = z.object({
  venue: Id,
  ts: TimestampMs,
  balances: z.array(BalanceSchema),
});
/** All balances of a venue: see {@link BalanceSnapshotSchema}. */
export type BalanceSnapshot = z.output<typeof BalanceSnapshotSchema>;

/**
 * Validates a balance.
 *
 * @example
 * ```ts
 * parseBalance({ venue: 'binance', asset: 'USDT', free: '1000', locked: '0' });
 * ```
 */
export function parseBalance(input: unknown): Balance {
  return parseWith(BalanceSchema, input, 'balance');
}
