export { ClientOrderIdPrefixSchema, clientOrderIdFor, isOwnClientOrderId } from './client-order-id';
export { executeOpportunities } from './execute-opportunities';
export { executedFills } from './executed-fills';
export { type AssetsOf, realizedPnlOf, type UnitPrice } from './execution-pnl';
export { type EmergencyStopResult, Executor, type ExecutorVenues, type ShutdownSummary } from './executor';
export { type BooksProvider, type ExecutorCommand, type ExecutorOptions, ExecutorOptionsSchema } from './executor-options';
export { OrderTracker, type TrackedStatus, type TrackerVerdict } from './order-tracker';
export { type ShutdownHandle, type ShutdownOnSignalsOptions, type SignalTarget, shutdownOnSignals } from './shutdown-on-signals';
export { isDefiniteRejection, isOrderNotFound } from './venue-errors';
