import { readL2SnapshotCsv } from '@arbot/connectors';
import { books, type ExecutionReport, executeOpportunities, type Market, parseMarket } from '@arbot/core';
import { minNetBps, notionalLimits, riskGate } from '@arbot/risk';
import { detectSpatialArbitrage } from '@arbot/strategies';
import { EMPTY, merge, type Observable, Subject, tap } from 'rxjs';
import type { BacktestContext, BacktestOptions } from '../../src/index';

const DATA = '/work/shared/data';

/** LINK/USDT on a venue: amount step 0.01, tick 0.001, taker fee as given. */
export function linkUsdt(venue: string, taker: string): Market {
  return parseMarket({
    venue,
    symbol: 'LINK/USDT',
    id: 'LINKUSDT',
    base: 'LINK',
    quote: 'USDT',
    precision: { amount: '0.01', price: '0.001' },
    limits: { amount: { min: '0.01' }, cost: { min: '5' } },
    fees: { maker: taker, taker },
  });
}

/** Detector → risk gate → executor over the binance and huobi LINK/USDT books: the live pipeline, as a backtest pipeline. */
export function spatialLinkPipeline(ctx: BacktestContext): Observable<ExecutionReport> {
  const binance = ctx.venues.binance;
  const huobi = ctx.venues.huobi;
  if (binance === undefined || huobi === undefined) return EMPTY;
  const views$ = merge(binance.orderBook$('LINK/USDT', { depth: 10 }), huobi.orderBook$('LINK/USDT', { depth: 10 }));
  const balances$ = merge(binance.balances$(), huobi.balances$());
  const reports$ = new Subject<ExecutionReport>();
  const gate = riskGate([notionalLimits({ maxOrderNotional: 400 }), minNetBps({ minBps: 0.5 })], {
    clock: ctx.clock,
    markets: ctx.catalog,
    reports$,
  });
  return views$.pipe(
    books(),
    detectSpatialArbitrage({
      markets: ctx.catalog,
      clock: ctx.clock,
      minNetBps: 0.5,
      maxNotional: '300',
      balances: balances$,
      cooldownMs: 2_000,
      maxBookAgeMs: 500,
    }),
    ctx.tapOpportunities(),
    gate.operator,
    executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
    // The gate learns of finished executions (to release what it reserved for them).
    tap((report) => reports$.next(report)),
  );
}

/** Two hours of 10-level LINK/USDT books from binance and huobi (2021-08-20), traded by {@link spatialLinkPipeline}. */
export function linkSpatialOptions(): BacktestOptions {
  return {
    feeds: [
      readL2SnapshotCsv(`${DATA}/linkusdt_l2_10lvl_binance_2021-08-20.csv.gz`),
      readL2SnapshotCsv(`${DATA}/linkusdt_l2_10lvl_huobi_2021-08-20.csv.gz`),
    ],
    // Fees of 1 bp (a top VIP tier): the two books cross by up to 8 bps in these two hours, never by the 30 bps retail fees cost.
    markets: [linkUsdt('binance', '0.0001'), linkUsdt('huobi', '0.0001')],
    balances: { binance: { USDT: '2000', LINK: '80' }, huobi: { USDT: '2000', LINK: '80' } },
    startPrices: { LINK: '27' },
    venue: { latency: { placement: { fixedMs: 40, jitterMs: 30 }, fillReport: { fixedMs: 5 } } },
    sampleEveryMs: 60_000,
    seed: 11,
    pipeline: spatialLinkPipeline,
  };
}
