/**
 * Live path throughput: book diffs pushed by the local fake exchange over a
 * real websocket, maintained by the real ccxt pro binance class, normalized
 * by `ccxtVenue` and run through core's `book()` into `OrderBookView`s.
 *
 * - burst: N diffs written at once; time until the view holding the N-th
 *   diff arrives (ccxt merges diffs that arrive together, so fewer views
 *   than diffs come out: conflation);
 * - ping-pong: one diff at a time, each waiting for its view; p50/p99 of the
 *   push → view round trip over the socket;
 * - normalize + book(): the per-update CPU cost of turning ccxt's book into a
 *   core view (snapshot copy + `OrderBook.applySnapshot` + `view(20)`), in
 *   isolation (tinybench).
 * Run: `pnpm bench connectors-live`.
 */
import { ccxtVenue } from '@arbot/connectors';
import { createCcxtExchangeForFake, startFakeExchange } from '@arbot/connectors/testing';
import { type Level, OrderBook, type OrderBookView } from '@arbot/core';
import { runSuite } from './report';

const LEVELS = 50;
const BURST = 20_000;
const PING_PONG = 2_000;

const bookSide = (start: number, step: number): Level[] =>
  Array.from({ length: LEVELS }, (_, i) => [start + i * step, 1 + (i % 7)] as const);

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

async function liveCases(): Promise<void> {
  const fake = await startFakeExchange({ markets: [{ symbol: 'BTC/USDT' }] });
  fake.setBook('BTC/USDT', { bids: bookSide(30_000, -0.5), asks: bookSide(30_000.5, 0.5) });
  const exchange = await createCcxtExchangeForFake('binance', fake, { enableRateLimit: false });
  const venue = ccxtVenue(exchange, { staleAfterMs: 0, syncClock: false });
  let latest: OrderBookView | undefined;
  let views = 0;
  let waiter: { seq: number; resolve: () => void } | undefined;
  const sub = venue.orderBook$('BTC/USDT', { depth: 20 }).subscribe((view) => {
    latest = view;
    views++;
    if (waiter !== undefined && (view.seq ?? 0) >= waiter.seq) {
      const done = waiter.resolve;
      waiter = undefined;
      done();
    }
  });
  const viewAt = (seq: number) =>
    (latest?.seq ?? 0) >= seq ? Promise.resolve() : new Promise<void>((resolve) => (waiter = { seq, resolve }));
  await viewAt(fake.book('BTC/USDT').lastUpdateId);

  // Each diff moves one level near the touch on each side (2 levels per diff).
  const push = (i: number) =>
    fake.updateBook('BTC/USDT', { bids: [[30_000 - (i % 10) * 0.5, 1 + (i % 5)]], asks: [[30_000.5 + (i % 10) * 0.5, 1 + (i % 3)]] });

  // Warm-up, then the burst.
  for (let i = 0; i < 2_000; i++) push(i);
  await viewAt(fake.book('BTC/USDT').lastUpdateId);
  views = 0;
  const before = venue.stats().messages;
  const t0 = performance.now();
  for (let i = 0; i < BURST; i++) push(i);
  // One thread: the client cannot read while the fake writes, so the rest is client-side work.
  const pushMs = performance.now() - t0;
  await viewAt(fake.book('BTC/USDT').lastUpdateId);
  const burstMs = performance.now() - t0;
  const clientMs = burstMs - pushMs;
  const burstViews = views;
  const frames = venue.stats().messages - before;

  const roundTrips: number[] = [];
  for (let i = 0; i < PING_PONG; i++) {
    const start = performance.now();
    push(i + 1);
    await viewAt(fake.book('BTC/USDT').lastUpdateId);
    roundTrips.push(performance.now() - start);
  }
  roundTrips.sort((a, b) => a - b);

  sub.unsubscribe();
  await venue.close();
  await fake.close();

  console.log('\n## connectors live: fake Binance → ws → ccxt.pro.binance → ccxtVenue → book()');
  console.log('| case | figure |');
  console.log('|---|---|');
  console.log(
    `| burst: ${BURST} diffs (2 levels each, 50-level book), end to end | ${((BURST / burstMs) * 1000).toFixed(0)} diffs/s (${burstMs.toFixed(0)} ms) |`,
  );
  console.log(
    `| burst: client side only (ws decode + ccxt + ccxtVenue + book()) | ${((BURST / clientMs) * 1000).toFixed(0)} diffs/s (${clientMs.toFixed(0)} ms; the fake's encoding took ${pushMs.toFixed(0)} ms) |`,
  );
  console.log(
    `| burst: frames received / views emitted | ${frames} / ${burstViews} (conflation ${(frames / Math.max(1, burstViews)).toFixed(1)} diffs per view) |`,
  );
  console.log(
    `| ping-pong: push → view, ${PING_PONG} diffs | p50 ${quantile(roundTrips, 0.5).toFixed(3)} ms, p99 ${quantile(roundTrips, 0.99).toFixed(3)} ms |`,
  );
}

async function normalizeCase(): Promise<void> {
  // A ccxt-shaped book (arrays of [price, amount]) with 50 levels a side, cut to 20 like the live case.
  const ccxtBook = { bids: bookSide(30_000, -0.5), asks: bookSide(30_000.5, 0.5), nonce: 1, timestamp: 1_700_000_000_000 };
  const target = new OrderBook({ venue: 'binance', symbol: 'BTC/USDT' });
  let seq = 1;
  await runSuite('connectors live: per-update normalization + book() (CPU only)', [
    {
      name: 'ccxt book (50 levels) → snapshot(20) → applySnapshot → view(20)',
      fn: () => {
        seq++;
        target.applySnapshot({
          type: 'snapshot',
          venue: 'binance',
          symbol: 'BTC/USDT',
          ts: ccxtBook.timestamp,
          recvTs: ccxtBook.timestamp,
          seq,
          bids: ccxtBook.bids.slice(0, 20),
          asks: ccxtBook.asks.slice(0, 20),
        });
        return target.view(20);
      },
    },
  ]);
}

export default async function run(): Promise<void> {
  await liveCases();
  await normalizeCase();
}
