import type { Market, MarketCatalog, MarketDataVenue, Opportunity, PortfolioLedger, TradingVenue, VirtualClock } from '@arbot/core';
import type { MonoTypeOperatorFunction } from 'rxjs';

/**
 * A venue as a backtest pipeline sees it: market data and trading in one
 * object, like a live ccxt venue or a paper venue. Behind it is the
 * connectors' simulated venue over the replayed market data.
 *
 * @example
 * ```ts
 * const binance: BacktestVenue = ctx.venues.binance;
 * binance.orderBook$('BTC/USDT', { depth: 10 }).subscribe((view) => console.log(view.mid));
 * ```
 */
export type BacktestVenue = TradingVenue & MarketDataVenue;

/**
 * What a backtest hands the pipeline under test: the same building blocks a
 * live bot wires (a clock, venues, a ledger, markets), with a virtual clock
 * and simulated venues in place of the real ones.
 *
 * @example
 * ```ts
 * const pipeline = (ctx: BacktestContext) =>
 *   ctx.venues.binance.candles$('BTC/USDT', '1h').pipe(
 *     maCrossoverStrategy({ market: ctx.markets[0], amount: '0.01', clock: ctx.clock, fast: 10, slow: 30 }),
 *     ctx.tapOpportunities(),
 *     executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
 *   );
 * ```
 */
export interface BacktestContext {
  /** The virtual clock the backtest advances; pass it (and `clock.scheduler`) wherever the live bot takes a clock. */
  readonly clock: VirtualClock;
  /** The portfolio ledger every venue's balances live in. */
  readonly ledger: PortfolioLedger;
  /** Simulated venues by id. */
  readonly venues: Readonly<Record<string, BacktestVenue>>;
  /** The markets of every venue. */
  readonly markets: readonly Market[];
  /** The same markets as a catalog, for the executor and the risk gate. */
  readonly catalog: MarketCatalog;
  /** The backtest's seed, for any randomness of the pipeline. */
  readonly seed: number;
  /**
   * An operator that lets opportunities through unchanged and records each
   * one's strategy, so fills are attributed to strategies in the metrics.
   * Put it after the detectors, before the risk gate and executor.
   */
  tapOpportunities(): MonoTypeOperatorFunction<Opportunity>;
}
