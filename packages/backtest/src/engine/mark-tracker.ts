import type { EventStream, MarketDataEvent } from '@arbot/connectors';
import { type Candle, Decimal, OrderBook, type OrderBookEvent, type OrderBookSnapshot, type Ticker, type Trade } from '@arbot/core';

/** The latest price seen for one (venue, symbol). */
interface PriceSource {
  readonly base: string;
  readonly quote: string;
  /** Own copy of the book, kept only for venues that send deltas. */
  book: OrderBook | undefined;
  /** The latest snapshot not yet applied to `book`: snapshot-only feeds never need a book. */
  snapshot: OrderBookSnapshot | undefined;
  /** Last trade price, candle close or ticker mid. */
  last: number | undefined;
  /** Time of the latest update, for picking the freshest of several venues. */
  updatedAt: number;
  /** Arrival order of the latest update, to break time ties. */
  order: number;
}

/**
 * Marks assets to market from the replayed data. Each (venue, symbol)
 * remembers its latest price (book mid, else last trade price, candle close
 * or ticker mid); an asset's mark is the price of its freshest market quoted
 * in the valuation currency, or, failing that, of a market quoted in an
 * asset that has such a mark (one hop: SOL via SOL/BTC × BTC/USDT).
 * Prices stay plain numbers on the hot path; marks become `Decimal` only
 * when asked for.
 */
export class MarkTracker {
  private readonly sources = new Map<string, Map<string, PriceSource>>();
  private arrivals = 0;

  constructor(
    private readonly valuationCurrency: string,
    private readonly assetsOf: (venue: string, symbol: string) => { readonly base: string; readonly quote: string } | undefined,
  ) {}

  /** Takes one event's price into account. */
  observe(stream: EventStream, event: MarketDataEvent, time: number): void {
    const source = this.sourceOf(event.venue, event.symbol);
    if (source === undefined) return;
    switch (stream) {
      case 'book': {
        const update = event as OrderBookEvent;
        if (update.type === 'snapshot') {
          source.snapshot = update;
          break;
        }
        source.book ??= new OrderBook({ venue: event.venue, symbol: event.symbol });
        try {
          if (source.snapshot !== undefined) source.book.applySnapshot(source.snapshot);
          source.snapshot = undefined;
          source.book.applyDelta(update);
        } catch {
          // A malformed level: the pipeline's own book reports it; the mark keeps the last good price.
          return;
        }
        break;
      }
      case 'trade':
        source.last = (event as Trade).price;
        break;
      case 'candle':
        source.last = (event as Candle).close;
        break;
      case 'ticker': {
        const t = event as Ticker;
        const mid = t.bid !== undefined && t.ask !== undefined ? (t.bid + t.ask) / 2 : t.last;
        if (mid === undefined) return;
        source.last = mid;
        break;
      }
    }
    source.updatedAt = time;
    source.order = ++this.arrivals;
  }

  /** Every asset's current mark in the valuation currency (the valuation currency itself excluded). */
  marks(): Map<string, Decimal> {
    const direct = new Map<string, { price: number; at: number; order: number }>();
    const crosses: PriceSource[] = [];
    for (const bySymbol of this.sources.values()) {
      for (const source of bySymbol.values()) {
        const price = priceOf(source);
        if (price === undefined) continue;
        if (source.quote === this.valuationCurrency) {
          const seen = direct.get(source.base);
          if (seen === undefined || source.updatedAt > seen.at || (source.updatedAt === seen.at && source.order > seen.order)) {
            direct.set(source.base, { price, at: source.updatedAt, order: source.order });
          }
        } else if (source.base !== this.valuationCurrency) crosses.push(source);
      }
    }
    const out = new Map<string, Decimal>();
    for (const [asset, { price }] of direct) out.set(asset, new Decimal(price));
    crosses.sort((a, b) => b.updatedAt - a.updatedAt || b.order - a.order);
    for (const source of crosses) {
      if (out.has(source.base)) continue;
      const quoteMark = direct.get(source.quote);
      const price = priceOf(source);
      if (quoteMark === undefined || price === undefined) continue;
      out.set(source.base, new Decimal(price).times(quoteMark.price));
    }
    return out;
  }

  /** One asset's current mark (see {@link marks}). */
  mark(asset: string): Decimal | undefined {
    return this.marks().get(asset);
  }

  /** The current price of one (venue, symbol) in its quote, if any. */
  priceOf(venue: string, symbol: string): number | undefined {
    const source = this.sources.get(venue)?.get(symbol);
    return source === undefined ? undefined : priceOf(source);
  }

  private sourceOf(venue: string, symbol: string): PriceSource | undefined {
    let bySymbol = this.sources.get(venue);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.sources.set(venue, bySymbol);
    }
    let source = bySymbol.get(symbol);
    if (source === undefined) {
      const assets = this.assetsOf(venue, symbol);
      if (assets === undefined) return undefined;
      source = { base: assets.base, quote: assets.quote, book: undefined, snapshot: undefined, last: undefined, updatedAt: 0, order: 0 };
      bySymbol.set(symbol, source);
    }
    return source;
  }
}

function priceOf(source: PriceSource): number | undefined {
  if (source.snapshot !== undefined) {
    const mid = snapshotMid(source.snapshot);
    if (mid !== undefined) return mid;
  }
  const book = source.book;
  if (source.snapshot === undefined && book !== undefined && book.state === 'synced') {
    const mid = book.mid;
    if (mid !== undefined && mid > 0) return mid;
  }
  const last = source.last;
  return last !== undefined && last > 0 ? last : undefined;
}

/** Mid of a snapshot's best levels (levels may come in any order; amount 0 levels do not count). */
function snapshotMid(snapshot: OrderBookSnapshot): number | undefined {
  let bid = Number.NEGATIVE_INFINITY;
  let ask = Number.POSITIVE_INFINITY;
  for (const [price, amount] of snapshot.bids) if (amount > 0 && price > bid) bid = price;
  for (const [price, amount] of snapshot.asks) if (amount > 0 && price < ask) ask = price;
  return Number.isFinite(bid) && Number.isFinite(ask) && bid < ask ? (bid + ask) / 2 : undefined;
}

/**
 * Base and quote of a unified symbol (`BTC/USDT`, `BTC/USDT:USDT`), or `undefined` when it has no `/`.
 *
 * @example
 * ```ts
 * symbolAssets('ETH/BTC'); // { base: 'ETH', quote: 'BTC' }
 * ```
 */
export function symbolAssets(symbol: string): { readonly base: string; readonly quote: string } | undefined {
  const [pair] = symbol.split(':');
  const [base, quote] = (pair ?? '').split('/');
  return base && quote ? { base, quote } : undefined;
}
