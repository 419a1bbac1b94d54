import { ArbotError } from '../errors/arbot-error';
import { type Market, type MarketInput, parseMarket } from '../model/market';
import { UnknownMarketError } from './catalog-errors';
import { type CcxtPrecisionModeInput, ccxtSymbolOf } from './ccxt-market';
import { type MarketFromCcxtOptions, marketFromCcxt } from './market-from-ccxt';

/**
 * Options of {@link MarketCatalog.fromCcxt} and {@link MarketCatalog.addFromCcxt}.
 *
 * @example
 * ```ts
 * const options: AddFromCcxtOptions = { onInvalid: (symbol, err) => skipped.push({ symbol, code: err.code }) };
 * ```
 */
export interface AddFromCcxtOptions {
  /** Fee rates used for markets that have no `maker` / `taker`. */
  readonly defaultFees?: MarketFromCcxtOptions['defaultFees'];
  /**
   * Called for each market that cannot be converted; that market is then
   * skipped. Without it the first failure is thrown and nothing is added, so
   * a bad market is never dropped silently.
   */
  readonly onInvalid?: (symbol: string, error: ArbotError) => void;
}

/**
 * The markets of many venues, keyed by venue and unified symbol: the one
 * place detectors, risk and executors look up steps, limits and fees.
 *
 * @example
 * ```ts
 * const catalog = MarketCatalog.fromCcxt('binance', exchange.markets, exchange.precisionMode);
 * const btc = catalog.get('binance', 'BTC/USDT');
 * catalog.venues(); // ['binance']
 * ```
 */
export class MarketCatalog {
  readonly #byVenue = new Map<string, Map<string, Market>>();

  /**
   * @param markets Markets to start with; each is validated.
   *
   * @example
   * ```ts
   * const catalog = new MarketCatalog([btcUsdt, ethUsdt]);
   * ```
   */
  constructor(markets: Iterable<MarketInput> = []) {
    for (const market of markets) this.add(market);
  }

  /**
   * Builds a catalog from one venue's ccxt markets (`exchange.markets`, a
   * record keyed by symbol, or the array `fetchMarkets` returns).
   *
   * @example
   * ```ts
   * const catalog = MarketCatalog.fromCcxt('binance', exchange.markets, exchange.precisionMode);
   * ```
   */
  static fromCcxt(
    venue: string,
    markets: Readonly<Record<string, unknown>> | readonly unknown[],
    precisionMode: CcxtPrecisionModeInput,
    options: AddFromCcxtOptions = {},
  ): MarketCatalog {
    return new MarketCatalog().addFromCcxt(venue, markets, precisionMode, options);
  }

  /** Number of markets held, over all venues. */
  get size(): number {
    let n = 0;
    for (const markets of this.#byVenue.values()) n += markets.size;
    return n;
  }

  /**
   * Validates and adds a market, replacing any market with the same venue and
   * symbol (markets are reloaded when exchanges change filters). Returns the
   * catalog for chaining.
   *
   * @example
   * ```ts
   * catalog.add(marketFromCcxt(raw, { venue: 'okx', precisionMode: 4 }));
   * ```
   */
  add(market: MarketInput): this {
    const parsed = parseMarket(market);
    let markets = this.#byVenue.get(parsed.venue);
    if (markets === undefined) {
      markets = new Map();
      this.#byVenue.set(parsed.venue, markets);
    }
    markets.set(parsed.symbol, parsed);
    return this;
  }

  /**
   * Converts one venue's ccxt markets with {@link marketFromCcxt} and adds
   * them. All markets are converted before any is added, so a failure leaves
   * the catalog unchanged (unless `onInvalid` asks to skip failures).
   *
   * @example
   * ```ts
   * catalog.addFromCcxt('okx', okx.markets, okx.precisionMode, {
   *   onInvalid: (symbol, err) => log.warn(`skipping ${symbol}: ${err.message}`),
   * });
   * ```
   */
  addFromCcxt(
    venue: string,
    markets: Readonly<Record<string, unknown>> | readonly unknown[],
    precisionMode: CcxtPrecisionModeInput,
    options: AddFromCcxtOptions = {},
  ): this {
    const entries: [string, unknown][] = Array.isArray(markets)
      ? markets.map((m, i) => [ccxtSymbolOf(m) ?? String(i), m])
      : Object.entries(markets);
    const converted: Market[] = [];
    const convertOptions: MarketFromCcxtOptions =
      options.defaultFees === undefined ? { venue, precisionMode } : { venue, precisionMode, defaultFees: options.defaultFees };
    for (const [key, raw] of entries) {
      try {
        converted.push(marketFromCcxt(raw, convertOptions));
      } catch (err) {
        if (options.onInvalid === undefined || !(err instanceof ArbotError)) throw err;
        options.onInvalid(ccxtSymbolOf(raw) ?? key, err);
      }
    }
    for (const market of converted) this.add(market);
    return this;
  }

  /**
   * The market for a venue and symbol, or throws {@link UnknownMarketError}.
   *
   * @example
   * ```ts
   * const m = catalog.get('binance', 'BTC/USDT');
   * ```
   */
  get(venue: string, symbol: string): Market {
    const market = this.find(venue, symbol);
    if (market === undefined) throw new UnknownMarketError(venue, symbol, this.#byVenue.has(venue));
    return market;
  }

  /**
   * The market for a venue and symbol, or `undefined`.
   *
   * @example
   * ```ts
   * catalog.find('binance', 'BTC/EUR') ?? fallback;
   * ```
   */
  find(venue: string, symbol: string): Market | undefined {
    return this.#byVenue.get(venue)?.get(symbol);
  }

  /**
   * `true` when the catalog holds the market.
   *
   * @example
   * ```ts
   * if (catalog.has('okx', 'ETH/USDT')) subscribe('okx', 'ETH/USDT');
   * ```
   */
  has(venue: string, symbol: string): boolean {
    return this.find(venue, symbol) !== undefined;
  }

  /**
   * Every market (of one venue when `venue` is given), in insertion order.
   *
   * @example
   * ```ts
   * const usdtMarkets = catalog.list('binance').filter((m) => m.quote === 'USDT');
   * ```
   */
  list(venue?: string): Market[] {
    if (venue !== undefined) return [...(this.#byVenue.get(venue)?.values() ?? [])];
    const all: Market[] = [];
    for (const markets of this.#byVenue.values()) all.push(...markets.values());
    return all;
  }

  /**
   * The venues that have at least one market, in insertion order.
   *
   * @example
   * ```ts
   * catalog.venues(); // ['binance', 'okx']
   * ```
   */
  venues(): string[] {
    return [...this.#byVenue.keys()];
  }
}
