import { type Decimal, type Market, ValidationError } from '@arbot/core';

/**
 * Per-symbol fee rates replacing a market's.
 *
 * @example
 * ```ts
 * const overrides: FeeOverrides = { 'BTC/USDT': { taker: new Decimal('0.00075') } };
 * ```
 */
export type FeeOverrides = Readonly<Record<string, { readonly maker?: Decimal | undefined; readonly taker?: Decimal | undefined }>>;

/**
 * The markets the simulated venue trades, by symbol: each re-stamped with the
 * venue's id and with its fee overrides applied. Throws a `ValidationError`
 * for an override naming a symbol that is not traded, and for a fee rate
 * outside [0, 1) (fills carry non-negative fees, so rebates are not modelled).
 *
 * @example
 * ```ts
 * simMarkets([btcUsdt], 'paper', { 'BTC/USDT': { taker: new Decimal('0.0005') } }).get('BTC/USDT')?.venue; // 'paper'
 * ```
 */
export function simMarkets(markets: readonly Market[], venue: string, overrides: FeeOverrides): Map<string, Market> {
  const bySymbol = new Map<string, Market>();
  for (const market of markets) {
    const override = overrides[market.symbol];
    const fees = { maker: override?.maker ?? market.fees.maker, taker: override?.taker ?? market.fees.taker };
    for (const liquidity of ['maker', 'taker'] as const) {
      const rate = fees[liquidity];
      if (rate.lt(0) || rate.gte(1)) {
        throw new ValidationError(`simulated venue fees of ${market.symbol}`, [
          {
            field: `fees.${market.symbol}.${liquidity}`,
            value: rate.toString(),
            message: 'must be >= 0 and < 1 (rebates are not simulated); override it with the `fees` option',
          },
        ]);
      }
    }
    bySymbol.set(market.symbol, { ...market, venue, fees });
  }
  for (const symbol of Object.keys(overrides)) {
    if (!bySymbol.has(symbol)) {
      throw new ValidationError('simulated venue options', [
        { field: `fees.${symbol}`, value: overrides[symbol], message: `no market ${symbol} is traded on ${venue}` },
      ]);
    }
  }
  return bySymbol;
}
