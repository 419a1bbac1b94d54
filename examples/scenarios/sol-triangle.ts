/**
 * Triangular arbitrage on one day of real Binance 1-minute candles of the
 * USDT → BTC → SOL → USDT triangle (2025-07-13). The recording has candles,
 * not books, so the backtest's `candleBooks` option turns each closed candle
 * into a one-level book around its close (a spread of `spreadBps`, rounded
 * out to the market's tick; the candle's volume deep):
 *
 *   candles → books at the close → books() → detectTriangularArbitrage
 *     → riskGate → executeOpportunities on the simulated venue → ledger
 */

import type { BacktestContext } from '@arbot/backtest';
import { readKlineCsv } from '@arbot/connectors';
import { books, executeOpportunities, type Market, parseMarket } from '@arbot/core';
import { minNetProfit, riskGate, staleData } from '@arbot/risk';
import { detectTriangularArbitrage } from '@arbot/strategies';
import { merge, tap } from 'rxjs';
import { bundledData } from '../lib/data';
import type { Scenario, ScenarioHooks } from './scenario';

/** Settings of the SOL triangle scenario. */
export interface SolTriangleSettings {
  /** Taker fee per leg, bps. */
  readonly takerBps: number;
  /** Bid/ask spread of the books made from candles, bps. */
  readonly spreadBps: number;
  /** Order placement latency of the simulated venue, ms. */
  readonly latencyMs: number;
  /** Replay only the first N hours (default: all 24). */
  readonly hours?: number;
  readonly seed?: number;
}

const START = Date.UTC(2025, 6, 13);

/** Binance's spot filters for the three markets (tick size, lot size, minimum notional). */
export function solTriangleMarkets(takerBps: number): Market[] {
  const fee = takerBps / 10_000;
  const market = (symbol: string, priceStep: string, amountStep: string, minCost: string): Market => {
    const [base = '', quote = ''] = symbol.split('/');
    return parseMarket({
      venue: 'binance',
      symbol,
      id: `${base}${quote}`,
      base,
      quote,
      precision: { amount: amountStep, price: priceStep },
      limits: { amount: { min: amountStep }, cost: { min: minCost } },
      fees: { maker: fee, taker: fee },
    });
  };
  return [
    market('BTC/USDT', '0.01', '0.00001', '5'),
    market('SOL/USDT', '0.01', '0.001', '5'),
    market('SOL/BTC', '0.0000001', '0.001', '0.0001'),
  ];
}

/** The scenario, ready for `runBacktest`. */
export function solTriangleScenario(settings: SolTriangleSettings, hooks: ScenarioHooks = {}): Scenario {
  const markets = solTriangleMarkets(settings.takerBps);
  const to = START + (settings.hours ?? 24) * 3_600_000;
  const feeds = markets.map((m) =>
    readKlineCsv(bundledData(`binance_spot_${m.id}-1m-2025-07-13.csv.gz`), { venue: m.venue, symbol: m.symbol }).pipe(
      tap((candle) => hooks.onEvent?.(candle.recvTs)),
    ),
  );
  const pipeline = (ctx: BacktestContext) => {
    const binance = ctx.venues.binance;
    if (binance === undefined) throw new Error('the backtest has no binance venue');
    const gate = riskGate([staleData({ maxAgeMs: 1_000 }), minNetProfit({ minNet: '0.01', currency: 'USDT' })], {
      clock: ctx.clock,
      markets: ctx.catalog,
    });
    if (hooks.onDecision) gate.decisions$.subscribe(hooks.onDecision);
    return merge(...markets.map((m) => binance.orderBook$(m.symbol))).pipe(
      tap((view) => hooks.onBook?.(view)),
      books(),
      detectTriangularArbitrage({
        markets: ctx.catalog,
        clock: ctx.clock,
        start: 'USDT',
        maxNotional: '500', // spend at most 500 USDT on the first leg
        balances: binance.balances$(), // the legs go out at once, so each needs its own inventory
        // The three candles of a minute close at the same instant; until the third arrives the other
        // two books are a minute old. Only look when all three are from this instant.
        maxBookAgeMs: 1_000,
        strategy: 'triangular',
      }),
      ctx.tapOpportunities(),
      gate.operator,
      tap(() => hooks.onApproved?.()),
      executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
    );
  };
  return {
    name: 'triangular',
    description: 'USDT→BTC→SOL→USDT on binance, books at real 1m closes, 2025-07-13',
    from: START,
    to,
    backtest: {
      feeds,
      markets,
      balances: { binance: { USDT: '1000', BTC: '0.01', SOL: '6' } },
      startPrices: { BTC: '117420', SOL: '160.7' },
      candleBooks: { spreadBps: settings.spreadBps },
      venue: { latency: { placement: { fixedMs: settings.latencyMs } } },
      sampleEveryMs: 600_000,
      seed: settings.seed ?? 1,
      pipeline,
      to,
    },
  };
}
