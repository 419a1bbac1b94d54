import { MarketCatalog, type MarketInput, parseMarket } from '@arbot/core';

function market(input: Partial<MarketInput> & Pick<MarketInput, 'venue' | 'symbol' | 'precision'>) {
  const [base = '', quote = ''] = input.symbol.split('/');
  return parseMarket({
    id: input.symbol.replace('/', ''),
    base,
    quote,
    limits: {},
    fees: { maker: '0.001', taker: '0.001' },
    ...input,
  });
}

/** binance BTC/USDT: step 0.0001, tick 0.01, min amount 0.0001, min notional 10, taker 0.1 %. */
export const binanceBtc = market({
  venue: 'binance',
  symbol: 'BTC/USDT',
  precision: { amount: '0.0001', price: '0.01' },
  limits: { amount: { min: '0.0001' }, cost: { min: '10' } },
});

/** okx BTC/USDT: step 0.001, tick 0.1, min notional 5, taker 0.08 %. */
export const okxBtc = market({
  venue: 'okx',
  symbol: 'BTC/USDT',
  precision: { amount: '0.001', price: '0.1' },
  limits: { cost: { min: '5' } },
  fees: { maker: '0.0008', taker: '0.0008' },
});

/** kraken BTC/USDT: step 0.0004 (so okx/kraken legs share the grid of lcm(0.001, 0.0004) = 0.002). */
export const krakenBtc = market({
  venue: 'kraken',
  symbol: 'BTC/USDT',
  precision: { amount: '0.0004', price: '0.1' },
  limits: {},
});

/** bybit BTC/USDT: step 0.00001, no limits. */
export const bybitBtc = market({ venue: 'bybit', symbol: 'BTC/USDT', precision: { amount: '0.00001', price: '0.01' } });

/** binance ETH/BTC: step 0.001, tick 0.00001, min notional 0.0001 BTC. */
export const binanceEthBtc = market({
  venue: 'binance',
  symbol: 'ETH/BTC',
  precision: { amount: '0.001', price: '0.00001' },
  limits: { cost: { min: '0.0001' } },
});

/** binance ETH/USDT: step 0.0001, tick 0.01, min notional 10. */
export const binanceEth = market({
  venue: 'binance',
  symbol: 'ETH/USDT',
  precision: { amount: '0.0001', price: '0.01' },
  limits: { cost: { min: '10' } },
});

/** Every test market in one catalog. */
export function testCatalog(): MarketCatalog {
  return new MarketCatalog([binanceBtc, okxBtc, krakenBtc, bybitBtc, binanceEthBtc, binanceEth]);
}
