import { type Opportunity, parseOpportunity, type SourceStamp } from '@arbot/core';

export interface SpatialSpec {
  readonly id?: string;
  readonly buyVenue?: string;
  readonly sellVenue?: string;
  readonly symbol?: string;
  readonly amount: string;
  readonly buyPrice: string;
  readonly sellPrice: string;
  /** Expected figures; default gross = amount × (sell − buy), fees = 0, notional = amount × buy. */
  readonly gross?: string;
  readonly fees?: string;
  readonly net?: string;
  readonly notional?: string;
  readonly netBps?: number;
  readonly sources?: readonly SourceStamp[];
  readonly detectedAt?: number;
}

let counter = 0;

/** A spatial opportunity: buy on one venue, sell the same amount on another. */
export function spatial(spec: SpatialSpec): Opportunity {
  const amount = Number(spec.amount);
  const gross = spec.gross ?? String(amount * (Number(spec.sellPrice) - Number(spec.buyPrice)));
  const fees = spec.fees ?? '0';
  const net = spec.net ?? String(Number(gross) - Number(fees));
  const notional = spec.notional ?? String(amount * Number(spec.buyPrice));
  const symbol = spec.symbol ?? 'BTC/USDT';
  return parseOpportunity({
    id: spec.id ?? `op-${++counter}`,
    kind: 'spatial',
    strategy: 'test',
    detectedAt: spec.detectedAt ?? 0,
    sources: spec.sources ?? [],
    legs: [
      {
        venue: spec.buyVenue ?? 'binance',
        symbol,
        side: 'buy',
        amount: spec.amount,
        priceLimit: spec.buyPrice,
        expectedPrice: spec.buyPrice,
      },
      {
        venue: spec.sellVenue ?? 'okx',
        symbol,
        side: 'sell',
        amount: spec.amount,
        priceLimit: spec.sellPrice,
        expectedPrice: spec.sellPrice,
      },
    ],
    expected: { currency: 'USDT', gross, fees, net, netBps: spec.netBps ?? (Number(net) / Number(notional)) * 10_000, notional },
  });
}

/**
 * A USDT → BTC → ETH → USDT triangle on binance:
 * buy `btc` BTC/USDT at `btcUsdt`, buy `eth` ETH/BTC at `ethBtc`, sell `eth` ETH/USDT at `ethUsdt`.
 */
export function triangle(spec: {
  readonly id?: string;
  readonly btc: string;
  readonly eth: string;
  readonly btcUsdt: string;
  readonly ethBtc: string;
  readonly ethUsdt: string;
  readonly net?: string;
}): Opportunity {
  const notional = String(Number(spec.btc) * Number(spec.btcUsdt));
  const gross = String(Number(spec.eth) * Number(spec.ethUsdt) - Number(notional));
  const net = spec.net ?? gross;
  return parseOpportunity({
    id: spec.id ?? `tri-${++counter}`,
    kind: 'triangular',
    detectedAt: 0,
    sources: [],
    legs: [
      { venue: 'binance', symbol: 'BTC/USDT', side: 'buy', amount: spec.btc, priceLimit: spec.btcUsdt, expectedPrice: spec.btcUsdt },
      { venue: 'binance', symbol: 'ETH/BTC', side: 'buy', amount: spec.eth, priceLimit: spec.ethBtc, expectedPrice: spec.ethBtc },
      { venue: 'binance', symbol: 'ETH/USDT', side: 'sell', amount: spec.eth, priceLimit: spec.ethUsdt, expectedPrice: spec.ethUsdt },
    ],
    expected: { currency: 'USDT', gross, fees: '0', net, netBps: (Number(net) / Number(notional)) * 10_000, notional },
  });
}

/** A source stamp received at `recvTs`. */
export function stamp(venue: string, recvTs: number, symbol = 'BTC/USDT'): SourceStamp {
  return { venue, symbol, ts: recvTs, recvTs };
}
