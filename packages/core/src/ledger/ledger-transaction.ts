import { Decimal } from '../money/decimal';
import { InsufficientBalanceError } from './ledger-errors';
import { type BalanceEntry, entryAt, type LedgerState, type PositionEntry, UNKEYED } from './ledger-state';

const ZERO = new Decimal(0);

/** Where a debit is taken from: free funds, or one reservation. */
export type DebitSource = { readonly bucket: 'free' } | { readonly bucket: 'locked'; readonly key: string };

/** A balance being staged: the committed entry it started from and its new values. */
interface DraftEntry {
  readonly base: BalanceEntry;
  free: Decimal;
  locked: Decimal;
  /** Reservations changed so far (zero: removed), written into `base.reservations` on commit. */
  changes: Map<string, Decimal> | undefined;
}

/**
 * A set of changes to a {@link LedgerState} staged on the side and written in
 * one go by {@link LedgerTransaction.commit}. Any error thrown while staging
 * leaves the state untouched, which is what makes every ledger operation atomic.
 */
export class LedgerTransaction {
  private readonly drafts = new Map<string, Map<string, DraftEntry>>();
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

  /** Adds `amount` to the free balance. */
  credit(venue: string, asset: string, amount: Decimal): void {
    const d = this.draft(venue, asset);
    d.free = d.free.plus(amount);
  }

  /** Takes `amount` from free funds or from one reservation; throws if that is short. */
  debit(venue: string, asset: string, amount: Decimal, source: DebitSource): void {
    const d = this.draft(venue, asset);
    if (source.bucket === 'free') {
      if (d.free.lt(amount)) throw new InsufficientBalanceError({ venue, asset, bucket: 'free', requested: amount, available: d.free });
      d.free = d.free.minus(amount);
      return;
    }
    this.takeReservation(d, amount, source.key);
    d.locked = d.locked.minus(amount);
  }

  /** Moves `amount` from free to the reservation `key`. */
  reserve(venue: string, asset: string, amount: Decimal, key: string): void {
    const d = this.draft(venue, asset);
    if (d.free.lt(amount)) throw new InsufficientBalanceError({ venue, asset, bucket: 'free', requested: amount, available: d.free });
    setReservation(d, key, heldIn(d, key).plus(amount));
    d.free = d.free.minus(amount);
    d.locked = d.locked.plus(amount);
  }

  /** Moves `amount` from the reservation `key` back to free. */
  release(venue: string, asset: string, amount: Decimal, key: string): void {
    const d = this.draft(venue, asset);
    this.takeReservation(d, amount, key);
    d.free = d.free.plus(amount);
    d.locked = d.locked.minus(amount);
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
    for (const [venue, assets] of this.drafts) {
      let target = this.state.balances.get(venue);
      if (target === undefined) {
        target = new Map();
        this.state.balances.set(venue, target);
      }
      for (const [asset, d] of assets) {
        const { reservations } = d.base;
        if (d.changes !== undefined) {
          for (const [key, held] of d.changes) {
            if (held.isZero()) reservations.delete(key);
            else reservations.set(key, held);
          }
        }
        target.set(asset, { venue, asset, free: d.free, locked: d.locked, reservations });
      }
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

  /** The staged balance of (venue, asset), started from the committed one on first use. */
  private draft(venue: string, asset: string): DraftEntry {
    let assets = this.drafts.get(venue);
    if (assets === undefined) {
      assets = new Map();
      this.drafts.set(venue, assets);
    }
    let d = assets.get(asset);
    if (d === undefined) {
      const base = entryAt(this.state, venue, asset);
      d = { base, free: base.free, locked: base.locked, changes: undefined };
      assets.set(asset, d);
    }
    return d;
  }

  private takeReservation(d: DraftEntry, amount: Decimal, key: string): void {
    const held = heldIn(d, key);
    if (held.lt(amount)) {
      throw new InsufficientBalanceError({
        venue: d.base.venue,
        asset: d.base.asset,
        bucket: 'locked',
        requested: amount,
        available: held,
        key: key === UNKEYED ? undefined : key,
      });
    }
    setReservation(d, key, held.minus(amount));
  }
}

/** What the reservation `key` holds in the staged balance `d`. */
function heldIn(d: DraftEntry, key: string): Decimal {
  return d.changes?.get(key) ?? d.base.reservations.get(key) ?? ZERO;
}

function setReservation(d: DraftEntry, key: string, held: Decimal): void {
  if (d.changes === undefined) d.changes = new Map();
  d.changes.set(key, held);
}
