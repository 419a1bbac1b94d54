/**
 * `@arbot/backtest` throughput: events per second through `runBacktest` on a
 * generated three-venue recording (10-level BTC/USDT books: a snapshot every
 * 200 updates, deltas in between, the venues' mids drifting apart now and
 * then), in three configurations:
 *
 * - replay: the k-way merge of the feeds, the virtual clock and the marks;
 * - replay + book: the pipeline also keeps each venue's book (`orderBook$`, depth 10);
 * - full pipeline: books, spatial detector, risk gate, executor and the
 *   simulated venues (matching, latency, ledger) on top.
 *
 * Each figure is the median of three timed runs after a warm-up; peak heap
 * is sampled while running. Run: `pnpm bench backtest`.
 */

import { type BacktestContext, type BacktestOptions, runBacktest } from '@arbot/backtest';
import { seededRandom } from '@arbot/connectors';
import {
  books,
  type ExecutionReport,
  executeOpportunities,
  type Market,
  type OrderBookDelta,
  type OrderBookEvent,
  type OrderBookSnapshot,
  parseMarket,
} from '@arbot/core';
import { minNetBps, notionalLimits, riskGate } from '@arbot/risk';
import { detectSpatialArbitrage } from '@arbot/strategies';
import { EMPTY, ignoreElements, merge, type Observable, Subject, tap } from 'rxjs';

const VENUES = ['alpha', 'beta', 'gamma'] as const;
const LEVELS = 10;
const TICK = 0.01;

/** One generated level `k` (0 = best) of a side around `centre`. */
function level(centre: number, side: 1 | -1, k: number, random: () => number): [number, number] {
  return [Math.round((centre - side * (0.5 + k) * TICK * 10) * 100) / 100, Math.round((0.05 + random() * 2) * 1000) / 1000];
}

/** A lazily generated book feed of one venue: `count` events, 10 ms apart, time-shifted by `offset`. */
function* venueFeed(venue: string, count: number, offset: number, seed: number): Generator<OrderBookEvent> {
  const random = seededRandom(seed);
  const common = seededRandom(7); // the same market-wide walk for every venue
  let mid = 30_000;
  let skew = 0;
  let seq = 1;
  for (let i = 0; i < count; i++) {
    mid += (common() - 0.5) * 2;
    skew = skew * 0.98 + (random() - 0.5) * 8;
    const centre = Math.round((mid + skew) / TICK) * TICK;
    const time = 1_700_000_000_000 + i * 10 + offset;
    if (i % 200 === 0) {
      const bids: [number, number][] = [];
      const asks: [number, number][] = [];
      for (let k = 0; k < LEVELS; k++) {
        bids.push(level(centre, 1, k, random));
        asks.push(level(centre, -1, k, random));
      }
      const snapshot: OrderBookSnapshot = { type: 'snapshot', venue, symbol: 'BTC/USDT', ts: time, recvTs: time, seq, bids, asks };
      yield snapshot;
    } else {
      seq++;
      const k = Math.floor(random() * 3);
      const bids = [level(centre, 1, k, random)];
      const asks = [level(centre, -1, k, random)];
      const delta: OrderBookDelta = { type: 'delta', venue, symbol: 'BTC/USDT', ts: time, recvTs: time, seq, prevSeq: seq - 1, bids, asks };
      yield delta;
    }
  }
}

function market(venue: string): Market {
  return parseMarket({
    venue,
    symbol: 'BTC/USDT',
    id: 'BTCUSDT',
    base: 'BTC',
    quote: 'USDT',
    precision: { amount: '0.0001', price: '0.01' },
    limits: { amount: { min: '0.0001' }, cost: { min: '5' } },
    fees: { maker: '0.0001', taker: '0.0001' },
  });
}

type Mode = 'replay' | 'replay + book' | 'full pipeline';

/** What the pipeline does in each mode; counts delivered views for the peak-heap sampling. */
function pipelineFor(mode: Mode, onView: () => void): (ctx: BacktestContext) => Observable<ExecutionReport> {
  return (ctx) => {
    if (mode === 'replay') return EMPTY;
    const views$ = merge(...VENUES.map((v) => ctx.venues[v]?.orderBook$('BTC/USDT', { depth: LEVELS }) ?? EMPTY)).pipe(tap(onView));
    if (mode === 'replay + book') return views$.pipe(ignoreElements());
    const reports$ = new Subject<ExecutionReport>();
    const gate = riskGate([notionalLimits({ maxOrderNotional: 2_000 }), minNetBps({ minBps: 1 })], {
      clock: ctx.clock,
      markets: ctx.catalog,
      reports$,
    });
    return views$.pipe(
      books(),
      detectSpatialArbitrage({
        markets: ctx.catalog,
        clock: ctx.clock,
        minNetBps: 1,
        maxNotional: '1000',
        maxBookAgeMs: 200,
        cooldownMs: 500,
        balances: merge(...VENUES.map((v) => ctx.venues[v]?.balances$() ?? EMPTY)),
      }),
      ctx.tapOpportunities(),
      gate.operator,
      executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
      tap((report) => reports$.next(report)),
    );
  };
}

interface Measured {
  readonly events: number;
  readonly seconds: number;
  readonly peakHeap: number;
  readonly opportunities: number;
  readonly fills: number;
}

async function measure(mode: Mode, perVenue: number): Promise<Measured> {
  let views = 0;
  let peakHeap = process.memoryUsage().heapUsed;
  const options: BacktestOptions = {
    feeds: VENUES.map((v, i) => venueFeed(v, perVenue, i * 3, 100 + i)),
    // Without markets the venues keep no books of their own: only the full pipeline trades.
    markets: mode === 'full pipeline' ? VENUES.map(market) : [],
    balances: Object.fromEntries(VENUES.map((v) => [v, { USDT: '100000', BTC: '3' }])),
    startPrices: { BTC: '30000' },
    venue: { latency: { placement: { fixedMs: 20, jitterMs: 20 }, fillReport: { fixedMs: 2 } } },
    pipeline: pipelineFor(mode, () => {
      if (++views % 20_000 === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    }),
  };
  const started = performance.now();
  const result = await runBacktest(options);
  const seconds = (performance.now() - started) / 1000;
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  return { events: result.events, seconds, peakHeap, opportunities: result.opportunities, fills: result.fills.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs the three configurations and prints events/s, peak heap and what the full pipeline traded. */
export default async function run(): Promise<void> {
  const perVenue = Number(process.env.BACKTEST_BENCH_EVENTS ?? 100_000);
  const rows: string[][] = [];
  const only = process.env.BACKTEST_BENCH_MODE;
  for (const mode of ['replay', 'replay + book', 'full pipeline'] as const) {
    if (only !== undefined && only !== mode) continue;
    await measure(mode, Math.min(perVenue, 20_000)); // warm-up
    const runs: Measured[] = [];
    for (let i = 0; i < 3; i++) runs.push(await measure(mode, perVenue));
    const rates = runs.map((r) => r.events / r.seconds);
    const last = runs[runs.length - 1] as Measured;
    rows.push([
      mode,
      last.events.toLocaleString('en-US'),
      `${(median(rates) / 1e6).toFixed(2)}M`,
      `${(Math.max(...rates) / 1e6).toFixed(2)}M`,
      (Math.max(...runs.map((r) => r.peakHeap)) / 2 ** 20).toFixed(0),
      mode === 'full pipeline' ? `${last.opportunities} opportunities, ${last.fills} fills` : '',
    ]);
  }
  const header = ['case', 'events', 'events/s (median)', 'events/s (best)', 'peak heap (MB)', 'traded'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(`\n## runBacktest: ${VENUES.length} venues × ${perVenue.toLocaleString('en-US')} book events (10 levels)`);
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
}
