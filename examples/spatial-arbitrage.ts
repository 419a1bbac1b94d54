/**
 * Spatial arbitrage, paper-traded over two hours of real order books.
 *
 *   recorded LINK/USDT books (Binance + Huobi, 10 levels, 1 s)
 *     → replay on a virtual clock → book() per venue → books()
 *     → detectSpatialArbitrage → riskGate → executeOpportunities on simulated venues → ledger
 *
 * `runBacktest` does the replay: it advances a VirtualClock event by event
 * and gives the pipeline simulated venues (the connectors' matching engine,
 * with placement latency) that all settle into one PortfolioLedger. The
 * pipeline itself is exactly what a live bot runs; see live-template.ts for
 * the same operators on ccxt venues.
 *
 *   pnpm example spatial-arbitrage                 # the whole session (about 14,400 book snapshots)
 *   pnpm example spatial-arbitrage --taker-bps 10  # retail fees: the edge disappears
 */

import { type BacktestContext, runBacktest } from '@arbot/backtest';
import { readL2SnapshotCsv } from '@arbot/connectors';
import { books, Decimal, type ExecutionReport, executeOpportunities, parseMarket } from '@arbot/core';
import { inventoryLimits, minNetProfit, notionalLimits, type RiskDecision, riskGate, staleData } from '@arbot/risk';
import { detectSpatialArbitrage } from '@arbot/strategies';
import { merge, Subject, tap } from 'rxjs';
import { parseFlags, runExample } from './lib/cli';
import { bundledData } from './lib/data';
import { fixed, heading, percent, printTable, utc } from './lib/print';

const info = {
  name: 'spatial-arbitrage',
  summary: 'Paper-trades cross-venue arbitrage on recorded LINK/USDT books of Binance and Huobi (2021-08-20, 2 h).',
  flags: {
    takerBps: { type: 'number', default: 1, min: 0, max: 100, help: 'taker fee of both venues, bps' },
    minutes: { type: 'number', min: 1, max: 120, help: 'replay only the first N minutes' },
    latencyMs: { type: 'number', default: 50, min: 0, max: 10_000, help: 'order placement latency of the simulated venues, ms' },
  },
} as const;

const SYMBOL = 'LINK/USDT';

runExample(info, async () => {
  const flags = parseFlags(info);
  // --smoke: the first 10 minutes are enough to see a few trades.
  const minutes = flags.minutes ?? (flags.smoke ? 10 : undefined);
  const fee = flags.takerBps / 10_000;

  // Markets: precision and limits as the venues listed LINK/USDT in 2021. Fees come from the flag:
  // at retail taker fees (Binance 10 bps, Huobi 20 bps) this session has no profitable crossing at
  // all; 1 bp is a top VIP / market-maker tier, where the books crossed about 90 seconds in 2 hours.
  const market = (venue: string, id: string, priceStep: string, minCost: string) =>
    parseMarket({
      venue,
      symbol: SYMBOL,
      id,
      base: 'LINK',
      quote: 'USDT',
      precision: { amount: '0.01', price: priceStep },
      limits: { amount: { min: '0.01' }, cost: { min: minCost } },
      fees: { maker: fee, taker: fee },
    });
  const markets = [market('binance', 'LINKUSDT', '0.001', '10'), market('huobi', 'linkusdt', '0.0001', '5')];

  // The recordings: one CSV per venue, read as a stream of OrderBookSnapshot events.
  const feeds = [
    readL2SnapshotCsv(bundledData('linkusdt_l2_10lvl_binance_2021-08-20.csv.gz')),
    readL2SnapshotCsv(bundledData('linkusdt_l2_10lvl_huobi_2021-08-20.csv.gz')),
  ];
  const start = Date.UTC(2021, 7, 20, 0, 0, 0);

  const decisions: RiskDecision[] = [];
  const pipeline = (ctx: BacktestContext) => {
    const binance = ctx.venues.binance;
    const huobi = ctx.venues.huobi;
    if (binance === undefined || huobi === undefined) throw new Error('the backtest has no binance or huobi venue');
    const balances$ = merge(binance.balances$(), huobi.balances$());
    // Execution reports flow back into the gate (exposure reservations are released by them).
    const reports$ = new Subject<ExecutionReport>();

    // Every decision is observable: keep them for the summary (a live bot journals them).
    const gate = riskGate(
      [
        staleData({ maxAgeMs: 500 }), // both books must be from this second (see maxBookAgeMs below)
        notionalLimits({ maxOrderNotional: 500 }), // resize any leg above 500 USDT
        inventoryLimits({ reserve: { USDT: 50 } }), // never spend the last 50 USDT of a venue
        minNetProfit({ minNet: '0.01', currency: 'USDT' }), // after resizing, still worth a cent
      ],
      { clock: ctx.clock, markets: ctx.catalog, balances$, reports$ },
    );
    gate.decisions$.subscribe((d) => decisions.push(d));

    return merge(binance.orderBook$(SYMBOL), huobi.orderBook$(SYMBOL)).pipe(
      books(), // the latest view of every (venue, symbol), as a BookSet
      detectSpatialArbitrage({
        markets: ctx.catalog,
        clock: ctx.clock,
        balances: balances$, // size by what is actually free on each venue
        // Both venues were snapshotted once a second, at the same instants. Right after one venue's new
        // snapshot the other still shows last second's book: comparing them would chase a price that
        // the other venue's snapshot, due at the same instant, has already moved. Wait until both are fresh.
        maxBookAgeMs: 500,
        cooldownMs: 5_000, // one shot per dislocation unless it gets materially better
      }),
      ctx.tapOpportunities(), // attribute fills to the strategy in the metrics
      gate.operator,
      executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
      tap(reports$),
    );
  };

  console.log(`Replaying ${SYMBOL} on binance + huobi${minutes ? ` (first ${minutes} min)` : ''}, taker fee ${flags.takerBps} bps…`);
  const result = await runBacktest({
    feeds,
    markets,
    balances: { binance: { USDT: '2000', LINK: '50' }, huobi: { USDT: '2000', LINK: '50' } },
    startPrices: { LINK: '27.1' },
    venue: { latency: { placement: { fixedMs: flags.latencyMs } } },
    pipeline,
    ...(minutes === undefined ? {} : { to: start + minutes * 60_000 }),
  });

  heading('Pipeline');
  const count = (outcome: RiskDecision['outcome']) => decisions.filter((d) => d.outcome === outcome).length;
  const rejections = new Map<string, number>();
  for (const d of decisions) if (d.rejection) rejections.set(d.rejection.code, (rejections.get(d.rejection.code) ?? 0) + 1);
  printTable([
    { stage: 'book snapshots replayed', count: result.events },
    { stage: 'opportunities detected', count: result.opportunities },
    { stage: 'approved by the risk gate', count: count('approved') },
    { stage: 'resized by the risk gate', count: count('resized') },
    { stage: 'rejected by the risk gate', count: count('rejected') },
    { stage: 'executions filled', count: result.reports.filter((r) => r.status === 'filled').length },
    { stage: 'executions not filled', count: result.reports.filter((r) => r.status !== 'filled').length },
  ]);
  for (const [code, n] of rejections) console.log(`  rejected ${code}: ${n}`);

  if (result.reports.length > 0) {
    heading('First executions');
    printTable(
      result.reports.slice(0, 5).map((r) => ({
        time: utc(r.startedAt),
        route: r.legs.map((l) => `${l.side} ${l.venue}`).join(' / '),
        LINK: fixed(r.legs[0]?.filled, 2),
        status: r.status,
        'pnl USDT': fixed(r.realizedPnl, 4),
      })),
    );
  }

  heading('Ledger');
  const m = result.metrics;
  const realized = result.reports.reduce((sum, r) => sum.plus(r.realizedPnl), new Decimal(0));
  printTable([
    { figure: 'realized by the arbitrages (USDT)', value: fixed(realized, 4) },
    { figure: 'equity at start (USDT)', value: fixed(m.startEquity, 2) },
    { figure: 'equity at end (USDT)', value: fixed(m.endEquity, 2) },
    { figure: 'equity change (USDT)', value: fixed(m.pnl, 4) },
    { figure: 'fees paid (USDT)', value: fixed(m.feesPaid, 4) },
    { figure: 'max drawdown', value: percent(m.maxDrawdown, 3) },
  ]);
  printTable(result.balances.map((b) => ({ venue: b.venue, asset: b.asset, free: fixed(b.free, 4), locked: fixed(b.locked, 4) })));
  // Equity also moves with the LINK price: the inventory holds 100 LINK to sell on either venue. The
  // arbitrage's own result is the realized PnL of its executions, fees included.
});
