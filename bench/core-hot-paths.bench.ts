/**
 * Core hot paths that other packages call per event: the market checks of
 * every emitted leg (`orderViolations` / `checkOrder` / `fitOrder` /
 * `tradeFee`), `BookSet.with` per book update on a 2,000-market venue, the
 * validation of each replayed book event, and `PortfolioLedger.applyFill`
 * per simulated fill. Run: `pnpm bench core-hot-paths`.
 */
import {
  BookSet,
  Decimal,
  type Fill,
  OrderBook,
  type OrderBookView,
  parseFill,
  parseMarket,
  parseOrderBookDelta,
  PortfolioLedger,
  VirtualClock,
  checkOrder,
  fitOrder,
  orderViolations,
  tradeFee,
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
  await runSuite('catalog: market checks of an emitted leg', [
    { name: 'orderViolations (Decimals)', fn: () => orderViolations(btcUsdt, leg) },
    { name: 'checkOrder (Decimals)', fn: () => checkOrder(btcUsdt, leg) },
    { name: 'fitOrder (Decimals)', fn: () => fitOrder(btcUsdt, { side: 'sell', amount, priceLimit: price }) },
    { name: 'tradeFee (Decimal)', fn: () => tradeFee(btcUsdt, notional, 'taker') },
  ]);
}

const SYMBOLS = 2_000;

function viewOf(venue: string, symbol: string, bid: number): OrderBookView {
  const book = new OrderBook({ venue, symbol });
  book.applySnapshot({ type: 'snapshot', venue, symbol, ts: 1, recvTs: 1, seq: 1, bids: [[bid, 1]], asks: [[bid + 1, 1]] });
  return book.view();
}

async function bookSetSuite(): Promise<void> {
  const views = Array.from({ length: SYMBOLS }, (_, i) => viewOf('binance', `S${i}/USDT`, 100 + i));
  const full = views.slice(1).reduce((set, view) => set.with(view), BookSet.of(views[0] as OrderBookView));
  let set = full;
  let next = 0;
  await runSuite(`book: BookSet.with on a ${SYMBOLS.toLocaleString('en')}-market venue`, [
    {
      name: 'BookSet.with + get',
      fn: () => {
        const view = views[next] as OrderBookView;
        next = (next + 7) % SYMBOLS;
        set = set.with(view);
        return set.get(view.venue, view.symbol);
      },
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

async function replaySuite(): Promise<void> {
  const inputs = Array.from({ length: 256 }, (_, i) => deltaInput(i));
  let next = 0;
  await runSuite('model: validating a replayed 8-level order book delta', [
    {
      name: 'parseOrderBookDelta',
      fn: () => parseOrderBookDelta(inputs[next++ & 255]),
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

async function ledgerSuite(): Promise<void> {
  const market = { base: 'BTC', quote: 'USDT' };
  const ledger = new PortfolioLedger({ valuationCurrency: 'USDT', clock: new VirtualClock() });
  ledger.setPrice('BTC', '30000');
  ledger.deposit('binance', 'USDT', '1000000');
  ledger.deposit('binance', 'BTC', '10');
  ledger.deposit('okx', 'USDT', '1000000');
  const fills = Array.from({ length: 256 }, (_, i) => ledgerFill(i, i % 2 === 0 ? 'buy' : 'sell'));
  let next = 0;
  const locked = new PortfolioLedger({ valuationCurrency: 'USDT', clock: new VirtualClock() });
  locked.setPrice('BTC', '30000');
  locked.deposit('binance', 'USDT', '1000000');
  locked.deposit('binance', 'BTC', '10');
  let lockedNext = 0;
  await runSuite('ledger: PortfolioLedger.applyFill', [
    {
      name: 'applyFill (free funds)',
      fn: () => {
        ledger.applyFill(fills[next++ & 255] as Fill, market);
      },
    },
    {
      // The simulated venue's pattern: funds reserved under the order id at placement, the fill draws on them.
      name: 'reserve + applyFill fromLocked',
      fn: () => {
        const fill = fills[lockedNext++ & 255] as Fill;
        const [asset, amount] = fill.side === 'buy' ? ['USDT', fill.price.times(fill.amount).plus(fill.fee.amount)] : ['BTC', fill.amount];
        locked.reserve('binance', asset, amount, fill.orderId);
        locked.applyFill(fill, market, { fromLocked: true, reservationKey: fill.orderId });
      },
    },
  ]);
}

export default async function run(): Promise<void> {
  await catalogSuite();
  await bookSetSuite();
  await replaySuite();
  await ledgerSuite();
}
