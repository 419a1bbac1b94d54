/**
 * Core hot paths that other packages call per event: the market checks of
 * every emitted leg (`orderViolations` / `checkOrder` / `fitOrder` /
 * `tradeFee`), `BookSet.with` per book update on a 2,000-market venue, the
 * validation of each replayed book event, and `PortfolioLedger.applyFill`
 * per simulated fill. Run: `pnpm bench core-hot-paths`.
 *
 * Each suite keeps the path it replaced as a baseline where that path is
 * still reachable: zod parsing of the same leg given as decimal strings
 * (the checks' fast path takes Decimals and numbers only), the previous
 * `BookSet` (a copy of the whole symbol map per update, kept here as
 * `MapCopyBookSet`), and `parseWith` on the exported book event schemas.
 * The ledger's previous path is gone (zod on every fill, copied Decimals
 * and reservation maps): for it, run this file against an earlier core.
 */
import {
  BookSet,
  checkOrder,
  Decimal,
  type Fill,
  fitOrder,
  OrderBook,
  OrderBookDeltaSchema,
  type OrderBookSnapshot,
  OrderBookSnapshotSchema,
  type OrderBookView,
  orderViolations,
  PortfolioLedger,
  parseFill,
  parseMarket,
  parseOrderBookDelta,
  parseOrderBookSnapshot,
  parseWith,
  tradeFee,
  VirtualClock,
} from '@arbot/core';
import { runSuite } from './report';

/** Binance BTC/USDT: tick 0.01, lot 0.00001, min notional 10, taker 0.1 %. */
const btcUsdt = parseMarket({
  venue: 'binance',
  symbol: 'BTC/USDT',
  id: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  precision: { amount: '0.00001', price: '0.01' },
  limits: { amount: { min: '0.00001', max: '9000' }, price: { min: '0.01', max: '1000000' }, cost: { min: '10' } },
  fees: { maker: '0.001', taker: '0.001' },
});

async function catalogSuite(): Promise<void> {
  // A detector's leg: Decimals straight from core, on the grid.
  const amount = new Decimal('0.12345');
  const price = new Decimal('30000.01');
  const notional = amount.times(price);
  const leg = { side: 'buy' as const, amount, price };
  // The same values as strings take the zod path, as every call did before the fast path.
  const stringLeg = { side: 'buy' as const, amount: amount.toString(), price: price.toString() };
  await runSuite('catalog: market checks of an emitted leg', [
    { name: 'orderViolations, zod path (strings)', fn: () => orderViolations(btcUsdt, stringLeg) },
    { name: 'orderViolations (Decimals)', fn: () => orderViolations(btcUsdt, leg), baseline: 'orderViolations, zod path (strings)' },
    { name: 'checkOrder, zod path (strings)', fn: () => checkOrder(btcUsdt, stringLeg) },
    { name: 'checkOrder (Decimals)', fn: () => checkOrder(btcUsdt, leg), baseline: 'checkOrder, zod path (strings)' },
    {
      name: 'fitOrder, zod path (strings)',
      fn: () => fitOrder(btcUsdt, { side: 'sell', amount: stringLeg.amount, priceLimit: stringLeg.price }),
    },
    {
      name: 'fitOrder (Decimals)',
      fn: () => fitOrder(btcUsdt, { side: 'sell', amount, priceLimit: price }),
      baseline: 'fitOrder, zod path (strings)',
    },
    { name: 'tradeFee, zod path (string)', fn: () => tradeFee(btcUsdt, notional.toString(), 'taker') },
    { name: 'tradeFee (Decimal)', fn: () => tradeFee(btcUsdt, notional, 'taker'), baseline: 'tradeFee, zod path (string)' },
  ]);
}

const SYMBOLS = 2_000;

function viewOf(venue: string, symbol: string, bid: number): OrderBookView {
  const book = new OrderBook({ venue, symbol });
  book.applySnapshot({ type: 'snapshot', venue, symbol, ts: 1, recvTs: 1, seq: 1, bids: [[bid, 1]], asks: [[bid + 1, 1]] });
  return book.view();
}

type ByVenue = ReadonlyMap<string, OrderBookView>;

/** The previous `BookSet.with`: copy-on-write of the whole symbol map, O(symbols) per update. */
class MapCopyBookSet {
  constructor(private readonly bySymbol: ReadonlyMap<string, ByVenue>) {}

  with(view: OrderBookView): MapCopyBookSet {
    const nextVenues = new Map(this.bySymbol.get(view.symbol));
    nextVenues.set(view.venue, view);
    const nextBySymbol = new Map(this.bySymbol);
    nextBySymbol.set(view.symbol, nextVenues);
    return new MapCopyBookSet(nextBySymbol);
  }

  get(venue: string, symbol: string): OrderBookView | undefined {
    return this.bySymbol.get(symbol)?.get(venue);
  }
}

async function bookSetSuite(): Promise<void> {
  const views = Array.from({ length: SYMBOLS }, (_, i) => viewOf('binance', `S${i}/USDT`, 100 + i));
  let set = views.slice(1).reduce((acc, view) => acc.with(view), BookSet.of(views[0] as OrderBookView));
  let copied = views.reduce((acc, view) => acc.with(view), new MapCopyBookSet(new Map()));
  let next = 0;
  let nextCopied = 0;
  await runSuite(`book: BookSet.with on a ${SYMBOLS.toLocaleString('en')}-market venue (update + one lookup)`, [
    {
      name: 'map copy per update (previous)',
      fn: () => {
        const view = views[nextCopied] as OrderBookView;
        nextCopied = (nextCopied + 7) % SYMBOLS;
        copied = copied.with(view);
        return copied.get(view.venue, view.symbol);
      },
    },
    {
      name: 'BookSet.with + get',
      fn: () => {
        const view = views[next] as OrderBookView;
        next = (next + 7) % SYMBOLS;
        set = set.with(view);
        return set.get(view.venue, view.symbol);
      },
      baseline: 'map copy per update (previous)',
    },
  ]);
}

/** A Binance-like diff: 4 bids + 4 asks, the shape of the replay benchmark's recording. */
function deltaInput(i: number): unknown {
  const p = (i * 7919) % 80;
  return {
    type: 'delta',
    venue: 'binance',
    symbol: 'BTC/USDT',
    ts: 1_700_000_000_000 + i,
    recvTs: 1_700_000_000_001 + i,
    seq: 1_004 + i,
    firstSeq: 1_001 + i,
    bids: [
      [30_000 - p * 0.5, (i % 4) * 0.75],
      [29_990 - p * 0.5, 2.5],
      [29_980 - (p % 9), 0.25],
      [29_970 - (p % 13), 1.5],
    ],
    asks: [
      [30_000.5 + p * 0.5, (i % 3) * 0.5],
      [30_010.5 + p * 0.5, 1.25],
      [30_020 + (p % 11), 0],
      [30_030 + (p % 7), 3],
    ],
  };
}

/** A 20-level snapshot, the depth of a Binance partial book stream. */
function snapshotInput(i: number): unknown {
  return {
    type: 'snapshot',
    venue: 'binance',
    symbol: 'BTC/USDT',
    ts: 1_700_000_000_000 + i,
    recvTs: 1_700_000_000_001 + i,
    seq: 1_000 + i,
    bids: Array.from({ length: 20 }, (_, k) => [30_000 - k * 0.5 - (i % 3), 1 + ((i + k) % 7)]),
    asks: Array.from({ length: 20 }, (_, k) => [30_000.5 + k * 0.5 + (i % 5), 1 + ((i + k) % 5)]),
  };
}

async function replaySuite(): Promise<void> {
  const deltas = Array.from({ length: 256 }, (_, i) => deltaInput(i));
  const snapshots = Array.from({ length: 256 }, (_, i) => snapshotInput(i));
  let d = 0;
  let s = 0;
  await runSuite('model: validating replayed book events', [
    { name: '8-level delta, zod (previous)', fn: () => parseWith(OrderBookDeltaSchema, deltas[d++ & 255], 'order book delta') },
    {
      name: '8-level delta, parseOrderBookDelta',
      fn: () => parseOrderBookDelta(deltas[d++ & 255]),
      baseline: '8-level delta, zod (previous)',
    },
    {
      name: '20+20 snapshot, zod (previous)',
      fn: (): OrderBookSnapshot => parseWith(OrderBookSnapshotSchema, snapshots[s++ & 255], 'order book snapshot'),
    },
    {
      name: '20+20 snapshot, parseOrderBookSnapshot',
      fn: () => parseOrderBookSnapshot(snapshots[s++ & 255]),
      baseline: '20+20 snapshot, zod (previous)',
    },
  ]);
}

function ledgerFill(i: number, side: 'buy' | 'sell'): Fill {
  const price = side === 'buy' ? '30000' : '30010';
  return parseFill({
    id: `f-${i}`,
    orderId: `o-${i}`,
    venue: 'binance',
    symbol: 'BTC/USDT',
    side,
    price,
    amount: '0.01',
    fee: { asset: 'USDT', amount: new Decimal(price).times('0.01').times('0.001').toString() },
    liquidity: 'taker',
    ts: i,
  });
}

/** A ledger holding 1M USDT and 10 BTC on binance, BTC marked at 30,000; optionally with open orders' reservations. */
function fundedLedger(openOrders: number): PortfolioLedger {
  const ledger = new PortfolioLedger({ valuationCurrency: 'USDT', clock: new VirtualClock() });
  ledger.setPrice('BTC', '30000');
  ledger.deposit('binance', 'USDT', '1000000');
  ledger.deposit('binance', 'BTC', '10');
  ledger.deposit('okx', 'USDT', '1000000');
  for (let i = 0; i < openOrders; i++) ledger.reserve('binance', 'USDT', '10', `resting-${i}`);
  return ledger;
}

/** The simulated venue's pattern: funds reserved under the order id at placement, the fill draws on them. */
function reserveAndFill(ledger: PortfolioLedger, fill: Fill): void {
  const market = { base: 'BTC', quote: 'USDT' };
  const [asset, amount] = fill.side === 'buy' ? ['USDT', fill.price.times(fill.amount).plus(fill.fee.amount)] : ['BTC', fill.amount];
  ledger.reserve('binance', asset, amount, fill.orderId);
  ledger.applyFill(fill, market, { fromLocked: true, reservationKey: fill.orderId });
}

async function ledgerSuite(): Promise<void> {
  const market = { base: 'BTC', quote: 'USDT' };
  const fills = Array.from({ length: 256 }, (_, i) => ledgerFill(i, i % 2 === 0 ? 'buy' : 'sell'));
  const free = fundedLedger(0);
  const locked = fundedLedger(0);
  const busy = fundedLedger(200);
  let a = 0;
  let b = 0;
  let c = 0;
  await runSuite('ledger: PortfolioLedger.applyFill', [
    { name: 'applyFill (free funds)', fn: () => free.applyFill(fills[a++ & 255] as Fill, market) },
    { name: 'reserve + applyFill fromLocked', fn: () => reserveAndFill(locked, fills[b++ & 255] as Fill) },
    { name: 'reserve + applyFill, 200 open orders', fn: () => reserveAndFill(busy, fills[c++ & 255] as Fill) },
  ]);
}

export default async function run(): Promise<void> {
  await catalogSuite();
  await bookSetSuite();
  await replaySuite();
  await ledgerSuite();
}
