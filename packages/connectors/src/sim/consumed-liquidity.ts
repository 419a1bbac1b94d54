import { Decimal, type OrderBookView } from '@arbot/core';

const ZERO = new Decimal(0);

/**
 * Which side of the book liquidity was taken from.
 *
 * @example
 * ```ts
 * const side: BookSideName = order.side === 'buy' ? 'asks' : 'bids';
 * ```
 */
export type BookSideName = 'bids' | 'asks';

interface Consumed {
  /** Base taken from the level by simulated orders. */
  readonly amount: Decimal;
  /** The level's amount in the book view it was taken from. */
  readonly seen: number;
}

/**
 * The liquidity simulated orders took from one market's book, per price
 * level, which market data knows nothing about (our orders never reach the
 * real exchange). A level stays depleted while later views show it with the
 * same amount as when it was taken; once a view shows another amount there
 * (or the level is gone) the exchange has updated past it and its new amount
 * is taken at face value.
 *
 * @example
 * ```ts
 * const consumed = new ConsumedLiquidity();
 * consumed.take('asks', 101, 2, new Decimal('1.5')); // took 1.5 of the 2 shown at 101
 * consumed.at('asks', 101, 2).toString(); // '1.5'
 * consumed.refresh(nextView); // forgotten if nextView shows 101 with another amount
 * ```
 */
export class ConsumedLiquidity {
  private readonly sides: Record<BookSideName, Map<number, Consumed>> = { bids: new Map(), asks: new Map() };

  /** Base already taken at `price` from a level currently showing `levelAmount`. */
  at(side: BookSideName, price: number, levelAmount: number): Decimal {
    const entry = this.sides[side].get(price);
    return entry !== undefined && entry.seen === levelAmount ? entry.amount : ZERO;
  }

  /** Records that `amount` was taken at `price` from a level showing `levelAmount`. */
  take(side: BookSideName, price: number, levelAmount: number, amount: Decimal): void {
    const map = this.sides[side];
    const entry = map.get(price);
    const before = entry !== undefined && entry.seen === levelAmount ? entry.amount : ZERO;
    map.set(price, { amount: before.plus(amount), seen: levelAmount });
  }

  /** Forgets every level whose amount in `view` differs from the one it was taken from. */
  refresh(view: OrderBookView): void {
    for (const side of ['bids', 'asks'] as const) {
      const map = this.sides[side];
      for (const [price, entry] of map) {
        if (levelAmountAt(view, side, price) !== entry.seen) map.delete(price);
      }
    }
  }

  /** Number of depleted levels held, both sides. */
  get size(): number {
    return this.sides.bids.size + this.sides.asks.size;
  }
}

/**
 * The amount of the level at exactly `price` on one side of `view`,
 * `undefined` when absent (binary search over ranks).
 *
 * @example
 * ```ts
 * levelAmountAt(view, 'asks', 101); // 2 for asks 101×2, 102×5
 * ```
 */
export function levelAmountAt(view: OrderBookView, side: BookSideName, price: number): number | undefined {
  const asks = side === 'asks';
  let lo = 0;
  let hi = (asks ? view.askCount : view.bidCount) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const p = asks ? view.askPrice(mid) : view.bidPrice(mid);
    if (p === price) return asks ? view.askAmount(mid) : view.bidAmount(mid);
    // Asks rise with rank, bids fall: move towards `price`.
    if (asks ? p < price : p > price) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
