import type { Market } from '@arbot/core';

/**
 * Where the gate looks up a leg's market (precision, limits, fees). A
 * `MarketCatalog` from `@arbot/core` is one.
 *
 * @example
 * ```ts
 * const markets: MarketSource = new MarketCatalog([btcUsdtBinance, btcUsdtOkx]);
 * markets.find('binance', 'BTC/USDT')?.precision.amount;
 * ```
 */
export interface MarketSource {
  /** The market for a venue and symbol, or `undefined` when unknown. */
  find(venue: string, symbol: string): Market | undefined;
}
