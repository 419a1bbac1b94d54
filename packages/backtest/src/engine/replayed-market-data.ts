import type { EventStream, MarketDataEvent } from '@arbot/connectors';
import {
  type BookIssue,
  book,
  type Candle,
  type Market,
  type MarketDataVenue,
  type OrderBookEvent,
  type OrderBookStreamOptions,
  type OrderBookView,
  type Ticker,
  type Timeframe,
  TimeframeSchema,
  type Trade,
  ValidationError,
} from '@arbot/core';
import { filter, type Observable, Subject, share } from 'rxjs';

/** The raw events of one (stream, symbol) and the shared book views built from them. */
interface Channel<T> {
  readonly subject: Subject<T>;
}

interface BookChannel extends Channel<OrderBookEvent> {
  /** One shared `book()` per requested depth (`-1` for all levels). */
  readonly views: Map<number, Observable<OrderBookView>>;
}

/**
 * One venue's market data during a backtest: a `MarketDataVenue` whose
 * streams are fed by the engine, event by event, in merged time order.
 * Each (symbol, depth) book is maintained once and shared by every
 * subscriber (the simulated venue and the pipeline see the same views).
 * Events reach only streams someone subscribed to; nothing is buffered.
 */
export class ReplayedMarketData implements MarketDataVenue {
  private readonly books = new Map<string, BookChannel>();
  private readonly trades = new Map<string, Channel<Trade>>();
  private readonly tickers = new Map<string, Channel<Ticker>>();
  private readonly candles = new Map<string, Channel<Candle>>();

  constructor(
    readonly id: string,
    private readonly venueMarkets: readonly Market[],
    private readonly onBookIssue: (issue: BookIssue) => void,
  ) {}

  async markets(): Promise<readonly Market[]> {
    return this.venueMarkets;
  }

  orderBook$(symbol: string, options: OrderBookStreamOptions = {}): Observable<OrderBookView> {
    requireSymbol('orderBook$', symbol);
    let channel = this.books.get(symbol);
    if (channel === undefined) {
      channel = { subject: new Subject(), views: new Map() };
      this.books.set(symbol, channel);
    }
    const depth = options.depth;
    const key = depth ?? -1;
    let views = channel.views.get(key);
    if (views === undefined) {
      views = channel.subject.pipe(book({ ...(depth === undefined ? {} : { depth }), onIssue: this.onBookIssue }), share());
      channel.views.set(key, views);
    }
    return views;
  }

  trades$(symbol: string): Observable<Trade> {
    requireSymbol('trades$', symbol);
    return channelOf(this.trades, symbol).subject.asObservable();
  }

  ticker$(symbol: string): Observable<Ticker> {
    requireSymbol('ticker$', symbol);
    return channelOf(this.tickers, symbol).subject.asObservable();
  }

  candles$(symbol: string, timeframe: Timeframe): Observable<Candle> {
    requireSymbol('candles$', symbol);
    if (!TimeframeSchema.safeParse(timeframe).success) {
      throw new ValidationError('candles$ timeframe', [
        { field: 'timeframe', value: timeframe, message: `must be one of ${TimeframeSchema.options.join(', ')}` },
      ]);
    }
    return channelOf(this.candles, symbol).subject.pipe(filter((candle) => candle.timeframe === timeframe));
  }

  /** Hands one event of this venue to whoever listens to its stream. */
  deliver(stream: EventStream, event: MarketDataEvent): void {
    switch (stream) {
      case 'book':
        this.books.get(event.symbol)?.subject.next(event as OrderBookEvent);
        return;
      case 'trade':
        this.trades.get(event.symbol)?.subject.next(event as Trade);
        return;
      case 'ticker':
        this.tickers.get(event.symbol)?.subject.next(event as Ticker);
        return;
      case 'candle':
        this.candles.get(event.symbol)?.subject.next(event as Candle);
        return;
    }
  }

  /** Ends every stream (the replay is over). */
  complete(): void {
    for (const channels of [this.books, this.trades, this.tickers, this.candles] as const) {
      for (const channel of channels.values()) channel.subject.complete();
    }
  }
}

function channelOf<T>(channels: Map<string, Channel<T>>, symbol: string): Channel<T> {
  let channel = channels.get(symbol);
  if (channel === undefined) {
    channel = { subject: new Subject<T>() };
    channels.set(symbol, channel);
  }
  return channel;
}

function requireSymbol(method: string, symbol: unknown): void {
  if (typeof symbol !== 'string' || symbol === '') {
    throw new ValidationError(`${method} symbol`, [{ field: 'symbol', value: symbol, message: 'must be a non-empty string' }]);
  }
}
