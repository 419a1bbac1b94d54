/**
 * Spatial arbitrage on two hours of recorded LINK/USDT order books of Binance
 * and Huobi (2021-08-20, 10 levels, one snapshot a second each):
 *
 *   recorded books → book() per venue → books() → detectSpatialArbitrage
 *     → riskGate → executeOpportunities on simulated venues → ledger
 */

import type { BacktestContext } from '@arbot/backtest';
import { readL2SnapshotCsv } from '@arbot/connectors';
import { books, type ExecutionReport, executeOpportunities, type Market, parseMarket } from '@arbot/core';
import { inventoryLimits, minNetProfit, notionalLimits, riskGate, staleData } from '@arbot/risk';
import { detectSpatialArbitrage } from '@arbot/strategies';
import { merge, Subject, tap } from 'rxjs';
import { bundledData } from '../lib/data';
import type { Scenario, ScenarioHooks } from './scenario';

/** Settings of the LINK/USDT spatial scenario. */
export interface LinkSpatialSettings {
  /** Taker fee of both venues, in bps. */
  readonly takerBps: number;
  /** Order placement latency of the simulated venues, ms. */
  readonly latencyMs: number;
  /** Replay only the first N minutes (default: all 120). */
  readonly minutes?: number;
  readonly seed?: number;
}

export const LINK_SYMBOL = 'LINK/USDT';
const START = Date.UTC(2021, 7, 20, 0, 0, 0);
const END = Date.UTC(2021, 7, 20, 1, 59, 59);

/**
 * Markets as the venues listed LINK/USDT in 2021 (tick, lot, minimum
 * notional), with the taker fee of the settings. At retail fees (Binance 10
 * bps, Huobi 20 bps) this session has no crossing that survives fees; at a
 * top VIP / market-maker tier (~1–2 bps) the books crossed profitably about
 * ninety seconds in two hours.
 */
export function linkMarkets(takerBps: number): Market[] {
  const fee = takerBps / 10_000;
  const market = (venue: string, id: string, priceStep: string, minCost: string) =>
    parseMarket({
      venue,
      symbol: LINK_SYMBOL,
      id,
      base: 'LINK',
      quote: 'USDT',
      precision: { amount: '0.01', price: priceStep },
      limits: { amount: { min: '0.01' }, cost: { min: minCost } },
      fees: { maker: fee, taker: fee },
    });
  return [market('binance', 'LINKUSDT', '0.001', '10'), market('huobi', 'linkusdt', '0.0001', '5')];
}

/** The scenario, ready for `runBacktest`. */
export function linkSpatialScenario(settings: LinkSpatialSettings, hooks: ScenarioHooks = {}): Scenario {
  const to = settings.minutes === undefined ? END + 1 : START + settings.minutes * 60_000;
  const feed = (file: string) => readL2SnapshotCsv(bundledData(file)).pipe(tap((e) => hooks.onEvent?.(e.recvTs)));
  const pipeline = (ctx: BacktestContext) => {
    const binance = ctx.venues.binance;
    const huobi = ctx.venues.huobi;
    if (binance === undefined || huobi === undefined) throw new Error('the backtest has no binance or huobi venue');
    const balances$ = merge(binance.balances$(), huobi.balances$());
    // Execution reports flow back into the gate: exposure reserved at approval is released by them.
    const reports$ = new Subject<ExecutionReport>();
    const gate = riskGate(
      [
        staleData({ maxAgeMs: 500 }), // both books must be from this second
        notionalLimits({ maxOrderNotional: 500 }), // resize any leg above 500 USDT
        inventoryLimits({ reserve: { USDT: 50 } }), // never spend the last 50 USDT of a venue
        minNetProfit({ minNet: '0.01', currency: 'USDT' }), // after resizing, still worth a cent
      ],
      { clock: ctx.clock, markets: ctx.catalog, balances$, reports$ },
    );
    if (hooks.onDecision) gate.decisions$.subscribe(hooks.onDecision);
    return merge(binance.orderBook$(LINK_SYMBOL), huobi.orderBook$(LINK_SYMBOL)).pipe(
      tap((view) => hooks.onBook?.(view)),
      books(),
      detectSpatialArbitrage({
        markets: ctx.catalog,
        clock: ctx.clock,
        balances: balances$,
        // Both venues were snapshotted once a second at the same instants: right after one venue's
        // snapshot the other still shows last second's book. Only compare books of this second.
        maxBookAgeMs: 500,
        cooldownMs: 5_000, // one shot per dislocation unless it gets materially better
        strategy: 'spatial',
      }),
      ctx.tapOpportunities(),
      gate.operator,
      tap(() => hooks.onApproved?.()),
      executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
      tap(reports$),
    );
  };
  return {
    name: 'spatial',
    description: `${LINK_SYMBOL} binance ↔ huobi, recorded 10-level books, 2021-08-20`,
    from: START,
    to,
    backtest: {
      feeds: [feed('linkusdt_l2_10lvl_binance_2021-08-20.csv.gz'), feed('linkusdt_l2_10lvl_huobi_2021-08-20.csv.gz')],
      markets: linkMarkets(settings.takerBps),
      balances: { binance: { USDT: '2000', LINK: '50' }, huobi: { USDT: '2000', LINK: '50' } },
      startPrices: { LINK: '27.1' },
      venue: { latency: { placement: { fixedMs: settings.latencyMs } } },
      seed: settings.seed ?? 1,
      pipeline,
      to,
    },
  };
}
