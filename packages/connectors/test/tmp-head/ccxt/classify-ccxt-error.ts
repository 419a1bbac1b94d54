import ccxt from 'ccxt';
import { StaleStreamError } from './ccxt-venue-errors';

/**
 * What a stream does about an error from a ccxt watch/fetch call:
 * - `stale`: our watchdog fired → resync now;
 * - `gap`: sequence/checksum failure (ccxt dropped its book) → resnapshot now;
 * - `network`: connection or exchange availability trouble → reconnect with backoff;
 * - `malformed`: an unexpected message broke a handler → count, skip, carry on;
 * - `fatal`: retrying cannot help (bad symbol, auth, unsupported) → fail the stream.
 *
 * @example
 * ```ts
 * const action: ErrorAction = classifyCcxtError(err);
 * ```
 */
export type ErrorAction = 'stale' | 'gap' | 'network' | 'malformed' | 'fatal';

/**
 * Classifies an error thrown by a ccxt call into the stream's reaction.
 *
 * @example
 * ```ts
 * classifyCcxtError(new ccxt.ChecksumError('binance BTC/USDT')); // 'gap'
 * classifyCcxtError(new ccxt.RequestTimeout('ping-pong')); // 'network'
 * classifyCcxtError(new TypeError("Cannot use 'in' operator")); // 'malformed'
 * ```
 */
export function classifyCcxtError(error: unknown): ErrorAction {
  if (error instanceof StaleStreamError) return 'stale';
  // InvalidNonce (and its subclass ChecksumError) extend NetworkError: test them first.
  if (error instanceof ccxt.InvalidNonce) return 'gap';
  if (error instanceof ccxt.NetworkError) return 'network';
  if (error instanceof ccxt.ExchangeClosedByUser) return 'network';
  if (error instanceof ccxt.BadResponse) return 'malformed';
  if (
    error instanceof ccxt.AuthenticationError ||
    error instanceof ccxt.PermissionDenied ||
    error instanceof ccxt.AccountSuspended ||
    error instanceof ccxt.BadRequest ||
    error instanceof ccxt.NotSupported ||
    error instanceof ccxt.ArgumentsRequired
  ) {
    return 'fatal';
  }
  // Any other exchange-reported error (maintenance, transient refusals) is worth retrying.
  if (error instanceof ccxt.BaseError) return 'network';
  return 'malformed';
}
