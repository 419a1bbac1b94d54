/**
 * Triangular arbitrage on one venue: USDT → BTC → SOL → USDT (and the other way round).
 *
 *   a full day of real Binance 1m candles for BTC/USDT, SOL/BTC and SOL/USDT (2025-07-13)
 *     → runBacktest's candleBooks: a one-level book at each candle close, on the market's tick grid
 *     → books() → detectTriangularArbitrage → riskGate → executeOpportunities → ledger
 *
 * Candles are the only free multi-market history with the three legs aligned;
 * a book at the close (± half a spread, rounded out to the tick, the minute's
 * volume deep) is a coarse stand-in for the real book, so read the result as
 * "how often did the implied SOL/USDT cross rate drift from the quoted one by
 * more than three fees and the spreads", not as a trading record. Note the
 * SOL/BTC tick: 0.0000001 BTC is 7 bps of the price, so that book is never
 * tighter than 7 bps. Pointed at live books (see stream-books.ts), the same
 * operators run unchanged.
 *
 *   pnpm example triangular-arbitrage
 *   pnpm example triangular-arbitrage --taker-bps 7.5   # Binance's fee with the BNB discount: nothing left
 */

import { type BacktestContext, runBacktest } from '@arbot/backtest';
import { readKlineCsv } from '@arbot/connectors';
import { books, Decimal, executeOpportunities } from '@arbot/core';
import { minNetProfit, riskGate, staleData } from '@arbot/risk';
import { detectTriangularArbitrage, findTriangles } from '@arbot/strategies';
import { merge } from 'rxjs';
import { parseFlags, runExample } from './lib/cli';
import { bundledData } from './lib/data';
import { fixed, heading, printTable, utc } from './lib/print';
import { solTriangleMarkets } from './scenarios/sol-triangle';

const info = {
  name: 'triangular-arbitrage',
  summary: 'Detects and paper-trades USDT→BTC→SOL→USDT triangles on a day of real Binance candles (2025-07-13).',
  flags: {
    takerBps: { type: 'number', default: 1, min: 0, max: 100, help: 'taker fee per leg, bps' },
    spreadBps: { type: 'number', default: 1, min: 0.01, max: 100, help: 'bid/ask spread of the books made from candles, bps' },
    hours: { type: 'number', min: 1, max: 24, help: 'replay only the first N hours' },
  },
} as const;

runExample(info, async () => {
  const flags = parseFlags(info);
  const hours = flags.hours ?? (flags.smoke ? 6 : undefined);

  // Binance's spot filters for these markets (tick size, lot size, minimum notional), taker fee on every leg.
  const markets = solTriangleMarkets(flags.takerBps);

  // findTriangles enumerates every cycle the markets allow, each direction once.
  heading('Triangles on binance');
  for (const t of findTriangles(markets, { start: 'USDT' })) {
    console.log(`${t.id}: ${t.legs.map((l) => `${l.side} ${l.symbol}`).join(', ')}`);
  }

  const feeds = markets.map((m) =>
    readKlineCsv(bundledData(`binance_spot_${m.id}-1m-2025-07-13.csv.gz`), { venue: m.venue, symbol: m.symbol }),
  );
  const start = Date.UTC(2025, 6, 13);

  let rejected = 0;
  const pipeline = (ctx: BacktestContext) => {
    const binance = ctx.venues.binance;
    if (binance === undefined) throw new Error('the backtest has no binance venue');
    const gate = riskGate([staleData({ maxAgeMs: 1_000 }), minNetProfit({ minNet: '0.01', currency: 'USDT' })], {
      clock: ctx.clock,
      markets: ctx.catalog,
    });
    gate.decisions$.subscribe((d) => {
      if (d.outcome === 'rejected') rejected++;
    });
    return merge(...markets.map((m) => binance.orderBook$(m.symbol))).pipe(
      books(),
      detectTriangularArbitrage({
        markets: ctx.catalog,
        clock: ctx.clock,
        start: 'USDT',
        maxNotional: '500', // spend at most 500 USDT on the first leg
        balances: binance.balances$(), // each leg is placed at once, so each needs its own inventory
        // The three candles of a minute close at the same instant; until the third arrives the
        // other two books are a minute old. Only look when all three are from this instant.
        maxBookAgeMs: 1_000,
      }),
      ctx.tapOpportunities(),
      gate.operator,
      executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
    );
  };

  const result = await runBacktest({
    feeds,
    markets,
    balances: { binance: { USDT: '1000', BTC: '0.01', SOL: '6' } },
    startPrices: { BTC: '117420', SOL: '160.7' },
    // The data has candles, not books: each closed candle becomes a one-level book at its close.
    candleBooks: { spreadBps: flags.spreadBps },
    sampleEveryMs: 3_600_000,
    pipeline,
    ...(hours === undefined ? {} : { to: start + hours * 3_600_000 }),
  });

  heading(
    `Replayed ${result.eventsByStream.candle} candles (one book each)${hours === undefined ? '' : ` (first ${hours} h)`}, taker fee ${flags.takerBps} bps per leg`,
  );
  printTable([
    { stage: 'opportunities detected', count: result.opportunities },
    { stage: 'rejected by the risk gate', count: rejected },
    { stage: 'executions filled', count: result.reports.filter((r) => r.status === 'filled').length },
    { stage: 'executions repaired / partial / failed', count: result.reports.filter((r) => r.status !== 'filled').length },
  ]);
  if (result.reports.length > 0) {
    printTable(
      result.reports.slice(0, 8).map((r) => ({
        time: utc(r.startedAt),
        cycle: r.legs.map((l) => `${l.side} ${l.symbol}`).join(' → '),
        status: r.status,
        'pnl USDT': fixed(r.realizedPnl, 4),
      })),
    );
  }
  const realized = result.reports.reduce((sum, r) => sum.plus(r.realizedPnl), new Decimal(0));
  console.log(`\nrealized by the triangles: ${fixed(realized, 4)} USDT after ${fixed(result.metrics.feesPaid, 4)} USDT of fees`);
  console.log('final balances:', result.balances.map((b) => `${b.asset} ${fixed(b.free, 6)}`).join(', '));
});
