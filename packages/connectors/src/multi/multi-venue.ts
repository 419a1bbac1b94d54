import {
  ArbotError,
  BookSet,
  type Clock,
  type Market,
  type MarketDataVenue,
  type OrderBookStreamOptions,
  type OrderBookView,
  parseWith,
  systemClock,
  ValidationError,
} from '@arbot/core';
import { BehaviorSubject, catchError, distinctUntilChanged, EMPTY, map, merge, Observable, shareReplay } from 'rxjs';
import { z } from 'zod';
import { ClockSchema } from '../ccxt/clock-schema';
import type { ConnectionStatus } from '../ccxt/connection-status';
import { healthOf, type MultiVenueHealth, type VenueHealthEntry } from './venue-health';

/** A venue that reports its connection state (like `CcxtVenue`). */
interface StatusReporting {
  readonly status$: Observable<ConnectionStatus>;
}

/** A venue that can be closed (like `CcxtVenue`). */
interface Closable {
  close(): Promise<void>;
}

const reportsStatus = (venue: MarketDataVenue): venue is MarketDataVenue & StatusReporting =>
  'status$' in venue && (venue as Partial<StatusReporting>).status$ instanceof Observable;
const isClosable = (venue: MarketDataVenue): venue is MarketDataVenue & Closable =>
  typeof (venue as Partial<Closable>).close === 'function';

/**
 * A venue id that is not part of the multi-venue.
 *
 * @example
 * ```ts
 * try { multi.venue('kraken'); } catch (err) {
 *   if (err instanceof UnknownVenueError) console.log(err.context.known);
 * }
 * ```
 */
export class UnknownVenueError extends ArbotError {
  constructor(venue: string, known: readonly string[]) {
    super('UNKNOWN_VENUE', `no venue ${venue} here (have: ${known.join(', ')})`, { venue, known });
  }
}

/**
 * Options of {@link multiVenue}.
 *
 * @example
 * ```ts
 * MultiVenueOptionsSchema.parse({ excludeUnhealthy: false });
 * ```
 */
export const MultiVenueOptionsSchema = z.strictObject({
  /** Time source for health timestamps (default `systemClock`). */
  clock: ClockSchema.default(() => systemClock),
  /**
   * Leave venues that are not `connected` out of `books$` sets (default true):
   * when a venue turns stale or down its last book is dropped from the set
   * (a new set is emitted), so nothing downstream trades against an old book.
   */
  excludeUnhealthy: z.boolean().default(true),
});
/**
 * What {@link multiVenue} accepts: see {@link MultiVenueOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: MultiVenueOptions = { excludeUnhealthy: true };
 * ```
 */
export type MultiVenueOptions = z.input<typeof MultiVenueOptionsSchema>;

/**
 * Many market-data venues behind one object: per-venue health, and one book
 * stream per symbol merging every venue's views into core `BookSet`s.
 * Build one with {@link multiVenue}.
 *
 * @example
 * ```ts
 * const multi = multiVenue([ccxtVenue('binance'), ccxtVenue('okx')]);
 * multi.health$.subscribe((h) => console.log(h.venues.map((v) => `${v.venue}:${v.state}`).join(' ')));
 * multi.books$('BTC/USDT', { depth: 10 }).subscribe((set) => console.log(set.forSymbol('BTC/USDT').length));
 * ```
 */
export class MultiVenue {
  /** The venues, in the order given. */
  readonly venues: readonly MarketDataVenue[];
  /**
   * Every venue's health; the current state on subscribe, then each change.
   * A venue that reports its connection (`status$`, like `CcxtVenue`) starts
   * `connecting` (health `stale`) and turns `connected` only when it says so,
   * typically once a stream of it is subscribed and flowing; a venue that
   * does not report one (a replay) is `connected` throughout.
   */
  readonly health$: Observable<MultiVenueHealth>;
  private readonly clock: Clock;
  private readonly excludeUnhealthy: boolean;
  private readonly entries: BehaviorSubject<MultiVenueHealth>;

  constructor(venues: readonly MarketDataVenue[], options: MultiVenueOptions = {}) {
    const parsed = parseWith(MultiVenueOptionsSchema, options, 'multiVenue options');
    this.excludeUnhealthy = parsed.excludeUnhealthy;
    const ids = venues.map((v) => v.id);
    const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
    if (venues.length === 0 || duplicate !== undefined) {
      throw new ValidationError('multiVenue venues', [
        {
          field: '',
          value: ids,
          message: venues.length === 0 ? 'must hold at least one venue' : `venue ids must be unique (${duplicate} twice)`,
        },
      ]);
    }
    this.venues = venues;
    this.clock = parsed.clock;
    const now = this.clock.now();
    // No connection exists yet: a venue that reports its status is `connecting` until its status$ says otherwise
    // (it replays the state of its active streams on subscribe). One that does not report (a replay) is always connected.
    const initial: VenueHealthEntry[] = venues.map((v) =>
      reportsStatus(v)
        ? { venue: v.id, state: healthOf('connecting'), connection: 'connecting', ts: now }
        : { venue: v.id, state: 'connected', connection: undefined, ts: now },
    );
    this.entries = new BehaviorSubject<MultiVenueHealth>({
      venues: initial,
      changed: ids[0] as string,
      allConnected: initial.every((e) => e.state === 'connected'),
    });
    this.health$ = new Observable<MultiVenueHealth>((subscriber) => {
      const live = this.entries.subscribe(subscriber);
      const feeds = merge(...venues.filter(reportsStatus).map((v) => v.status$)).subscribe((status) => this.record(status));
      return () => {
        feeds.unsubscribe();
        live.unsubscribe();
      };
    }).pipe(shareReplay({ bufferSize: 1, refCount: true }));
  }

  /**
   * One of the venues by id; throws {@link UnknownVenueError}.
   *
   * @example
   * ```ts
   * multi.venue('okx').trades$('BTC/USDT').subscribe(console.log);
   * ```
   */
  venue(id: string): MarketDataVenue {
    const found = this.venues.find((v) => v.id === id);
    if (found === undefined)
      throw new UnknownVenueError(
        id,
        this.venues.map((v) => v.id),
      );
    return found;
  }

  /**
   * Every venue's markets, by venue id.
   *
   * @example
   * ```ts
   * const markets = await multi.markets();
   * markets.get('binance')?.length;
   * ```
   */
  async markets(): Promise<ReadonlyMap<string, readonly Market[]>> {
    const lists = await Promise.all(this.venues.map((v) => v.markets()));
    return new Map(this.venues.map((v, i) => [v.id, lists[i] ?? []]));
  }

  /**
   * The latest book of `symbol` on every venue, as a core `BookSet` emitted
   * after each update of any venue. A venue whose stream fails for good is
   * marked `down` in `health$` and the others carry on. With
   * `excludeUnhealthy` (default) only `connected` venues are in the sets.
   *
   * @example
   * ```ts
   * multi.books$('BTC/USDT').subscribe((set) => {
   *   const [a, b] = set.forSymbol('BTC/USDT');
   *   if (a && b && (a.bestBid ?? 0) > (b.bestAsk ?? Infinity)) console.log('cross-venue spread');
   * });
   * ```
   */
  books$(symbol: string, options: OrderBookStreamOptions = {}): Observable<BookSet> {
    return new Observable<BookSet>((subscriber) => {
      const latest = new Map<string, OrderBookView>();
      let healthy = new Set(this.entries.value.venues.filter((e) => e.state === 'connected').map((e) => e.venue));
      const publish = () => {
        const views = [...latest.values()].sort((a, b) => a.recvTs - b.recvTs);
        const [first, ...rest] = views;
        if (first !== undefined) subscriber.next(rest.reduce((set, view) => set.with(view), BookSet.of(first)));
      };
      const healthChanges = this.health$
        .pipe(
          map((h) => new Set(h.venues.filter((e) => e.state === 'connected').map((e) => e.venue))),
          distinctUntilChanged((a, b) => a.size === b.size && [...a].every((id) => b.has(id))),
        )
        .subscribe((next) => {
          healthy = next;
          if (!this.excludeUnhealthy) return;
          let removed = false;
          for (const id of [...latest.keys()]) {
            if (!healthy.has(id)) {
              latest.delete(id);
              removed = true;
            }
          }
          if (removed) publish();
        });
      const views = merge(
        ...this.venues.map((venue) =>
          venue.orderBook$(symbol, options).pipe(
            catchError((err: unknown) => {
              this.record({
                venue: venue.id,
                stream: `orderBook:${symbol}`,
                state: 'down',
                venueState: 'down',
                reason: errorMessage(err),
                ts: this.clock.now(),
              });
              return EMPTY;
            }),
          ),
        ),
      ).subscribe((view) => {
        // Venues report `connected` before they emit, so an unhealthy venue's view is a leftover.
        if (this.excludeUnhealthy && !healthy.has(view.venue)) return;
        latest.set(view.venue, view);
        publish();
      });
      return () => {
        views.unsubscribe();
        healthChanges.unsubscribe();
      };
    });
  }

  /**
   * Closes every venue that can be closed.
   *
   * @example
   * ```ts
   * await multi.close();
   * ```
   */
  async close(): Promise<void> {
    await Promise.all(this.venues.filter(isClosable).map((v) => v.close()));
    this.entries.complete();
  }

  private record(status: ConnectionStatus): void {
    const current = this.entries.value;
    const venues = current.venues.map((entry) => {
      if (entry.venue !== status.venue) return entry;
      const state = healthOf(status.venueState);
      const next: VenueHealthEntry = { venue: entry.venue, state, connection: status.venueState, ts: status.ts };
      return state === 'connected' || status.reason === undefined ? next : { ...next, reason: status.reason };
    });
    const before = current.venues.find((e) => e.venue === status.venue);
    const after = venues.find((e) => e.venue === status.venue);
    if (before?.state === after?.state && before?.connection === after?.connection) return;
    this.entries.next({ venues, changed: status.venue, allConnected: venues.every((e) => e.state === 'connected') });
  }
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Puts many market-data venues (ccxt venues, replay venues…) behind one
 * object with per-venue health and merged book streams. Venue ids must be
 * unique.
 *
 * @example
 * ```ts
 * const multi = multiVenue([ccxtVenue('binance'), ccxtVenue('okx')]);
 * multi.books$('ETH/USDT').subscribe((set) => console.log(set.size));
 * ```
 */
export function multiVenue(venues: readonly MarketDataVenue[], options: MultiVenueOptions = {}): MultiVenue {
  return new MultiVenue(venues, options);
}
