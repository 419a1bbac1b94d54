import type { ConnectionState } from '../ccxt/connection-status';

/**
 * Coarse health of one venue:
 * - `connected`: its streams are updating;
 * - `stale`: (re)subscribing or resyncing — its data may be old;
 * - `down`: its connection failed and it is retrying, or a stream failed for good.
 *
 * @example
 * ```ts
 * const tradable = (state: HealthState) => state === 'connected';
 * ```
 */
export type HealthState = 'connected' | 'stale' | 'down';

/**
 * One venue's health and what it is based on.
 *
 * @example
 * ```ts
 * multi.health$.subscribe((h) => h.venues.forEach((v: VenueHealthEntry) => console.log(v.venue, v.state, v.reason ?? '')));
 * ```
 */
export interface VenueHealthEntry {
  readonly venue: string;
  readonly state: HealthState;
  /** The venue's aggregate connection state, when it reports one. */
  readonly connection: ConnectionState | undefined;
  /** Why it is not connected, when known. */
  readonly reason?: string;
  /** Local time of the last change, ms. */
  readonly ts: number;
}

/**
 * Health of every venue of a multi-venue, emitted on each change.
 *
 * @example
 * ```ts
 * multi.health$.pipe(filter((h: MultiVenueHealth) => !h.allConnected)).subscribe((h) => alert(h.changed));
 * ```
 */
export interface MultiVenueHealth {
  /** Every venue's entry, in the order the venues were given. */
  readonly venues: readonly VenueHealthEntry[];
  /** The venue whose change produced this emission. */
  readonly changed: string;
  /** `true` when every venue is `connected`. */
  readonly allConnected: boolean;
}

/**
 * The coarse health of a connection state.
 *
 * @example
 * ```ts
 * healthOf('reconnecting'); // 'down'
 * healthOf('connecting'); // 'stale'
 * ```
 */
export function healthOf(state: ConnectionState): HealthState {
  switch (state) {
    case 'connected':
      return 'connected';
    case 'connecting':
    case 'stale':
      return 'stale';
    case 'reconnecting':
    case 'down':
      return 'down';
  }
}
