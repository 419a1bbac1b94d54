import { ArbotError } from '../errors/arbot-error';
import type { Decimal } from '../money/decimal';

/**
 * Which part of a balance an operation drew on: spendable `free` funds or funds `locked` for open orders.
 *
 * @example
 * ```ts
 * const bucket: BalanceBucket = err.bucket; // 'free' | 'locked'
 * ```
 */
export type BalanceBucket = 'free' | 'locked';

/**
 * Thrown when an operation would take more of an asset than is there: a
 * withdrawal or reservation beyond the free balance, a release or
 * `fromLocked` fill beyond what is reserved, or a fill whose cost or fee
 * exceeds the balance. The ledger is unchanged when it is thrown.
 *
 * @example
 * ```ts
 * try {
 *   ledger.withdraw('binance', 'USDT', '500');
 * } catch (err) {
 *   if (err instanceof InsufficientBalanceError) {
 *     console.log(err.venue, err.asset, err.requested.toString(), err.available.toString());
 *   }
 * }
 * ```
 */
export class InsufficientBalanceError extends ArbotError {
  /** Venue of the balance. */
  readonly venue: string;
  /** Asset of the balance. */
  readonly asset: string;
  /** `free` or `locked`: the part of the balance that was short. */
  readonly bucket: BalanceBucket;
  /** Amount the operation needed. */
  readonly requested: Decimal;
  /** Amount that was there (for `locked`, what the reservation holds). */
  readonly available: Decimal;
  /** Reservation key, when the shortfall was in a keyed reservation. */
  readonly key: string | undefined;

  constructor(details: {
    venue: string;
    asset: string;
    bucket: BalanceBucket;
    requested: Decimal;
    available: Decimal;
    key?: string | undefined;
  }) {
    const { venue, asset, bucket, requested, available, key } = details;
    const where = key === undefined ? `${bucket} ${asset}` : `${asset} reserved under "${key}"`;
    super(
      'INSUFFICIENT_BALANCE',
      `Insufficient ${where} on ${venue}: requested ${requested.toString()}, available ${available.toString()}`,
      key === undefined ? { venue, asset, bucket, requested, available } : { venue, asset, bucket, requested, available, key },
    );
    this.venue = venue;
    this.asset = asset;
    this.bucket = bucket;
    this.requested = requested;
    this.available = available;
    this.key = key;
  }
}

/**
 * Thrown when a value in the valuation currency is needed for an asset that
 * has no mark: equity or unrealized PnL over a non-zero balance, a deposit
 * without a cost price, a fee in a third asset, or a cross-pair fill whose
 * quote is not the valuation currency. Set one with `ledger.setPrice(asset, price)`.
 *
 * @example
 * ```ts
 * try {
 *   ledger.equity();
 * } catch (err) {
 *   if (err instanceof MissingPriceError) ledger.setPrice(err.asset, await fetchMark(err.asset));
 * }
 * ```
 */
export class MissingPriceError extends ArbotError {
  /** The asset without a mark. */
  readonly asset: string;

  constructor(asset: string, valuationCurrency: string) {
    super('MISSING_PRICE', `No ${valuationCurrency} price for ${asset}; set one with setPrice('${asset}', price)`, {
      asset,
      valuationCurrency,
    });
    this.asset = asset;
  }
}
