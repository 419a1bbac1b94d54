export { inspectRecording, type RecordedSeries, type RecordingInspection } from './inspect-recording';
export { readRecordedMarkets } from './read-recorded-markets';
export { type ReadRecordingOptions, readRecording } from './read-recording';
export { replay, replayTagged } from './replay';
export { type ReplayFeed, type ReplayFeedOptions, type ReplayVenueOptions, replayFeed, replayVenue } from './replay-feed';
export type { AdvanceableClock, ReplayOptions, ReplayPacing } from './replay-options';
export type { ReplayedEvent } from './replayed-event';
