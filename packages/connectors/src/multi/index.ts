export { MultiVenue, type MultiVenueOptions, MultiVenueOptionsSchema, multiVenue, UnknownVenueError } from './multi-venue';
export { type HealthState, healthOf, type MultiVenueHealth, type VenueHealthEntry } from './venue-health';
