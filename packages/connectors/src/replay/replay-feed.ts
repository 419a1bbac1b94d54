import {
  type BookIssue,
  book,
  type Candle,
  type Market,
  type MarketDataVenue,
  type OrderBookStreamOptions,
  type OrderBookView,
  type Ticker,
  type Timeframe,
  TimeframeSchema,
  type Trade,
  ValidationError,
} from '@arbot/core';
import { filter, map, type Observable, share } from 'rxjs';
import type { EventStream, EventStreamMap } from '../record/recorded-event';
import { readRecordedMarkets } from './read-recorded-markets';
import { replayTagged } from './replay';
import type { ReplayOptions } from './replay-options';
import type { ReplayedEvent } from './replayed-event';

/**
 * Options of {@link replayFeed}: those of `replay` (every stream is read) plus what the venues serve.
 *
 * @example
 * ```ts
 * replayFeed(files, { clock, markets, book: { onIssue: (issue) => console.warn(issue.kind) } });
 * ```
 */
export interface ReplayFeedOptions extends Omit<ReplayOptions, 'streams'> {
  /** Markets the venues serve from `markets()`; default: those recorded at the head of the files. */
  readonly markets?: readonly Market[];
  /** Passed to the `book()` operator behind `orderBook$` (the depth comes from `orderBook$`'s own options). */
  readonly book?: {
    /** Deltas buffered while waiting for a snapshot (see core `book()`). */
    readonly bufferLimit?: number;
    /** Called on a sequence gap or crossed book; the view stream pauses until the next snapshot. */
    readonly onIssue?: (issue: BookIssue) => void;
  };
}

/**
 * One playback of a set of recordings, shared by every stream of every venue
 * taken from it, so that several venues advance one virtual clock in a single
 * time order (two separate replays on one clock would each run ahead of the
 * other).
 *
 * @example
 * ```ts
 * const feed: ReplayFeed = replayFeed(['a.ndjson.gz', 'b.ndjson.gz'], { clock });
 * feed.events$.subscribe(({ stream }) => counts[stream]++);
 * ```
 */
export interface ReplayFeed {
  /** Every replayed event, tagged by stream; shared: the files are read once however many subscribe. */
  readonly events$: Observable<ReplayedEvent>;
  /** A `MarketDataVenue` serving the feed's events of venue `id`. */
  venue(id: string): MarketDataVenue;
}

/**
 * Plays recordings once for many consumers, and serves them as
 * `MarketDataVenue`s: `orderBook$` (book events through `book()`),
 * `trades$`, `ticker$`, `candles$` filtered by venue and symbol, `markets()`
 * from the given or recorded markets.
 *
 * The playback starts with the first subscription and is shared; subscribe
 * to every stream you need in the same tick (before the first file chunk is
 * read), as later subscribers miss what was already played. When every
 * subscriber has left, the next subscription plays the files from the start.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(Date.UTC(2021, 7, 20));
 * const feed = replayFeed(['binance-link.ndjson.gz', 'huobi-link.ndjson.gz'], { clock });
 * const binance = feed.venue('binance');
 * const huobi = feed.venue('huobi');
 * combineLatest([binance.orderBook$('LINK/USDT'), huobi.orderBook$('LINK/USDT')])
 *   .subscribe(([a, b]) => console.log(clock.now(), (b.bestBid ?? 0) - (a.bestAsk ?? 0)));
 * ```
 */
export function replayFeed(files: string | readonly string[], options: ReplayFeedOptions = {}): ReplayFeed {
  const { markets: suppliedMarkets, book: bookOptions, ...replayOptions } = options;
  const paths = typeof files === 'string' ? [files] : [...files];
  const events$ = replayTagged(paths, replayOptions).pipe(share());
  let recordedMarkets: Promise<Market[]> | undefined;
  const allMarkets = (): Promise<readonly Market[]> => {
    if (suppliedMarkets !== undefined) return Promise.resolve(suppliedMarkets);
    recordedMarkets ??= readRecordedMarkets(paths);
    return recordedMarkets;
  };

  const eventsOf = <K extends EventStream>(stream: K, venue: string, symbol: string): Observable<EventStreamMap[K]> =>
    events$.pipe(
      filter((item): item is Extract<ReplayedEvent, { stream: K }> => item.stream === stream),
      map((item) => item.event as EventStreamMap[K]),
      filter((event) => event.venue === venue && event.symbol === symbol),
    );

  return {
    events$,
    venue(id: string): MarketDataVenue {
      requireText('venue id', 'id', id);
      return {
        id,
        markets: async () => (await allMarkets()).filter((m) => m.venue === id),
        orderBook$: (symbol: string, streamOptions: OrderBookStreamOptions = {}): Observable<OrderBookView> => {
          requireText('orderBook$ symbol', 'symbol', symbol);
          const depth = streamOptions.depth;
          return eventsOf('book', id, symbol).pipe(
            book({
              ...(depth === undefined ? {} : { depth }),
              ...(bookOptions?.bufferLimit === undefined ? {} : { bufferLimit: bookOptions.bufferLimit }),
              ...(bookOptions?.onIssue === undefined ? {} : { onIssue: bookOptions.onIssue }),
            }),
          );
        },
        trades$: (symbol: string): Observable<Trade> => {
          requireText('trades$ symbol', 'symbol', symbol);
          return eventsOf('trade', id, symbol);
        },
        ticker$: (symbol: string): Observable<Ticker> => {
          requireText('ticker$ symbol', 'symbol', symbol);
          return eventsOf('ticker', id, symbol);
        },
        candles$: (symbol: string, timeframe: Timeframe): Observable<Candle> => {
          requireText('candles$ symbol', 'symbol', symbol);
          if (!TimeframeSchema.safeParse(timeframe).success) {
            throw new ValidationError('candles$ timeframe', [
              { field: 'timeframe', value: timeframe, message: `must be one of ${TimeframeSchema.options.join(', ')}` },
            ]);
          }
          return eventsOf('candle', id, symbol).pipe(filter((candle) => candle.timeframe === timeframe));
        },
      };
    },
  };
}

/**
 * Options of {@link replayVenue}: a {@link ReplayFeedOptions} plus the venue to serve.
 *
 * @example
 * ```ts
 * replayVenue('okx.ndjson.gz', { venue: 'okx', pacing: 'asap' });
 * ```
 */
export interface ReplayVenueOptions extends ReplayFeedOptions {
  /** The venue id whose events are served (recordings may hold several venues). */
  readonly venue: string;
}

/**
 * A `MarketDataVenue` over recorded files: the single-venue form of
 * {@link replayFeed}. For several venues on one clock, take them from one
 * `replayFeed` instead, so they share one time-ordered playback.
 *
 * @example
 * ```ts
 * const venue = replayVenue('btc-usdt.ndjson.gz', { venue: 'binance', clock: new VirtualClock(start) });
 * venue.orderBook$('BTC/USDT', { depth: 5 }).subscribe((view) => console.log(view.ts, view.bestBid));
 * console.log((await venue.markets()).map((m) => m.symbol));
 * ```
 */
export function replayVenue(files: string | readonly string[], options: ReplayVenueOptions): MarketDataVenue {
  const { venue, ...feedOptions } = options;
  return replayFeed(files, feedOptions).venue(venue);
}

function requireText(what: string, field: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') throw new ValidationError(what, [{ field, value, message: 'must be a non-empty string' }]);
}
