import { type Candle, type Market, parseMarket } from '@arbot/core';

/** Binance-like spot markets: amount step 0.00001 BTC / 0.0001 ETH, tick 0.01, taker 0.1 %. */
export const btcUsdt: Market = parseMarket({
  venue: 'binance',
  symbol: 'BTC/USDT',
  id: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  precision: { amount: '0.00001', price: '0.01' },
  limits: { amount: { min: '0.00001' }, cost: { min: '5' } },
  fees: { maker: '0.001', taker: '0.001' },
});

export const ethUsdt: Market = parseMarket({
  venue: 'binance',
  symbol: 'ETH/USDT',
  id: 'ETHUSDT',
  base: 'ETH',
  quote: 'USDT',
  precision: { amount: '0.0001', price: '0.01' },
  limits: { amount: { min: '0.0001' }, cost: { min: '5' } },
  fees: { maker: '0.001', taker: '0.001' },
});

/** Closed 1h candles of `market` with the given closes (open = previous close). */
export function hourlyCandles(market: Market, closes: readonly number[], start = 1_700_000_000_000): Candle[] {
  return closes.map((close, i) => {
    const open = i === 0 ? close : (closes[i - 1] as number);
    const ts = start + i * 3_600_000;
    return {
      venue: market.venue,
      symbol: market.symbol,
      timeframe: '1h',
      ts,
      recvTs: ts + 3_600_000 + 50,
      open,
      high: Math.max(open, close),
      low: Math.min(open, close),
      close,
      volume: 1,
      closed: true,
    };
  });
}
