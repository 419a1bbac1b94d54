import { Decimal } from '../money/decimal';

/** Key of the reservation made without a key (user keys are non-empty). */
export const UNKEYED = '';

/**
 * One (venue, asset) balance. A transaction stages changes beside it and a
 * commit replaces it with a new entry; only `reservations` is carried over
 * and updated in place by that commit (copying it on every fill would cost
 * O(open orders)), so it must not be handed out.
 */
export interface BalanceEntry {
  readonly venue: string;
  readonly asset: string;
  readonly free: Decimal;
  /** Always the sum of `reservations`. */
  readonly locked: Decimal;
  /** Reservation key → amount held (never zero). */
  readonly reservations: Map<string, Decimal>;
}

/** Holding of one asset over all venues and what it cost in the valuation currency. */
export interface PositionEntry {
  readonly amount: Decimal;
  readonly cost: Decimal;
}

/** Everything the ledger knows, apart from marks (which a transaction only reads). */
export interface LedgerState {
  /** venue → asset → entry. */
  readonly balances: Map<string, Map<string, BalanceEntry>>;
  readonly positions: Map<string, PositionEntry>;
  realized: Decimal;
  fees: Decimal;
  netDeposits: Decimal;
}

const ZERO = new Decimal(0);

/** An empty ledger state. */
export function emptyLedgerState(): LedgerState {
  return { balances: new Map(), positions: new Map(), realized: ZERO, fees: ZERO, netDeposits: ZERO };
}

/** The entry of a balance never touched. */
export function emptyEntry(venue: string, asset: string): BalanceEntry {
  return { venue, asset, free: ZERO, locked: ZERO, reservations: new Map() };
}

/** The entry at (venue, asset), or an empty one. */
export function entryAt(state: LedgerState, venue: string, asset: string): BalanceEntry {
  return state.balances.get(venue)?.get(asset) ?? emptyEntry(venue, asset);
}
