import { ArbotError } from '../errors/arbot-error';

/**
 * Thrown by `MarketCatalog.get` when the catalog holds no market for the
 * venue and symbol asked for. `context.knownVenue` says whether the venue
 * itself is known, which separates a typo in the symbol from a venue whose
 * markets were never loaded.
 *
 * @example
 * ```ts
 * try {
 *   catalog.get('binance', 'BTC/EUR');
 * } catch (err) {
 *   if (err instanceof UnknownMarketError) console.log(err.context.venue, err.context.symbol);
 * }
 * ```
 */
export class UnknownMarketError extends ArbotError {
  constructor(venue: string, symbol: string, knownVenue: boolean) {
    const why = knownVenue ? `venue ${venue} has no market ${symbol}` : `no markets are loaded for venue ${venue}`;
    super('UNKNOWN_MARKET', `Unknown market ${venue} ${symbol}: ${why}`, { venue, symbol, knownVenue });
  }
}

/**
 * Thrown by `marketFromCcxt` for a market whose ccxt precision mode is
 * `SIGNIFICANT_DIGITS`: a count of significant digits is a step that changes
 * with the magnitude of the value, so it cannot be stored as the fixed
 * amount/price steps a `Market` holds.
 *
 * @example
 * ```ts
 * try {
 *   marketFromCcxt(raw, { venue: 'bitfinex', precisionMode: 3 });
 * } catch (err) {
 *   if (err instanceof UnsupportedPrecisionModeError) console.log(err.context.symbol);
 * }
 * ```
 */
export class UnsupportedPrecisionModeError extends ArbotError {
  constructor(venue: string, symbol: string, precisionMode: string) {
    super(
      'UNSUPPORTED_PRECISION_MODE',
      `Market ${venue} ${symbol} uses ccxt precision mode ${precisionMode}, which cannot be expressed as fixed amount/price steps`,
      { venue, symbol, precisionMode },
    );
  }
}

/**
 * Thrown by `marketFromCcxt` when the ccxt market has no maker or taker fee
 * rate and no `defaultFees` were given. `context.field` is `maker` or `taker`.
 *
 * @example
 * ```ts
 * try {
 *   marketFromCcxt(rawWithoutFees, { venue: 'kraken', precisionMode: 4 });
 * } catch (err) {
 *   if (err instanceof MissingFeesError) console.log(err.context.field); // 'maker'
 * }
 * ```
 */
export class MissingFeesError extends ArbotError {
  constructor(venue: string, symbol: string, field: 'maker' | 'taker') {
    super('MISSING_FEES', `Market ${venue} ${symbol} has no ${field} fee rate; pass defaultFees`, { venue, symbol, field });
  }
}
