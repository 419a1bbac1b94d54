import { ArbotError } from '@arbot/core';

/**
 * `ccxtVenue('…')` was given an exchange id ccxt does not know.
 *
 * @example
 * ```ts
 * try { ccxtVenue('binanse'); } catch (err) {
 *   if (err instanceof UnknownExchangeError) console.log(err.context.exchangeId);
 * }
 * ```
 */
export class UnknownExchangeError extends ArbotError {
  constructor(exchangeId: string) {
    super('UNKNOWN_EXCHANGE', `ccxt has no exchange with id ${JSON.stringify(exchangeId)}`, { exchangeId });
  }
}

/**
 * A stream of a ccxt venue failed for good: the exchange refused it with an
 * error retrying cannot fix (bad symbol, missing credentials, unsupported
 * method). `cause` holds the ccxt error.
 *
 * @example
 * ```ts
 * venue.orderBook$('NOPE/USDT').subscribe({ error: (err) => {
 *   if (err instanceof StreamFailedError) console.log(err.context.stream, err.context.reason);
 * } });
 * ```
 */
export class StreamFailedError extends ArbotError {
  constructor(venue: string, stream: string, reason: string, cause: unknown) {
    super('STREAM_FAILED', `${venue} ${stream} failed: ${reason}`, { venue, stream, reason }, { cause });
  }
}

/**
 * The exchange refused an order request or cancel (invalid order, insufficient
 * funds, unknown order…). `context.ccxtError` names ccxt's error class.
 *
 * @example
 * ```ts
 * try { await venue.placeOrder(request); } catch (err) {
 *   if (err instanceof OrderRejectedError && err.context.ccxtError === 'InsufficientFunds') topUp();
 * }
 * ```
 */
export class OrderRejectedError extends ArbotError {
  constructor(venue: string, action: string, ccxtError: string, message: string, cause: unknown) {
    super('ORDER_REJECTED', `${venue} refused ${action}: ${message}`, { venue, action, ccxtError }, { cause });
  }
}

/**
 * A request was meant for another venue (e.g. an `OrderRequest` whose `venue`
 * is not this venue's id).
 *
 * @example
 * ```ts
 * await venue.placeOrder({ ...request, venue: 'okx' }); // on binance: throws VenueMismatchError
 * ```
 */
export class VenueMismatchError extends ArbotError {
  constructor(expected: string, received: string) {
    super('VENUE_MISMATCH', `request for venue ${received} sent to venue ${expected}`, { expected, received });
  }
}

/**
 * The venue was closed; its streams complete and its methods refuse to run.
 *
 * @example
 * ```ts
 * await venue.close();
 * await venue.markets(); // throws VenueClosedError
 * ```
 */
export class VenueClosedError extends ArbotError {
  constructor(venue: string) {
    super('VENUE_CLOSED', `venue ${venue} is closed`, { venue });
  }
}

/**
 * Raised inside a stream when its staleness watchdog fires; it never reaches
 * subscribers (the stream resyncs), but shows up as the `reason` on `status$`.
 *
 * @example
 * ```ts
 * classifyCcxtError(new StaleStreamError('binance', 'orderBook:BTC/USDT', 30_000)); // 'stale'
 * ```
 */
export class StaleStreamError extends ArbotError {
  constructor(venue: string, stream: string, silentMs: number) {
    super('STREAM_STALE', `${venue} ${stream}: no update for ${silentMs} ms`, { venue, stream, silentMs });
  }
}
