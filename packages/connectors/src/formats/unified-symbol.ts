/** Quote assets recognised at the end of an exchange symbol, longest first so `FDUSD` wins over `USD`. */
const QUOTE_ASSETS = [
  'FDUSD',
  'USDT',
  'USDC',
  'BUSD',
  'TUSD',
  'USDP',
  'DAI',
  'USD',
  'EUR',
  'GBP',
  'TRY',
  'BRL',
  'BTC',
  'ETH',
  'BNB',
  'XBT',
];

/**
 * Turns an exchange's concatenated symbol (`LINKUSDT`, `BTCUSDT`) into the
 * unified `BASE/QUOTE` form by recognising a common quote asset at its end.
 * Returns `undefined` when no known quote matches; pass the symbol
 * explicitly to the reader then.
 *
 * @example
 * ```ts
 * unifiedSymbol('LINKUSDT'); // 'LINK/USDT'
 * unifiedSymbol('ETHBTC'); // 'ETH/BTC'
 * ```
 */
export function unifiedSymbol(exchangeSymbol: string): string | undefined {
  const upper = exchangeSymbol.toUpperCase();
  if (upper.includes('/')) return upper;
  for (const quote of QUOTE_ASSETS) {
    if (upper.endsWith(quote) && upper.length > quote.length) return `${upper.slice(0, -quote.length)}/${quote}`;
  }
  return undefined;
}
