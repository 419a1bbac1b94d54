import type { Level, OrderBookDelta, OrderBookSnapshot } from '../../src/index';

export const VENUE = 'test';
export const SYMBOL = 'BTC/USDT';

/** A snapshot of the test venue/symbol. */
export function snapshotOf(
  seq: number | undefined,
  bids: readonly Level[],
  asks: readonly Level[],
  extra: Partial<OrderBookSnapshot> = {},
): OrderBookSnapshot {
  const base = {
    type: 'snapshot' as const,
    venue: VENUE,
    symbol: SYMBOL,
    ts: 1000,
    recvTs: 1001,
    bids: mutable(bids),
    asks: mutable(asks),
  };
  return { ...(seq === undefined ? base : { ...base, seq }), ...extra } as OrderBookSnapshot;
}

/** A delta of the test venue/symbol; `ts` follows `seq` so tests can see which delta was applied last. */
export function deltaOf(
  seq: number,
  bids: readonly Level[],
  asks: readonly Level[],
  extra: { firstSeq?: number; prevSeq?: number; venue?: string; symbol?: string } = {},
): OrderBookDelta {
  return {
    type: 'delta',
    venue: VENUE,
    symbol: SYMBOL,
    ts: 1000 + seq,
    recvTs: 1001 + seq,
    seq,
    bids: mutable(bids),
    asks: mutable(asks),
    ...extra,
  };
}

/** Event levels are mutable tuples in the model; copy the readonly ones tests write. */
export function mutable(levels: readonly Level[]): [number, number][] {
  return levels.map(([price, amount]) => [price, amount]);
}
