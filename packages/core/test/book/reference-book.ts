import type { DeltaResult, Level, OrderBookDelta, OrderBookSnapshot, OrderBookState } from '../../src/index';

/**
 * A deliberately naive order book for property tests: two Maps and the
 * sequencing rules written out as the brief states them, no arrays, no search.
 */
export class ReferenceBook {
  bids = new Map<number, number>();
  asks = new Map<number, number>();
  state: OrderBookState = 'awaiting-snapshot';
  seq: number | undefined = undefined;
  private sequenced = false;
  private firstAfterSnapshot = false;

  applySnapshot(snapshot: OrderBookSnapshot): string {
    this.bids = new Map();
    this.asks = new Map();
    for (const [price, amount] of snapshot.bids) put(this.bids, price, amount);
    for (const [price, amount] of snapshot.asks) put(this.asks, price, amount);
    this.seq = snapshot.seq;
    this.sequenced = snapshot.seq !== undefined;
    this.firstAfterSnapshot = true;
    this.state = 'synced';
    return this.crossedCheck();
  }

  applyDelta(delta: OrderBookDelta): DeltaResult['status'] {
    if (this.state !== 'synced') return 'resync-required';
    if (this.sequenced) {
      const seq = this.seq ?? 0;
      if (delta.seq <= seq) return 'stale';
      let ok: boolean;
      if (delta.firstSeq !== undefined && this.firstAfterSnapshot) ok = delta.firstSeq <= seq + 1 && seq + 1 <= delta.seq;
      else if (delta.prevSeq !== undefined) ok = delta.prevSeq === seq;
      else if (delta.firstSeq !== undefined) ok = delta.firstSeq === seq + 1;
      else ok = delta.seq === seq + 1;
      if (!ok) {
        this.state = 'resync-required';
        return 'gap';
      }
      this.seq = delta.seq;
    }
    for (const [price, amount] of delta.bids) put(this.bids, price, amount);
    for (const [price, amount] of delta.asks) put(this.asks, price, amount);
    this.firstAfterSnapshot = false;
    return this.crossedCheck() as DeltaResult['status'];
  }

  sortedBids(): Level[] {
    return [...this.bids.entries()].sort((a, b) => b[0] - a[0]);
  }

  sortedAsks(): Level[] {
    return [...this.asks.entries()].sort((a, b) => a[0] - b[0]);
  }

  private crossedCheck(): 'applied' | 'crossed' {
    if (this.bids.size === 0 || this.asks.size === 0) return 'applied';
    if (Math.max(...this.bids.keys()) < Math.min(...this.asks.keys())) return 'applied';
    this.state = 'resync-required';
    return 'crossed';
  }
}

function put(side: Map<number, number>, price: number, amount: number): void {
  if (amount === 0) side.delete(price);
  else side.set(price, amount);
}

/** Naive walk over best-first levels: take whole levels until the last, partially. */
export function referenceWalkBase(levels: readonly Level[], base: number): { filled: number; cost: number; worst: number } {
  let filled = 0;
  let cost = 0;
  let worst = Number.NaN;
  for (const [price, amount] of levels) {
    worst = price;
    if (amount >= base - filled) {
      // the last level is consumed partially; stop here rather than let rounding spill into the next one
      return { filled: base, cost: cost + (base - filled) * price, worst };
    }
    filled += amount;
    cost += amount * price;
  }
  return { filled, cost, worst };
}
