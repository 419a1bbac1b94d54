export { type BackoffPolicy, backoffDelay, seededRandom } from './backoff';
export { CcxtVenue, type ClockSync, ccxtVenue } from './ccxt-venue';
export {
  OrderRejectedError,
  StaleStreamError,
  StreamFailedError,
  UnknownExchangeError,
  VenueClosedError,
  VenueMismatchError,
} from './ccxt-venue-errors';
export {
  BackoffPolicySchema,
  type CcxtCallParams,
  CcxtCallParamsSchema,
  type CcxtVenueOptions,
  CcxtVenueOptionsSchema,
  parseCcxtVenueOptions,
} from './ccxt-venue-options';
export { classifyCcxtError, type ErrorAction } from './classify-ccxt-error';
export { ClockSchema } from './clock-schema';
export type { ConnectionState, ConnectionStatus } from './connection-status';
export { RestPacer } from './rest-pacer';
export type { LatencySummary, VenueStatsSnapshot } from './venue-stats';
