import {
  BookSet,
  type Clock,
  type Level,
  type Market,
  MarketCatalog,
  type Opportunity,
  OrderBook,
  type OrderBookView,
  parseMarket,
  VirtualClock,
} from '@arbot/core';
import { from, type OperatorFunction } from 'rxjs';

/** Market fields a test varies; everything else has a plain default. */
export interface MarketShape {
  readonly amountStep?: string | undefined;
  readonly priceStep?: string | undefined;
  readonly minAmount?: string | undefined;
  readonly maxAmount?: string | undefined;
  readonly minCost?: string | undefined;
  readonly maxCost?: string | undefined;
  readonly taker?: string | undefined;
  readonly active?: boolean | undefined;
}

/** A validated spot market `BASE/QUOTE` on `venue`. */
export function marketOf(venue: string, symbol: string, shape: MarketShape = {}): Market {
  const [base, quote] = symbol.split('/') as [string, string];
  return parseMarket({
    venue,
    symbol,
    id: `${base}${quote}`,
    base,
    quote,
    active: shape.active ?? true,
    precision: { amount: shape.amountStep ?? '0.01', price: shape.priceStep ?? '0.01' },
    limits: {
      amount: { min: shape.minAmount, max: shape.maxAmount },
      cost: { min: shape.minCost, max: shape.maxCost },
    },
    fees: { maker: '0', taker: shape.taker ?? '0' },
  });
}

/** Book levels and timestamps of a test view. */
export interface ViewShape {
  readonly bids?: readonly Level[];
  readonly asks?: readonly Level[];
  readonly ts?: number;
  readonly recvTs?: number;
}

/** An immutable book view, built through the core `OrderBook` like the `book()` operator does. */
export function viewOf(venue: string, symbol: string, shape: ViewShape): OrderBookView {
  const book = new OrderBook({ venue, symbol });
  const result = book.applySnapshot({
    type: 'snapshot',
    venue,
    symbol,
    ts: shape.ts ?? 0,
    recvTs: shape.recvTs ?? 0,
    bids: (shape.bids ?? []).map(([p, a]) => [p, a]),
    asks: (shape.asks ?? []).map(([p, a]) => [p, a]),
  });
  if (result.status !== 'applied') throw new Error(`test book ${venue} ${symbol} is ${result.status}`);
  return book.view();
}

/** The successive `BookSet`s the `books()` operator emits for these views. */
export function setsOf(views: readonly OrderBookView[]): BookSet[] {
  const out: BookSet[] = [];
  let set: BookSet | undefined;
  for (const view of views) {
    set = set === undefined ? BookSet.of(view) : set.with(view);
    out.push(set);
  }
  return out;
}

/** Runs `operator` over `sets` synchronously and returns what it emitted. */
export function collect(operator: OperatorFunction<BookSet, Opportunity>, sets: readonly BookSet[]): Opportunity[] {
  const out: Opportunity[] = [];
  let failure: unknown;
  from(sets)
    .pipe(operator)
    .subscribe({ next: (op) => out.push(op), error: (err: unknown) => (failure = err) });
  if (failure !== undefined) throw failure;
  return out;
}

/** A catalog of the given markets. */
export function catalogOf(...markets: Market[]): MarketCatalog {
  return new MarketCatalog(markets);
}

/** A virtual clock at `ms` (default 0). */
export function clockAt(ms = 0): VirtualClock & Clock {
  return new VirtualClock(ms);
}

/** The numbers of an opportunity as strings, for exact comparisons. */
export function summary(op: Opportunity): Record<string, unknown> {
  return {
    legs: op.legs.map((l) => `${l.side} ${l.amount.toString()} ${l.symbol}@${l.venue} limit ${l.priceLimit.toString()}`),
    gross: op.expected.gross.toString(),
    fees: op.expected.fees.toString(),
    net: op.expected.net.toString(),
    notional: op.expected.notional.toString(),
    currency: op.expected.currency,
  };
}
