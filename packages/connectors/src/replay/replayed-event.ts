import type { EventStream, EventStreamMap } from '../record/recorded-event';

/**
 * An event read back from a recording, tagged with its stream, so consumers
 * can dispatch without inspecting shapes.
 *
 * @example
 * ```ts
 * replayTagged('session.ndjson.gz', { pacing: 'asap' }).subscribe((item) => {
 *   if (item.stream === 'trade') console.log(item.event.price);
 * });
 * ```
 */
export type ReplayedEvent = { readonly [K in EventStream]: { readonly stream: K; readonly event: EventStreamMap[K] } }[EventStream];
