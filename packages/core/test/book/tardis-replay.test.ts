import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { book, type Level, OrderBook, type OrderBookDelta, type OrderBookEvent, type OrderBookSnapshot } from '../../src/index';
import { referenceWalkBase } from './reference-book';

// tardis.dev incremental_book_L2 sample, Binance BTCUSDT 2019-12-01: 2000 snapshot rows
// (1000 asks, 1000 bids) then 50 delta rows in 7 messages. Amounts are absolute; 0 deletes.
const csv = readFileSync(
  fileURLToPath(new URL('../fixtures/tardis-binance-btcusdt-book-l2-2019-12-01-rows-1-2050.csv', import.meta.url)),
  'utf8',
);

interface Row {
  readonly isSnapshot: boolean;
  readonly localUs: number;
  readonly side: 'bid' | 'ask';
  readonly price: number;
  readonly amount: number;
}

const rows: Row[] = csv
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [, , , local, isSnapshot, side, price, amount] = line.split(',');
    return {
      isSnapshot: isSnapshot === 'true',
      localUs: Number(local),
      side: side as 'bid' | 'ask',
      price: Number(price),
      amount: Number(amount),
    };
  });

/** Snapshot rows become one snapshot without seq (tardis has no update ids); delta rows are grouped per message (same local timestamp). */
function toEvents(): OrderBookEvent[] {
  const header = { venue: 'binance', symbol: 'BTC/USDT' };
  const snapshotRows = rows.filter((r) => r.isSnapshot);
  const firstLocalMs = Math.floor((snapshotRows[0] as Row).localUs / 1000);
  const snapshot: OrderBookSnapshot = {
    type: 'snapshot',
    ...header,
    ts: firstLocalMs,
    recvTs: firstLocalMs,
    bids: snapshotRows.filter((r) => r.side === 'bid').map((r) => [r.price, r.amount]),
    asks: snapshotRows.filter((r) => r.side === 'ask').map((r) => [r.price, r.amount]),
  };
  // Rows sharing a local millisecond form one delta.
  const groups: { ms: number; bids: [number, number][]; asks: [number, number][] }[] = [];
  for (const row of rows.filter((r) => !r.isSnapshot)) {
    const ms = Math.floor(row.localUs / 1000);
    let last = groups.at(-1);
    if (last === undefined || last.ms !== ms) {
      last = { ms, bids: [], asks: [] };
      groups.push(last);
    }
    (row.side === 'bid' ? last.bids : last.asks).push([row.price, row.amount]);
  }
  const deltas: OrderBookDelta[] = groups.map((g, i) => ({
    type: 'delta',
    ...header,
    ts: g.ms,
    recvTs: g.ms,
    seq: i + 1,
    bids: g.bids,
    asks: g.asks,
  }));
  return [snapshot, ...deltas];
}

/** The naive reference: replay every row into two Maps. */
function referenceLevels(): { bids: Level[]; asks: Level[] } {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  for (const row of rows) {
    const side = row.side === 'bid' ? bids : asks;
    if (row.amount === 0) side.delete(row.price);
    else side.set(row.price, row.amount);
  }
  return {
    bids: [...bids.entries()].sort((a, b) => b[0] - a[0]),
    asks: [...asks.entries()].sort((a, b) => a[0] - b[0]),
  };
}

describe('replaying a real tardis Binance BTCUSDT L2 sample', () => {
  const events = toEvents();

  it('parses 1000 + 1000 snapshot levels and 7 delta messages with 50 rows', () => {
    const [snapshot, ...deltas] = events as [OrderBookSnapshot, ...OrderBookDelta[]];
    expect([snapshot.bids.length, snapshot.asks.length]).toEqual([1000, 1000]);
    expect(deltas).toHaveLength(7);
    expect(deltas.reduce((n, d) => n + d.bids.length + d.asks.length, 0)).toBe(50);
  });

  it('ends with the same levels, best prices and depth walk as a naive replay', () => {
    const orderBook = new OrderBook({ venue: 'binance', symbol: 'BTC/USDT' });
    for (const event of events) {
      const result = event.type === 'snapshot' ? orderBook.applySnapshot(event) : orderBook.applyDelta(event);
      expect(result).toEqual({ status: 'applied' });
    }
    const reference = referenceLevels();
    expect(orderBook.bids()).toEqual(reference.bids);
    expect(orderBook.asks()).toEqual(reference.asks);
    expect(orderBook.bestBid).toBe(reference.bids[0]?.[0]);
    expect(orderBook.bestAsk).toBe(reference.asks[0]?.[0]);
    const walk = orderBook.costToBuy(0.5);
    const naive = referenceWalkBase(reference.asks, 0.5);
    expect(walk.filled).toBe(naive.filled);
    expect(walk.worst).toBe(naive.worst);
    expect(walk.cost).toBeCloseTo(naive.cost, 9);
    const sell = orderBook.proceedsOfSelling(3);
    const naiveSell = referenceWalkBase(reference.bids, 3);
    expect(sell.worst).toBe(naiveSell.worst);
    expect(sell.cost).toBeCloseTo(naiveSell.cost, 9);
  });

  it('matches the best prices and walk read off the CSV by hand', async () => {
    const views = await lastValueFrom(from(events).pipe(book(), toArray()));
    expect(views).toHaveLength(8); // snapshot + 7 deltas
    const last = views.at(-1);
    // Bids: the snapshot's best 7539.41 × 0.226735; no delta touches a bid above it.
    expect(last?.bids(1)).toEqual([[7539.41, 0.226735]]);
    // Asks: snapshot best 7541.38. Message 4 adds 7541.36; message 5 adds 7541.35 and deletes 7541.38/.39;
    // message 6 adds 7541.32 and 7541.33 and deletes 7541.35; message 7 adds 7541.27 × 0.260806 and
    // 7541.28 × 0.017977 (its deletes of 7541.29/.30 hit missing levels). Next snapshot level: 7541.4 × 4.
    expect(last?.asks(6)).toEqual([
      [7541.27, 0.260806],
      [7541.28, 0.017977],
      [7541.32, 0.017977],
      [7541.33, 0.3],
      [7541.36, 0.045141],
      [7541.4, 4],
    ]);
    // Buying 0.5 BTC:
    //   0.260806 × 7541.27 = 1966.80846362
    //   0.017977 × 7541.28 =  135.56959056
    //   0.017977 × 7541.32 =  135.57030964
    //   0.20324  × 7541.33 = 1532.69990920   (0.5 − 0.260806 − 0.017977 − 0.017977 = 0.20324)
    //   total 3770.64827302, average 3770.64827302 / 0.5 = 7541.29654604, worst 7541.33
    const walk = last?.costToBuy(0.5);
    expect(walk?.filled).toBe(0.5);
    expect(walk?.cost).toBeCloseTo(3770.64827302, 7);
    expect(walk?.average).toBeCloseTo(7541.29654604, 7);
    expect(walk?.worst).toBe(7541.33);
    expect(walk?.complete).toBe(true);
    expect(last?.spread).toBeCloseTo(7541.27 - 7539.41, 9);
  });
});
