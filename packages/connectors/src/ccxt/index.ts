export { type BackoffPolicy, backoffDelay, seededRandom } from './backoff';
export { type CcxtCallParams, type CcxtVenueOptions, parseCcxtVenueOptions } from './ccxt-venue-options';
export { CcxtVenue, ccxtVenue, type ClockSync } from './ccxt-venue';
export {
  OrderRejectedError,
  StaleStreamError,
  StreamFailedError,
  UnknownExchangeError,
  VenueClosedError,
  VenueMismatchError,
} from './ccxt-venue-errors';
export { classifyCcxtError, type ErrorAction } from './classify-ccxt-error';
export type { ConnectionState, ConnectionStatus } from './connection-status';
export { RestPacer } from './rest-pacer';
export type { LatencySummary, VenueStatsSnapshot } from './venue-stats';
