import {
  type BalanceSnapshot,
  BalanceSnapshotSchema,
  type Decimal,
  type DecimalLike,
  NonNegativeDecimal,
  parseWith,
  toDecimal,
} from '@arbot/core';
import { isObservable, type Observable, type Subscription } from 'rxjs';
import { z } from 'zod';

/**
 * A function returning the free amount of `asset` on `venue` (or `undefined`
 * for none), asked each time a detector sizes a trade that needs it.
 *
 * @example
 * ```ts
 * const lookup: BalanceLookup = (venue, asset) => ledger.free(venue, asset);
 * ```
 */
export type BalanceLookup = (venue: string, asset: string) => DecimalLike | undefined;

/**
 * Where a detector reads free balances to cap its sizes: a snapshot (or one
 * per venue), a {@link BalanceLookup}, or a stream of snapshots such as
 * `TradingVenue.balances$()` (the latest snapshot of each venue is used; a
 * venue with no snapshot yet has nothing free). An asset missing from a
 * venue's snapshot has nothing free.
 *
 * @example
 * ```ts
 * const balances: BalanceSource = merge(binance.balances$(), okx.balances$());
 * ```
 */
export type BalanceSource = BalanceSnapshot | readonly BalanceSnapshot[] | Observable<BalanceSnapshot> | BalanceLookup;

/**
 * Accepts a {@link BalanceSource}; snapshots are validated.
 *
 * @example
 * ```ts
 * BalanceSourceSchema.parse({ venue: 'binance', ts: 0, balances: [{ venue: 'binance', asset: 'USDT', free: '1000', locked: '0' }] });
 * ```
 */
export const BalanceSourceSchema = z.union([
  z.custom<Observable<BalanceSnapshot>>((value) => isObservable(value), { message: 'must be an Observable of BalanceSnapshot' }),
  z.custom<BalanceLookup>((value) => typeof value === 'function', { message: 'must be a function (venue, asset) => amount' }),
  BalanceSnapshotSchema,
  z.array(BalanceSnapshotSchema),
]);

interface FreeAmount {
  readonly decimal: Decimal;
  readonly number: number;
}

/**
 * The free balances a detector subscription sizes against. `free` answers in
 * numbers for the hot path (`Infinity` when balances are not tracked),
 * `freeExact` in Decimals for the final check (`undefined` when not tracked).
 */
export class BalanceBook {
  private readonly byVenue = new Map<string, Map<string, FreeAmount>>();

  private constructor(
    private readonly tracked: boolean,
    private readonly lookup: BalanceLookup | undefined,
  ) {}

  /** A book that caps nothing. */
  static untracked(): BalanceBook {
    return new BalanceBook(false, undefined);
  }

  /**
   * Opens `source` for one subscription: snapshots are loaded, a stream is
   * subscribed (its errors go to `onError`). Returns the book and the
   * subscription to close with the detector's.
   */
  static open(
    source: z.output<typeof BalanceSourceSchema> | undefined,
    onError: (err: unknown) => void,
  ): { book: BalanceBook; subscription: Subscription | undefined } {
    if (source === undefined) return { book: BalanceBook.untracked(), subscription: undefined };
    if (typeof source === 'function') return { book: new BalanceBook(true, source), subscription: undefined };
    const book = new BalanceBook(true, undefined);
    if (isObservable(source)) {
      const subscription = source.subscribe({ next: (snapshot) => book.load(snapshot), error: onError });
      return { book, subscription };
    }
    for (const snapshot of Array.isArray(source) ? source : [source]) book.load(snapshot);
    return { book, subscription: undefined };
  }

  /** Replaces everything known about the snapshot's venue. */
  load(snapshot: BalanceSnapshot): void {
    const assets = new Map<string, FreeAmount>();
    for (const balance of snapshot.balances) {
      const decimal = toDecimal(balance.free);
      assets.set(balance.asset, { decimal, number: decimal.toNumber() });
    }
    this.byVenue.set(snapshot.venue, assets);
  }

  /** Free amount as a number; `Infinity` when balances are not tracked. */
  free(venue: string, asset: string): number {
    if (!this.tracked) return Number.POSITIVE_INFINITY;
    return this.amount(venue, asset).number;
  }

  /** Free amount as a Decimal; `undefined` when balances are not tracked. */
  freeExact(venue: string, asset: string): Decimal | undefined {
    if (!this.tracked) return undefined;
    return this.amount(venue, asset).decimal;
  }

  private amount(venue: string, asset: string): FreeAmount {
    if (this.lookup !== undefined) {
      const raw = this.lookup(venue, asset);
      const decimal = raw === undefined ? toDecimal(0) : parseWith(NonNegativeDecimal, raw, `free balance of ${asset} on ${venue}`);
      return { decimal, number: decimal.toNumber() };
    }
    return this.byVenue.get(venue)?.get(asset) ?? NOTHING;
  }
}

const NOTHING: FreeAmount = Object.freeze({ decimal: toDecimal(0), number: 0 });
