import { Decimal } from '../money/decimal';
import { InsufficientBalanceError } from './ledger-errors';
import { type BalanceEntry, entryAt, type LedgerState, type PositionEntry, UNKEYED } from './ledger-state';

const ZERO = new Decimal(0);

/** Where a debit is taken from: free funds, or one reservation. */
export type DebitSource = { readonly bucket: 'free' } | { readonly bucket: 'locked'; readonly key: string };

/**
 * A set of changes to a {@link LedgerState} staged on the side and written in
 * one go by {@link LedgerTransaction.commit}. Any error thrown while staging
 * leaves the state untouched, which is what makes every ledger operation atomic.
 */
export class LedgerTransaction {
  private readonly entries = new Map<string, Map<string, BalanceEntry>>();
  private readonly positionDraft = new Map<string, PositionEntry>();
  private realized: Decimal;
  private fees: Decimal;
  private netDeposits: Decimal;

  constructor(
    private readonly state: LedgerState,
    private readonly valuationCurrency: string,
  ) {
    this.realized = state.realized;
    this.fees = state.fees;
    this.netDeposits = state.netDeposits;
  }

  entry(venue: string, asset: string): BalanceEntry {
    return this.entries.get(venue)?.get(asset) ?? entryAt(this.state, venue, asset);
  }

  /** Adds `amount` to the free balance. */
  credit(venue: string, asset: string, amount: Decimal): void {
    const e = this.entry(venue, asset);
    this.put({ ...e, free: e.free.plus(amount) });
  }

  /** Takes `amount` from free funds or from one reservation; throws if that is short. */
  debit(venue: string, asset: string, amount: Decimal, source: DebitSource): void {
    const e = this.entry(venue, asset);
    if (source.bucket === 'free') {
      if (e.free.lt(amount)) throw new InsufficientBalanceError({ venue, asset, bucket: 'free', requested: amount, available: e.free });
      this.put({ ...e, free: e.free.minus(amount) });
      return;
    }
    this.put({ ...this.takeReservation(e, amount, source.key), locked: e.locked.minus(amount) });
  }

  /** Moves `amount` from free to the reservation `key`. */
  reserve(venue: string, asset: string, amount: Decimal, key: string): void {
    const e = this.entry(venue, asset);
    if (e.free.lt(amount)) throw new InsufficientBalanceError({ venue, asset, bucket: 'free', requested: amount, available: e.free });
    const reservations = new Map(e.reservations);
    reservations.set(key, (reservations.get(key) ?? ZERO).plus(amount));
    this.put({ ...e, free: e.free.minus(amount), locked: e.locked.plus(amount), reservations });
  }

  /** Moves `amount` from the reservation `key` back to free. */
  release(venue: string, asset: string, amount: Decimal, key: string): void {
    const e = this.entry(venue, asset);
    this.put({ ...this.takeReservation(e, amount, key), free: e.free.plus(amount), locked: e.locked.minus(amount) });
  }

  /** Adds `amount` of `asset` to its position at total cost `cost` (valuation currency). */
  acquire(asset: string, amount: Decimal, cost: Decimal): void {
    if (asset === this.valuationCurrency) return;
    const p = this.position(asset);
    this.positionDraft.set(asset, { amount: p.amount.plus(amount), cost: p.cost.plus(cost) });
  }

  /** Removes `amount` of `asset` from its position at average cost; returns the cost removed. */
  removeAtCost(asset: string, amount: Decimal): Decimal {
    if (asset === this.valuationCurrency) return amount;
    const p = this.position(asset);
    // Balances are checked before positions are touched and positions mirror balance totals,
    // so `amount <= p.amount` here; removing everything takes the exact cost to avoid a residue.
    const removed = amount.eq(p.amount) ? p.cost : p.cost.times(amount).div(p.amount);
    this.positionDraft.set(asset, { amount: p.amount.minus(amount), cost: p.cost.minus(removed) });
    return removed;
  }

  /** Disposes of `amount` of `asset` for `proceeds` (valuation currency); returns and books the realized PnL. */
  dispose(asset: string, amount: Decimal, proceeds: Decimal): Decimal {
    const pnl = proceeds.minus(this.removeAtCost(asset, amount));
    this.realized = this.realized.plus(pnl);
    return pnl;
  }

  /** Books a fee worth `value` in the valuation currency as an expense. */
  expenseFee(value: Decimal): void {
    this.realized = this.realized.minus(value);
    this.fees = this.fees.plus(value);
  }

  /** Books value brought in (positive) or taken out (negative) of the ledger. */
  addNetDeposits(value: Decimal): void {
    this.netDeposits = this.netDeposits.plus(value);
  }

  /** Realized PnL booked by this transaction so far. */
  realizedChange(): Decimal {
    return this.realized.minus(this.state.realized);
  }

  /** Writes every staged change into the state. */
  commit(): void {
    for (const [venue, assets] of this.entries) {
      let target = this.state.balances.get(venue);
      if (target === undefined) {
        target = new Map();
        this.state.balances.set(venue, target);
      }
      for (const [asset, entry] of assets) target.set(asset, entry);
    }
    for (const [asset, position] of this.positionDraft) {
      if (position.amount.isZero()) this.state.positions.delete(asset);
      else this.state.positions.set(asset, position);
    }
    this.state.realized = this.realized;
    this.state.fees = this.fees;
    this.state.netDeposits = this.netDeposits;
  }

  private position(asset: string): PositionEntry {
    return this.positionDraft.get(asset) ?? this.state.positions.get(asset) ?? { amount: ZERO, cost: ZERO };
  }

  private takeReservation(e: BalanceEntry, amount: Decimal, key: string): BalanceEntry {
    const held = e.reservations.get(key) ?? ZERO;
    if (held.lt(amount)) {
      throw new InsufficientBalanceError({
        venue: e.venue,
        asset: e.asset,
        bucket: 'locked',
        requested: amount,
        available: held,
        key: key === UNKEYED ? undefined : key,
      });
    }
    const reservations = new Map(e.reservations);
    const left = held.minus(amount);
    if (left.isZero()) reservations.delete(key);
    else reservations.set(key, left);
    return { ...e, reservations };
  }

  private put(entry: BalanceEntry): void {
    let assets = this.entries.get(entry.venue);
    if (assets === undefined) {
      assets = new Map();
      this.entries.set(entry.venue, assets);
    }
    assets.set(entry.asset, entry);
  }
}
