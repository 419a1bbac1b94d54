/**
 * L2 order book: applying deltas and walking the depth, ours vs ccxt pro's
 * own order book (`Exchange.orderBook()`, the `OrderBook`/`Bids`/`Asks`
 * classes ccxt pro's watchers maintain) vs a naive sorted array of tuples.
 * Run: `pnpm bench order-book`.
 */
import { type DepthWalk, type Level, OrderBook, type OrderBookDelta, type OrderBookSnapshot } from '@arbot/core';
import { pro } from 'ccxt';
import { orderBookBenchData } from './order-book-fixtures';
import { runSuite } from './report';

const DELTAS_PER_CALL = 1_000;

/** The part of ccxt pro's order book the benchmark drives (ccxt types its sides loosely). */
interface CcxtBook {
  nonce: number | undefined;
  readonly bids: CcxtSide;
  readonly asks: CcxtSide;
  reset(snapshot: { bids: number[][]; asks: number[][]; nonce: number | undefined }): unknown;
}
interface CcxtSide extends ArrayLike<number[]> {
  store(price: number, amount: number): void;
}

/** Replays `deltas` in a loop; at the end of the array it reloads the snapshot so sequence ids stay valid. */
function replayer(deltas: readonly OrderBookDelta[], apply: (delta: OrderBookDelta) => void, reload: () => void): (count: number) => void {
  let next = 0;
  return (count) => {
    for (let n = 0; n < count; n++) {
      if (next === deltas.length) {
        reload();
        next = 0;
      }
      apply(deltas[next++] as OrderBookDelta);
    }
  };
}

/** ccxt pro's handling of a Binance spot diff: the U/u check of `handleOrderBook`, then `store` per level. */
function ccxtApply(book: CcxtBook, delta: OrderBookDelta): void {
  const nonce = book.nonce ?? 0;
  if (delta.seq <= nonce) return;
  if ((delta.firstSeq ?? delta.seq) - 1 !== nonce) throw new Error(`ccxt baseline out of sequence at ${delta.seq}`);
  for (const [price, amount] of delta.asks) book.asks.store(price, amount);
  for (const [price, amount] of delta.bids) book.bids.store(price, amount);
  book.nonce = delta.seq;
}

/** A naive book: `[price, amount]` tuples best first, linear search, splice. */
class NaiveSortedBook {
  seq: number;
  bids: [number, number][] = [];
  asks: [number, number][] = [];

  constructor(private readonly snapshot: OrderBookSnapshot) {
    this.seq = 0;
    this.reset();
  }

  reset(): void {
    this.bids = this.snapshot.bids.map(([p, a]) => [p, a]);
    this.asks = this.snapshot.asks.map(([p, a]) => [p, a]);
    this.seq = this.snapshot.seq ?? 0;
  }

  apply(delta: OrderBookDelta): void {
    if (delta.seq <= this.seq) return;
    if ((delta.firstSeq ?? delta.seq) !== this.seq + 1) throw new Error(`naive baseline out of sequence at ${delta.seq}`);
    for (const [price, amount] of delta.bids) setLevel(this.bids, price, amount, (a, b) => a > b);
    for (const [price, amount] of delta.asks) setLevel(this.asks, price, amount, (a, b) => a < b);
    this.seq = delta.seq;
  }
}

function setLevel(levels: [number, number][], price: number, amount: number, better: (a: number, b: number) => boolean): void {
  const i = levels.findIndex(([p]) => !better(p, price));
  const found = i !== -1 && (levels[i] as [number, number])[0] === price;
  if (amount === 0) {
    if (found) levels.splice(i, 1);
  } else if (found) {
    (levels[i] as [number, number])[1] = amount;
  } else {
    levels.splice(i === -1 ? levels.length : i, 0, [price, amount]);
  }
}

/** The same partial-level walk as ours, over ccxt's best-first `[price, amount]` rows. */
function ccxtCostToBuy(asks: ArrayLike<number[]>, base: number): DepthWalk {
  let filled = 0;
  let cost = 0;
  let worst = Number.NaN;
  for (let i = 0; i < asks.length; i++) {
    const row = asks[i] as number[];
    const price = row[0] as number;
    const amount = row[1] as number;
    const remaining = base - filled;
    worst = price;
    if (amount >= remaining) {
      cost += remaining * price;
      return { filled: base, cost, average: cost / base, worst, complete: true };
    }
    filled += amount;
    cost += amount * price;
  }
  return { filled, cost, average: cost / filled, worst, complete: false };
}

/** Base amount whose walk ends halfway into the `levels`-th best ask. */
function baseReaching(asks: readonly Level[], levels: number): number {
  let base = 0;
  for (let i = 0; i < levels - 1; i++) base += (asks[i] as Level)[1];
  return base + (asks[levels - 1] as Level)[1] / 2;
}

export default async function run(): Promise<void> {
  const data = orderBookBenchData({ seed: 42, levels: 1_000, deltas: 100_000 });
  const { snapshot, deltas } = data;
  console.log(
    `\n${deltas.length} deltas, ${data.levelsPerDelta.toFixed(2)} level changes per delta, ` +
      `${snapshot.bids.length}+${snapshot.asks.length} levels at start, ${DELTAS_PER_CALL} deltas per call`,
  );

  const ours = new OrderBook({ venue: snapshot.venue, symbol: snapshot.symbol });
  ours.applySnapshot(snapshot);
  const applyOurs = replayer(
    deltas,
    (delta) => {
      const result = ours.applyDelta(delta);
      if (result.status !== 'applied') throw new Error(`order book rejected delta ${delta.seq}: ${JSON.stringify(result)}`);
    },
    () => ours.applySnapshot(snapshot),
  );

  const withViews = new OrderBook({ venue: snapshot.venue, symbol: snapshot.symbol });
  withViews.applySnapshot(snapshot);
  let lastView: unknown;
  const applyWithViews = replayer(
    deltas,
    (delta) => {
      withViews.applyDelta(delta);
      lastView = withViews.view(20);
    },
    () => withViews.applySnapshot(snapshot),
  );

  const ccxtSnapshot = () => ({
    bids: snapshot.bids.map(([p, a]) => [p, a]),
    asks: snapshot.asks.map(([p, a]) => [p, a]),
    nonce: snapshot.seq,
  });
  const ccxtBook = new pro.binance().orderBook(ccxtSnapshot()) as unknown as CcxtBook;
  const applyCcxt = replayer(
    deltas,
    (delta) => ccxtApply(ccxtBook, delta),
    () => ccxtBook.reset(ccxtSnapshot()),
  );

  const naive = new NaiveSortedBook(snapshot);
  const applyNaive = replayer(
    deltas,
    (delta) => naive.apply(delta),
    () => naive.reset(),
  );

  // Sanity: after the same deltas every implementation holds the same book.
  applyOurs(5_000);
  applyCcxt(5_000);
  applyNaive(5_000);
  checkSameTop(ours, ccxtBook, naive);

  await runSuite('order book: apply deltas (1,000-level book, per delta)', [
    { name: 'ccxt pro OrderBook (store per level)', fn: () => applyCcxt(DELTAS_PER_CALL), opsPerCall: DELTAS_PER_CALL },
    {
      name: 'naive sorted tuple array',
      fn: () => applyNaive(DELTAS_PER_CALL),
      opsPerCall: DELTAS_PER_CALL,
      baseline: 'ccxt pro OrderBook (store per level)',
    },
    {
      name: 'OrderBook.applyDelta (ours)',
      fn: () => applyOurs(DELTAS_PER_CALL),
      opsPerCall: DELTAS_PER_CALL,
      baseline: 'ccxt pro OrderBook (store per level)',
    },
    {
      name: 'ours + view(20) per delta',
      fn: () => applyWithViews(DELTAS_PER_CALL),
      opsPerCall: DELTAS_PER_CALL,
      baseline: 'ccxt pro OrderBook (store per level)',
    },
  ]);
  if (lastView === undefined) throw new Error('no view taken');

  // Depth walks on the untouched snapshot book.
  const walkBook = new OrderBook({ venue: snapshot.venue, symbol: snapshot.symbol });
  walkBook.applySnapshot(snapshot);
  const ccxtWalkBook = new pro.binance().orderBook(ccxtSnapshot()) as unknown as CcxtBook;
  const asks = walkBook.asks();
  const cases = [];
  let sink = 0;
  for (const levels of [1, 10, 100]) {
    const base = baseReaching(asks, levels);
    const oursWalk = walkBook.costToBuy(base);
    const ccxtWalk = ccxtCostToBuy(ccxtWalkBook.asks, base);
    if (oursWalk.worst !== ccxtWalk.worst || Math.abs(oursWalk.cost - ccxtWalk.cost) > 1e-6 * ccxtWalk.cost) {
      throw new Error(`walks disagree at ${levels} levels: ${JSON.stringify([oursWalk, ccxtWalk])}`);
    }
    const reps = levels === 100 ? 100 : 1_000;
    const ccxtName = `ccxt book walk, ${levels} level${levels === 1 ? '' : 's'}`;
    cases.push(
      {
        name: ccxtName,
        fn: () => {
          for (let r = 0; r < reps; r++) sink += ccxtCostToBuy(ccxtWalkBook.asks, base).cost;
        },
        opsPerCall: reps,
      },
      {
        name: `costToBuy (ours), ${levels} level${levels === 1 ? '' : 's'}`,
        fn: () => {
          for (let r = 0; r < reps; r++) sink += walkBook.costToBuy(base).cost;
        },
        opsPerCall: reps,
        baseline: ccxtName,
      },
    );
  }
  await runSuite('order book: costToBuy depth walk (per walk)', cases);
  if (!Number.isFinite(sink)) throw new Error('walk results were not finite');
}

function checkSameTop(ours: OrderBook, ccxtBook: CcxtBook, naive: NaiveSortedBook): void {
  const top = (rows: ArrayLike<ArrayLike<number>>, n: number) =>
    Array.from({ length: Math.min(n, rows.length) }, (_, i) => Array.from(rows[i] as ArrayLike<number>));
  const expected = JSON.stringify([ours.bids(50), ours.asks(50), ours.bidCount, ours.askCount]);
  const ccxt = JSON.stringify([top(ccxtBook.bids, 50), top(ccxtBook.asks, 50), ccxtBook.bids.length, ccxtBook.asks.length]);
  const plain = JSON.stringify([top(naive.bids, 50), top(naive.asks, 50), naive.bids.length, naive.asks.length]);
  if (ccxt !== expected || plain !== expected) throw new Error('order book implementations disagree after the same deltas');
}
