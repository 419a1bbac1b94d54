/**
 * Triangular arbitrage on one day of real Binance 1-minute candles of the
 * USDT → BTC → SOL → USDT triangle (2025-07-13). The recording has candles,
 * not books, so each closed candle becomes a one-level book around its close
 * (a spread of `spreadBps`, the candle's volume deep):
 *
 *   candles → books at the close → books() → detectTriangularArbitrage
 *     → riskGate → executeOpportunities on the simulated venue → ledger
 */

import type { BacktestContext } from '@arbot/backtest';
import { readKlineCsv } from '@arbot/connectors';
import {
  books,
  type Candle,
  Decimal,
  executeOpportunities,
  type Market,
  type OrderBookSnapshot,
  parseMarket,
  roundPrice,
} from '@arbot/core';
import { minNetProfit, riskGate, staleData } from '@arbot/risk';
import { detectTriangularArbitrage } from '@arbot/strategies';
import { map, merge, tap } from 'rxjs';
import { bundledData } from '../lib/data';
import { type Scenario, type ScenarioHooks, venuesForExecutor } from './scenario';

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

/** A one-level book around a candle's close, on the market's tick grid. */
export function bookAtClose(candle: Candle, market: Market, spreadBps: number): OrderBookSnapshot {
  const half = spreadBps / 20_000;
  const bid = roundPrice(market, candle.close * (1 - half), 'nearest');
  const ask = Decimal.max(roundPrice(market, candle.close * (1 + half), 'nearest'), bid.plus(market.precision.price));
  const depth = Math.max(candle.volume, market.precision.amount.toNumber());
  return {
    type: 'snapshot',
    venue: market.venue,
    symbol: market.symbol,
    ts: candle.ts,
    recvTs: candle.recvTs,
    bids: [[bid.toNumber(), depth]],
    asks: [[ask.toNumber(), depth]],
  };
}

/** The scenario, ready for `runBacktest`. */
export function solTriangleScenario(settings: SolTriangleSettings, hooks: ScenarioHooks = {}): Scenario {
  const markets = solTriangleMarkets(settings.takerBps);
  const to = START + (settings.hours ?? 24) * 3_600_000;
  const feeds = markets.map((m) =>
    readKlineCsv(bundledData(`binance_spot_${m.id}-1m-2025-07-13.csv.gz`)).pipe(
      map((candle) => bookAtClose(candle, m, settings.spreadBps)),
      tap((book) => hooks.onEvent?.(book.recvTs)),
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
      executeOpportunities(venuesForExecutor(ctx.venues, hooks), { clock: ctx.clock, catalog: ctx.catalog }),
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
      venue: { latency: { placement: { fixedMs: settings.latencyMs } } },
      sampleEveryMs: 600_000,
      seed: settings.seed ?? 1,
      pipeline,
      to,
    },
  };
}
