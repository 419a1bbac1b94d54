import { type Fill, parseFill } from '../../src/index';

/** Builds a validated fill with defaults for the fields a test does not care about. */
export function fill(fields: {
  venue: string;
  symbol?: string;
  side: 'buy' | 'sell';
  price: string;
  amount: string;
  fee: { asset: string; amount: string };
  orderId?: string;
  clientOrderId?: string;
}): Fill {
  const { symbol = 'BTC/USDT', orderId = 'o', ...rest } = fields;
  return parseFill({ id: `f-${orderId}`, orderId, symbol, liquidity: 'taker', ts: 0, ...rest });
}
