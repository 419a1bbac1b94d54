export { PAPER_LATENCY, type PaperVenueOptions, paperVenue } from './paper-venue';
export { NoBookError, OrderNotCancelableError, UnknownOrderError } from './sim-errors';
export { SimDelaySchema, type SimLatency, SimLatencySchema } from './sim-latency';
export { SimVenue, simVenue } from './sim-venue';
export { SimFeeOverrideSchema, type SimVenueOptions, SimVenueOptionsSchema } from './sim-venue-options';
