import {
  type Candle,
  type Level,
  type Market,
  type MarketDataVenue,
  OrderBook,
  type OrderBookView,
  parseMarket,
  type Ticker,
  type Trade,
} from '@arbot/core';
import { type Observable, Subject } from 'rxjs';

/**
 * A `MarketDataVenue` whose books are fed by hand: each `show` builds a core
 * `OrderBook` from the given levels and emits its frozen view on the symbol's
 * `orderBook$` Subject. Trades, tickers and candles are Subjects too (tests
 * of the simulated venue only need books).
 */
export class HandFedMarketData implements MarketDataVenue {
  readonly id: string;
  readonly subscriptions = new Map<string, number>();
  private readonly bookSubjects = new Map<string, Subject<OrderBookView>>();
  private readonly tradeSubjects = new Map<string, Subject<Trade>>();
  private readonly tickerSubjects = new Map<string, Subject<Ticker>>();
  private readonly candleSubjects = new Map<string, Subject<Candle>>();
  private updates = 0;

  constructor(
    id: string,
    private readonly marketList: readonly Market[],
  ) {
    this.id = id;
  }

  markets(): Promise<readonly Market[]> {
    return Promise.resolve(this.marketList);
  }

  orderBook$(symbol: string): Observable<OrderBookView> {
    this.subscriptions.set(symbol, (this.subscriptions.get(symbol) ?? 0) + 1);
    return subjectOf(this.bookSubjects, symbol).asObservable();
  }

  trades$(symbol: string): Observable<Trade> {
    return subjectOf(this.tradeSubjects, symbol).asObservable();
  }

  ticker$(symbol: string): Observable<Ticker> {
    return subjectOf(this.tickerSubjects, symbol).asObservable();
  }

  candles$(symbol: string): Observable<Candle> {
    return subjectOf(this.candleSubjects, symbol).asObservable();
  }

  /** Emits a book with exactly these levels (best first or in any order). */
  show(symbol: string, bids: readonly Level[], asks: readonly Level[], ts = 0): OrderBookView {
    const book = new OrderBook({ venue: this.id, symbol });
    this.updates++;
    book.applySnapshot({ type: 'snapshot', venue: this.id, symbol, ts, recvTs: ts, seq: this.updates, bids: [...bids], asks: [...asks] });
    const view = book.view();
    subjectOf(this.bookSubjects, symbol).next(view);
    return view;
  }

  /** Fails the symbol's book stream. */
  fail(symbol: string, error: Error): void {
    subjectOf(this.bookSubjects, symbol).error(error);
  }
}

function subjectOf<T>(map: Map<string, Subject<T>>, symbol: string): Subject<T> {
  let subject = map.get(symbol);
  if (subject === undefined) {
    subject = new Subject<T>();
    map.set(symbol, subject);
  }
  return subject;
}

/**
 * BTC/USDT for the hand-worked tests: amount step 0.01 (also the minimum),
 * tick 0.01, minimum notional 10 USDT, maker 0.1 %, taker 0.2 % (different,
 * so every test shows which one applied).
 */
export function btcUsdt(overrides: { minNotional?: string; venue?: string } = {}): Market {
  return parseMarket({
    venue: overrides.venue ?? 'sim',
    symbol: 'BTC/USDT',
    id: 'BTCUSDT',
    base: 'BTC',
    quote: 'USDT',
    precision: { amount: '0.01', price: '0.01' },
    limits: { amount: { min: '0.01' }, cost: { min: overrides.minNotional ?? '10' } },
    fees: { maker: '0.001', taker: '0.002' },
  });
}
