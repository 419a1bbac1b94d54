export { type RecordingSummary, type RecordOptions, record } from './record';
export { RecordError } from './record-error';
export {
  EVENT_STREAMS,
  type EventStream,
  type EventStreamMap,
  type MarketDataEvent,
  type RecordableEvent,
  type RecordedStream,
  streamOf,
} from './recorded-event';
export { decodeLine, encodeEvent, encodeMarket, type RecordingLine } from './recording-line';
