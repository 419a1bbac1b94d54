import { type Market, type MarketInput, parseMarket } from '../../src/index';

/**
 * Binance BTC/USDT as in exchangeinfo-binance-spot-btcusdt-ethusdt.json:
 * tick 0.01 (price 0.01 … 1 000 000), lot 0.00001 (0.00001 … 9000),
 * min notional 10, fees 0.1 %.
 */
export const btcUsdt: Market = parseMarket({
  venue: 'binance',
  symbol: 'BTC/USDT',
  id: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  precision: { amount: '0.00001', price: '0.01' },
  limits: {
    amount: { min: '0.00001', max: '9000' },
    price: { min: '0.01', max: '1000000' },
    cost: { min: '10' },
  },
  fees: { maker: '0.001', taker: '0.001' },
});

/** BTC/USDT with some fields replaced (validated again). */
export function btcUsdtWith(overrides: Partial<MarketInput>): Market {
  return parseMarket({ ...btcUsdt, ...overrides });
}
