import { Decimal, parseFill } from '@arbot/core';
import type { RecordedFill } from '../../src/index';

let nextId = 0;

/** A fill on `BTC/USDT` valued in USDT: notional = price × amount, fee in USDT. */
export function usdtFill(input: {
  venue: string;
  side: 'buy' | 'sell';
  price: string;
  amount: string;
  fee: string;
  ts: number;
  strategy?: string;
}): RecordedFill {
  nextId++;
  const fill = parseFill({
    id: `f${nextId}`,
    orderId: `o${nextId}`,
    venue: input.venue,
    symbol: 'BTC/USDT',
    side: input.side,
    price: input.price,
    amount: input.amount,
    fee: { asset: 'USDT', amount: input.fee },
    liquidity: 'taker',
    ts: input.ts,
  });
  return {
    fill,
    base: 'BTC',
    quote: 'USDT',
    notional: new Decimal(input.price).times(input.amount),
    feeValue: new Decimal(input.fee),
    strategy: input.strategy ?? 's',
    opportunityId: undefined,
  };
}
