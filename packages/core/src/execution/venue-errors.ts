import { ArbotError } from '../errors/arbot-error';

/** Codes of errors that say the venue answered but the outcome is still open. */
const UNCERTAIN_CODES = new Set(['TIMEOUT', 'NETWORK', 'REQUEST_TIMEOUT', 'PLACEMENT_TIMEOUT']);
/** ccxt error classes (as carried in `context.ccxtError`) that do not prove an order was refused. */
const UNCERTAIN_CCXT = new Set([
  'OperationFailed',
  'NetworkError',
  'RequestTimeout',
  'ExchangeNotAvailable',
  'OnMaintenance',
  'DDoSProtection',
  'RateLimitExceeded',
  'InvalidNonce',
  'BadResponse',
  'NullResponse',
]);

/**
 * `true` when an error thrown by `placeOrder` proves the order was not
 * placed: an `ArbotError` (venues report refusals — insufficient funds, a
 * limit, an invalid order — as typed errors) that is not a timeout or
 * network failure. Anything else — a plain `Error`, a timeout — leaves the
 * order's fate unknown, to be resolved by querying.
 *
 * @example
 * ```ts
 * isDefiniteRejection(new ArbotError('ORDER_REJECTED', 'insufficient funds')); // true
 * isDefiniteRejection(new Error('socket hang up')); // false
 * ```
 */
export function isDefiniteRejection(error: unknown): boolean {
  if (!(error instanceof ArbotError)) return false;
  if (UNCERTAIN_CODES.has(error.code)) return false;
  const ccxtError = error.context.ccxtError;
  return !(typeof ccxtError === 'string' && UNCERTAIN_CCXT.has(ccxtError));
}

/**
 * `true` when an error from `fetchOrder` / `cancelOrder` says the venue has
 * no such order: code `UNKNOWN_ORDER` or `ORDER_NOT_FOUND`, or a ccxt
 * `OrderNotFound` carried in `context.ccxtError`.
 *
 * @example
 * ```ts
 * isOrderNotFound(new ArbotError('UNKNOWN_ORDER', 'no such order')); // true
 * ```
 */
export function isOrderNotFound(error: unknown): boolean {
  if (!(error instanceof ArbotError)) return false;
  return error.code === 'UNKNOWN_ORDER' || error.code === 'ORDER_NOT_FOUND' || error.context.ccxtError === 'OrderNotFound';
}

/** A short description of an error for reports and journal lines. */
export function describeError(error: unknown): string {
  if (error instanceof ArbotError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return error.message;
  return String(error);
}
