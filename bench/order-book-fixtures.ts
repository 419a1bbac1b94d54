/**
 * Deterministic market data for `order-book.bench.ts`: a 1,000-level-per-side
 * BTC/USDT-like book on a 0.01 tick and a stream of Binance-style deltas
 * (`firstSeq`/`seq` = `U`/`u`) that mostly touch the top levels, sometimes the
 * depth, with inserts and deletes keeping each side near 1,000 levels.
 */
import { seededRandom } from '@arbot/connectors';
import type { OrderBookDelta, OrderBookSnapshot } from '@arbot/core';

const MID = 30_000;
const TICK = 0.01;
/** Price slots per side; 1,000 of them are occupied at any time (on average). */
const SLOTS = 1_250;

/** Slot `k` (1 = next to the mid) of a side, as a price rounded to the tick. */
function priceOf(side: 'bid' | 'ask', k: number): number {
  return Math.round((side === 'bid' ? MID - k * TICK : MID + k * TICK) * 100) / 100;
}

/** One side of the generator's own state: occupied slots kept sorted, best (smallest k) first. */
class SlotSide {
  readonly slots: number[] = [];
  constructor(readonly side: 'bid' | 'ask') {}

  has(k: number): boolean {
    return this.slots.includes(k);
  }

  add(k: number): void {
    let i = 0;
    while (i < this.slots.length && (this.slots[i] as number) < k) i++;
    this.slots.splice(i, 0, k);
  }

  remove(k: number): void {
    this.slots.splice(this.slots.indexOf(k), 1);
  }
}

/** A snapshot and `count` deltas that apply cleanly after it. */
export interface OrderBookBenchData {
  readonly snapshot: OrderBookSnapshot;
  readonly deltas: readonly OrderBookDelta[];
  /** Average number of level changes per delta. */
  readonly levelsPerDelta: number;
}

/**
 * Builds the benchmark data. Per level change: 60% amount update in the top
 * 10 levels, 10% insert in the top 20 slots, 10% delete in the top 10 levels,
 * 10% deep update, 5% deep insert, 5% deep delete.
 */
export function orderBookBenchData(options: { seed: number; levels: number; deltas: number }): OrderBookBenchData {
  const random = seededRandom(options.seed);
  const amount = () => Math.round((0.001 + random() * 5) * 1e6) / 1e6;
  const sides = { bid: new SlotSide('bid'), ask: new SlotSide('ask') };
  for (const side of [sides.bid, sides.ask]) {
    const chosen = new Set<number>();
    while (chosen.size < options.levels) chosen.add(1 + Math.floor(random() * SLOTS));
    for (const k of [...chosen].sort((a, b) => a - b)) side.slots.push(k);
  }
  const levelsOf = (side: SlotSide): [number, number][] => side.slots.map((k) => [priceOf(side.side, k), amount()]);
  const snapshot: OrderBookSnapshot = {
    type: 'snapshot',
    venue: 'binance',
    symbol: 'BTC/USDT',
    ts: 1_700_000_000_000,
    recvTs: 1_700_000_000_001,
    seq: 1_000_000,
    bids: levelsOf(sides.bid),
    asks: levelsOf(sides.ask),
  };

  const deltas: OrderBookDelta[] = [];
  let seq = snapshot.seq ?? 0;
  let changes = 0;
  for (let d = 0; d < options.deltas; d++) {
    const bids: [number, number][] = [];
    const asks: [number, number][] = [];
    const delta: OrderBookDelta = {
      type: 'delta',
      venue: 'binance',
      symbol: 'BTC/USDT',
      ts: snapshot.ts + d,
      recvTs: snapshot.recvTs + d,
      firstSeq: seq + 1,
      seq: seq + 1 + Math.floor(random() * 3),
      bids,
      asks,
    };
    seq = delta.seq;
    const levelCount = 1 + Math.floor(random() * 3);
    for (let l = 0; l < levelCount; l++) {
      const side = random() < 0.5 ? sides.bid : sides.ask;
      const change = pickChange(side, random, amount);
      (side.side === 'bid' ? bids : asks).push([priceOf(side.side, change.k), change.amount]);
      changes++;
    }
    deltas.push(delta);
  }
  return { snapshot, deltas, levelsPerDelta: changes / options.deltas };
}

function pickChange(side: SlotSide, random: () => number, amount: () => number): { k: number; amount: number } {
  const n = side.slots.length;
  const rankIn = (lo: number, hi: number) => side.slots[Math.min(n - 1, lo + Math.floor(random() * (hi - lo)))] as number;
  const freeSlotIn = (lo: number, hi: number): number | undefined => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const k = lo + Math.floor(random() * (hi - lo));
      if (!side.has(k)) return k;
    }
    return undefined;
  };
  const r = random();
  if (r < 0.6) return { k: rankIn(0, 10), amount: amount() };
  if (r < 0.7 || (r >= 0.9 && r < 0.95)) {
    const k = r < 0.7 ? freeSlotIn(1, 21) : freeSlotIn(21, SLOTS);
    if (k !== undefined) {
      side.add(k);
      return { k, amount: amount() };
    }
    return { k: rankIn(0, 10), amount: amount() };
  }
  if (r < 0.8 || r >= 0.95) {
    // keep at least a few hundred levels so the book stays realistic
    if (n < 900) return { k: rankIn(0, 10), amount: amount() };
    const k = r < 0.8 ? rankIn(0, 10) : rankIn(10, n);
    side.remove(k);
    return { k, amount: 0 };
  }
  return { k: rankIn(10, n), amount: amount() };
}
