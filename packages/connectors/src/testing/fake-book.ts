import type { Level } from '@arbot/core';

/** Absolute level changes of one book update: amount 0 removes a level. */
export interface LevelChanges {
  readonly bids: Level[];
  readonly asks: Level[];
}

/**
 * The scripted L2 book of one symbol on the fake exchange: price → amount per
 * side plus the exchange's update id. Protocol adapters turn its changes into
 * Binance diffs or OKX updates.
 */
export class FakeBook {
  private readonly bidLevels = new Map<number, number>();
  private readonly askLevels = new Map<number, number>();
  /** Sorted copies, rebuilt after a change (several adapters read the same state per update). */
  private sortedBids: Level[] | undefined;
  private sortedAsks: Level[] | undefined;

  constructor(
    /** Last update id contained in the book (Binance `lastUpdateId`, OKX `seqId`). */
    public lastUpdateId: number,
  ) {}

  /** Sets absolute amounts (0 removes) and returns the levels that really changed. */
  apply(changes: { readonly bids: readonly Level[]; readonly asks: readonly Level[] }): LevelChanges {
    this.sortedBids = undefined;
    this.sortedAsks = undefined;
    return { bids: applySide(this.bidLevels, changes.bids), asks: applySide(this.askLevels, changes.asks) };
  }

  /** Replaces the whole book; returns the changes (removed levels carry amount 0). */
  replace(next: { readonly bids: readonly Level[]; readonly asks: readonly Level[] }): LevelChanges {
    this.sortedBids = undefined;
    this.sortedAsks = undefined;
    return { bids: replaceSide(this.bidLevels, next.bids), asks: replaceSide(this.askLevels, next.asks) };
  }

  /** Bids, best (highest) first; at most `limit`. */
  bids(limit = Number.POSITIVE_INFINITY): Level[] {
    this.sortedBids ??= sorted(this.bidLevels, -1);
    return Number.isFinite(limit) ? this.sortedBids.slice(0, limit) : [...this.sortedBids];
  }

  /** Asks, best (lowest) first; at most `limit`. */
  asks(limit = Number.POSITIVE_INFINITY): Level[] {
    this.sortedAsks ??= sorted(this.askLevels, 1);
    return Number.isFinite(limit) ? this.sortedAsks.slice(0, limit) : [...this.sortedAsks];
  }

  /** Best bid price, `undefined` on an empty side. */
  bestBid(): number | undefined {
    return this.bids(1)[0]?.[0];
  }

  /** Best ask price, `undefined` on an empty side. */
  bestAsk(): number | undefined {
    return this.asks(1)[0]?.[0];
  }
}

function applySide(side: Map<number, number>, levels: readonly Level[]): Level[] {
  const changed = new Map<number, number>();
  for (const [price, amount] of levels) {
    const before = side.get(price) ?? 0;
    if (amount === 0) side.delete(price);
    else side.set(price, amount);
    if (before !== amount) changed.set(price, amount);
    else changed.delete(price);
  }
  return [...changed];
}

function replaceSide(side: Map<number, number>, levels: readonly Level[]): Level[] {
  const next = new Map<number, number>();
  for (const [price, amount] of levels) if (amount > 0) next.set(price, amount);
  const changes: Level[] = [];
  for (const price of side.keys()) if (!next.has(price)) changes.push([price, 0]);
  for (const [price, amount] of next) if (side.get(price) !== amount) changes.push([price, amount]);
  side.clear();
  for (const [price, amount] of next) side.set(price, amount);
  return changes;
}

function sorted(side: Map<number, number>, direction: 1 | -1): Level[] {
  return [...side].sort((a, b) => direction * (a[0] - b[0]));
}
