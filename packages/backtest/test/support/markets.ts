import { type Market, parseMarket } from '@arbot/core';

/** A spot BTC/USDT market on `venue`: amount step 0.001, tick 0.01, taker 0.1 %, maker 0. */
export function btcUsdt(venue: string, taker = '0.001'): Market {
  return parseMarket({
    venue,
    symbol: 'BTC/USDT',
    id: 'BTCUSDT',
    base: 'BTC',
    quote: 'USDT',
    precision: { amount: '0.001', price: '0.01' },
    limits: { amount: { min: '0.001' } },
    fees: { maker: '0', taker },
  });
}
