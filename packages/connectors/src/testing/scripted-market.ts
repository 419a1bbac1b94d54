import { ArbotError, type Decimal, type Level, LevelSchema, parseWith, type Side } from '@arbot/core';
import { FakeAccount } from './fake-account';
import { FakeBook, type LevelChanges } from './fake-book';
import type { FakeCandle, FakeMarket, FakeMarketEvent } from './fake-events';

/**
 * Thrown by the fake exchange's control methods for a symbol it does not list.
 *
 * @example
 * ```ts
 * try { fake.setBook('DOGE/USDT', { bids: [], asks: [] }); } catch (err) {
 *   if (err instanceof UnknownFakeSymbolError) console.log(err.context.symbol);
 * }
 * ```
 */
export class UnknownFakeSymbolError extends ArbotError {
  constructor(symbol: string, listed: readonly string[]) {
    super('FAKE_UNKNOWN_SYMBOL', `the fake exchange does not list ${symbol} (listed: ${listed.join(', ')})`, { symbol, listed });
  }
}

/**
 * Both sides of a scripted book, `[price, amount]` levels in any order.
 *
 * @example
 * ```ts
 * const levels: BookLevels = { bids: [[100, 1], [99, 2]], asks: [[101, 1.5]] };
 * fake.setBook('BTC/USDT', levels);
 * ```
 */
export interface BookLevels {
  readonly bids: readonly Level[];
  readonly asks: readonly Level[];
}

/**
 * A trade to publish; `ts` defaults to the exchange's now.
 *
 * @example
 * ```ts
 * const trade: ScriptedTrade = { price: 100.5, amount: 0.2, side: 'sell' };
 * fake.publishTrade('BTC/USDT', trade);
 * ```
 */
export interface ScriptedTrade {
  readonly price: number;
  readonly amount: number;
  /** Taker side. */
  readonly side: Side;
  readonly ts?: number;
}

/** How the scripted market is set up. */
export interface ScriptedMarketSetup {
  readonly markets: readonly FakeMarket[];
  readonly now: () => number;
  readonly firstUpdateId: number;
  readonly balances: Readonly<Record<string, Decimal>>;
  readonly fees: { readonly maker: Decimal; readonly taker: Decimal };
}

const LevelsSchema = LevelSchema.array();
const TAPE_LENGTH = 500;

/**
 * A trade on the fake exchange's tape (served by the REST trade endpoints).
 *
 * @example
 * ```ts
 * const trade: TapeTrade = { id: 1, price: 100, amount: 1, side: 'buy', ts: 0 };
 * ```
 */
export interface TapeTrade {
  readonly id: number;
  readonly price: number;
  readonly amount: number;
  /** Taker side. */
  readonly side: Side;
  readonly ts: number;
}

/**
 * The state behind the fake exchange, independent of any wire protocol:
 * listed markets, one scripted book per symbol with its update id, the trade
 * tape, candles, and the trading account. Every change is published as a
 * {@link FakeMarketEvent} to the protocol adapters.
 */
export class ScriptedMarket {
  readonly account: FakeAccount;
  private readonly bySymbol = new Map<string, FakeMarket>();
  private readonly books = new Map<string, FakeBook>();
  private readonly pendingSkips = new Map<string, number>();
  private readonly lastPrices = new Map<string, number>();
  private readonly volumes = new Map<string, { base: number; quote: number }>();
  private readonly candles = new Map<string, Map<number, FakeCandle>>();
  private readonly listeners = new Set<(event: FakeMarketEvent) => void>();
  private readonly tapes = new Map<string, TapeTrade[]>();
  private tradeId = 1;

  constructor(private readonly setup: ScriptedMarketSetup) {
    for (const market of setup.markets) {
      this.bySymbol.set(market.symbol, market);
      this.books.set(market.symbol, new FakeBook(setup.firstUpdateId));
    }
    this.account = new FakeAccount(
      {
        market: (symbol) => this.market(symbol),
        book: (symbol) => this.book(symbol),
        consumeLiquidity: (symbol, side, changes, fills) => this.consumeLiquidity(symbol, side, changes, fills),
        nextTradeId: () => this.tradeId++,
        now: () => this.now(),
        emit: (event) => this.emit(event),
      },
      setup.balances,
      setup.fees,
    );
  }

  /** The exchange's clock, ms. */
  now(): number {
    return this.setup.now();
  }

  /** Every listed market. */
  listed(): readonly FakeMarket[] {
    return this.setup.markets;
  }

  /** A listed market; throws {@link UnknownFakeSymbolError}. */
  market(symbol: string): FakeMarket {
    const market = this.bySymbol.get(symbol);
    if (market === undefined) throw new UnknownFakeSymbolError(symbol, [...this.bySymbol.keys()]);
    return market;
  }

  /** The listed market with this Binance (`BTCUSDT`) or OKX (`BTC-USDT`) id. */
  marketById(id: string): FakeMarket | undefined {
    const upper = id.toUpperCase();
    return this.setup.markets.find((m) => m.binanceId === upper || m.okxId === upper);
  }

  /** The scripted book of a listed symbol. */
  book(symbol: string): FakeBook {
    this.market(symbol);
    return this.books.get(symbol) as FakeBook;
  }

  /** Last traded price, if any trade was published. */
  lastPrice(symbol: string): number | undefined {
    return this.lastPrices.get(symbol);
  }

  /** The latest published trades of `symbol` (at most 500), oldest first. */
  recentTrades(symbol: string): readonly TapeTrade[] {
    return this.tapes.get(symbol) ?? [];
  }

  /** Base and quote volume of every published trade. */
  volume(symbol: string): { readonly base: number; readonly quote: number } {
    return this.volumes.get(symbol) ?? { base: 0, quote: 0 };
  }

  /** Replaces a book; subscribers get one update removing and adding levels. */
  setBook(symbol: string, levels: BookLevels): void {
    const parsed = parseLevels(symbol, levels);
    this.publishBookChanges(symbol, this.book(symbol).replace(parsed));
  }

  /** Sets absolute amounts at some prices (0 removes the level); subscribers get one update. */
  updateBook(symbol: string, levels: Partial<BookLevels>): void {
    const parsed = parseLevels(symbol, { bids: levels.bids ?? [], asks: levels.asks ?? [] });
    this.publishBookChanges(symbol, this.book(symbol).apply(parsed));
  }

  /** Makes the next book update of `symbol` jump `count` update ids (a sequence gap). */
  skipUpdateIds(symbol: string, count: number): void {
    this.market(symbol);
    this.pendingSkips.set(symbol, (this.pendingSkips.get(symbol) ?? 0) + count);
  }

  /** Publishes a public trade (updates last price, volume and tracked candles). */
  publishTrade(symbol: string, trade: ScriptedTrade): void {
    this.market(symbol);
    const ts = trade.ts ?? this.now();
    const printed: TapeTrade = { id: this.tradeId++, price: trade.price, amount: trade.amount, side: trade.side, ts };
    this.emit({ kind: 'trade', symbol, ...printed });
    const tape = this.tapes.get(symbol) ?? [];
    tape.push(printed);
    if (tape.length > TAPE_LENGTH) tape.shift();
    this.tapes.set(symbol, tape);
    this.lastPrices.set(symbol, trade.price);
    const volume = this.volume(symbol);
    this.volumes.set(symbol, { base: volume.base + trade.amount, quote: volume.quote + trade.amount * trade.price });
    for (const [timeframeMs, candle] of this.candles.get(symbol) ?? []) {
      const next = nextCandle(candle, timeframeMs, trade.price, trade.amount, ts);
      this.candles.get(symbol)?.set(timeframeMs, next);
      this.emit({ kind: 'candle', symbol, candle: next, ts });
    }
    this.emit({ kind: 'ticker', symbol, ts });
  }

  /** Starts building candles of `timeframeMs` for `symbol` (idempotent); returns the current one, if any. */
  trackCandles(symbol: string, timeframeMs: number): FakeCandle | undefined {
    this.market(symbol);
    let bySymbol = this.candles.get(symbol);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      this.candles.set(symbol, bySymbol);
    }
    const current = bySymbol.get(timeframeMs);
    if (current !== undefined) return current;
    const price = this.lastPrice(symbol);
    if (price === undefined) {
      bySymbol.set(timeframeMs, emptyCandle(timeframeMs, this.now()));
      return undefined;
    }
    const candle = nextCandle(emptyCandle(timeframeMs, this.now()), timeframeMs, price, 0, this.now());
    bySymbol.set(timeframeMs, candle);
    return candle;
  }

  /** Registers a listener of every change; returns its removal. */
  subscribe(listener: (event: FakeMarketEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private consumeLiquidity(
    symbol: string,
    side: Side,
    changes: readonly Level[],
    fills: readonly { price: number; amount: number }[],
  ): void {
    const book = this.book(symbol);
    const applied = side === 'buy' ? book.apply({ bids: [], asks: changes }) : book.apply({ bids: changes, asks: [] });
    this.publishBookChanges(symbol, applied);
    for (const fill of fills) this.publishTrade(symbol, { price: fill.price, amount: fill.amount, side });
  }

  private publishBookChanges(symbol: string, changes: LevelChanges): void {
    if (changes.bids.length === 0 && changes.asks.length === 0) return;
    const book = this.book(symbol);
    const skip = this.pendingSkips.get(symbol) ?? 0;
    this.pendingSkips.delete(symbol);
    const prevId = book.lastUpdateId + skip;
    book.lastUpdateId = prevId + 1;
    const ts = this.now();
    this.emit({ kind: 'book', symbol, bids: changes.bids, asks: changes.asks, firstId: prevId + 1, lastId: prevId + 1, prevId, ts });
    this.emit({ kind: 'ticker', symbol, ts });
  }

  private emit(event: FakeMarketEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function parseLevels(symbol: string, levels: BookLevels): { bids: Level[]; asks: Level[] } {
  return {
    bids: parseWith(LevelsSchema, levels.bids, `${symbol} bids`),
    asks: parseWith(LevelsSchema, levels.asks, `${symbol} asks`),
  };
}

function emptyCandle(timeframeMs: number, now: number): FakeCandle {
  const openTime = Math.floor(now / timeframeMs) * timeframeMs;
  return { timeframeMs, openTime, open: 0, high: 0, low: 0, close: 0, volume: 0, quoteVolume: 0, trades: 0 };
}

function nextCandle(candle: FakeCandle, timeframeMs: number, price: number, amount: number, ts: number): FakeCandle {
  const openTime = Math.floor(ts / timeframeMs) * timeframeMs;
  if (openTime !== candle.openTime || candle.open === 0) {
    return {
      timeframeMs,
      openTime,
      open: price,
      high: price,
      low: price,
      close: price,
      volume: amount,
      quoteVolume: amount * price,
      trades: 1,
    };
  }
  return {
    ...candle,
    high: Math.max(candle.high, price),
    low: Math.min(candle.low, price),
    close: price,
    volume: candle.volume + amount,
    quoteVolume: candle.quoteVolume + amount * price,
    trades: candle.trades + 1,
  };
}
