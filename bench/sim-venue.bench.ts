/**
 * Simulated venue: orders matched per second against a 1,000-level book.
 * Full venue path (checks, reservation, matching, consumed-liquidity overlay,
 * ledger, reports) for market orders walking 1, 10 and 100 levels and IOC
 * limits; then the matching core alone vs a naive matcher that copies the
 * side into Decimal tuples before walking it. Run: `pnpm bench sim-venue`.
 */
import {
  type Candle,
  Decimal,
  type Level,
  type Market,
  type MarketDataVenue,
  OrderBook,
  type OrderBookView,
  type OrderRequestInput,
  parseMarket,
  type Ticker,
  type Trade,
  VirtualClock,
} from '@arbot/core';
import { NEVER, type Observable, Subject } from 'rxjs';
import { ConsumedLiquidity } from '../packages/connectors/src/sim/consumed-liquidity';
import { simVenue } from '../packages/connectors/src/sim/index';
import { takeLiquidity } from '../packages/connectors/src/sim/take-liquidity';
import { runSuite } from './report';

const LEVELS = 1_000;
const TICK = 0.01;

const market: Market = parseMarket({
  venue: 'bench',
  symbol: 'BTC/USDT',
  id: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  precision: { amount: '0.001', price: '0.01' },
  limits: { amount: { min: '0.001' }, cost: { min: '1' } },
  fees: { maker: '0.001', taker: '0.001' },
});

/** A 1,000-level book: asks 100.01, 100.02, … and bids 99.99, 99.98, …, each level `amount` deep. */
function bookView(amount: number): OrderBookView {
  const asks: Level[] = [];
  const bids: Level[] = [];
  for (let i = 0; i < LEVELS; i++) {
    asks.push([Number((100 + (i + 1) * TICK).toFixed(2)), amount]);
    bids.push([Number((100 - (i + 1) * TICK).toFixed(2)), amount]);
  }
  const book = new OrderBook({ venue: 'bench', symbol: 'BTC/USDT' });
  book.applySnapshot({ type: 'snapshot', venue: 'bench', symbol: 'BTC/USDT', ts: 0, recvTs: 0, bids, asks });
  return book.view();
}

/** Market data for one symbol whose books are pushed by the benchmark. */
class PushedMarketData implements MarketDataVenue {
  readonly id = 'bench';
  readonly books = new Subject<OrderBookView>();
  markets(): Promise<readonly Market[]> {
    return Promise.resolve([market]);
  }
  orderBook$(): Observable<OrderBookView> {
    return this.books.asObservable();
  }
  trades$(): Observable<Trade> {
    return NEVER;
  }
  ticker$(): Observable<Ticker> {
    return NEVER;
  }
  candles$(): Observable<Candle> {
    return NEVER;
  }
}

/**
 * One venue per case: each call pushes a fresh book (alternating two views
 * whose level amounts differ, so what the previous order consumed is
 * offered again), places a buy, pushes the other view, places a sell.
 */
function venueCase(orderFor: (side: 'buy' | 'sell') => Omit<OrderRequestInput, 'venue' | 'symbol' | 'side'>): () => void {
  const data = new PushedMarketData();
  const venue = simVenue(data, {
    clock: new VirtualClock(),
    markets: [market],
    balances: { USDT: '1000000000', BTC: '10000000' },
    startPrices: { BTC: '100' },
    symbols: ['BTC/USDT'],
  });
  // Marked, as in a backtest tracking equity: with an unmarked balance every ledger change pays for a caught MissingPriceError.
  venue.ledger.setPrice('BTC', '100');
  const views = [bookView(1), bookView(1.001)];
  const failures: unknown[] = [];
  const fail = (err: unknown) => failures.push(err);
  let flip = 0;
  return () => {
    if (failures.length > 0) throw failures[0];
    for (const side of ['buy', 'sell'] as const) {
      data.books.next(views[flip++ & 1] as OrderBookView);
      // Zero latency: the order is matched synchronously inside placeOrder.
      venue.placeOrder({ venue: 'bench', symbol: 'BTC/USDT', side, ...orderFor(side) }).catch(fail);
    }
  };
}

/** The straightforward matcher: copy the whole side into Decimal levels, then walk it. */
function naiveWalk(view: OrderBookView, amount: Decimal): Decimal {
  const levels = view.asks().map(([p, a]) => [new Decimal(p), new Decimal(a)] as const);
  let left = amount;
  let cost = new Decimal(0);
  for (const [price, size] of levels) {
    if (left.isZero()) break;
    const take = Decimal.min(left, size);
    cost = cost.plus(take.times(price));
    left = left.minus(take);
  }
  return cost;
}

export default async function run(): Promise<void> {
  console.log(`\n${LEVELS} levels per side; every order walks a freshly pushed book; latency 0`);
  const marketOrder = (amount: string) => () => ({ type: 'market' as const, amount });
  const ioc10 = (side: 'buy' | 'sell') => ({
    type: 'limit' as const,
    amount: '50',
    price: side === 'buy' ? '100.10' : '99.90',
    timeInForce: 'IOC' as const,
  });
  await runSuite('sim venue: orders matched against a 1,000-level book (full venue path)', [
    { name: 'market, 1 level', fn: venueCase(marketOrder('0.5')), opsPerCall: 2 },
    { name: 'market, 10 levels', fn: venueCase(marketOrder('9.5')), opsPerCall: 2 },
    { name: 'market, 100 levels', fn: venueCase(marketOrder('99.5')), opsPerCall: 2 },
    { name: 'IOC limit, 10 levels then expire', fn: venueCase(ioc10), opsPerCall: 2 },
  ]);

  const view = bookView(1);
  const overlay = new ConsumedLiquidity();
  const step = market.precision.amount;
  const core = (amount: string) => {
    const want = new Decimal(amount);
    return () => takeLiquidity(view, overlay, { side: 'buy', want, limit: undefined, step, budget: undefined });
  };
  const naive = (amount: string) => {
    const want = new Decimal(amount);
    return () => naiveWalk(view, want);
  };
  await runSuite('matching core: walk of a 1,000-level side, ours vs copy-then-walk', [
    { name: 'naive, 1 level', fn: naive('0.5') },
    { name: 'takeLiquidity, 1 level', fn: core('0.5'), baseline: 'naive, 1 level' },
    { name: 'naive, 10 levels', fn: naive('9.5') },
    { name: 'takeLiquidity, 10 levels', fn: core('9.5'), baseline: 'naive, 10 levels' },
    { name: 'naive, 100 levels', fn: naive('99.5') },
    { name: 'takeLiquidity, 100 levels', fn: core('99.5'), baseline: 'naive, 100 levels' },
  ]);
}
