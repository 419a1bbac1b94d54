/**
 * Pairs trading backtest: SOL/USDT against BTC/USDT, real Binance 1m candles of 2025-07-13.
 *
 *   1. test the pair: Engle–Granger cointegration, hedge ratio, half-life of the spread;
 *   2. backtest: both candle streams → one PairTick per minute → pairsTrading (rolling OLS
 *      hedge ratio, z-score entries/exits/stops) → executeOpportunities → metrics.
 *
 * The test is run on the whole day; a careful study would test on one period
 * and trade the next (see walk-forward.ts). Shorting a leg means selling
 * inventory held on the spot venue, so the account starts with some of both.
 *
 *   pnpm example pairs-trading
 *   pnpm example pairs-trading --lookback 240 --entry-z 2.5
 */

import { runBacktest } from '@arbot/backtest';
import { readKlineCsv } from '@arbot/connectors';
import { type Candle, executeOpportunities, type Market, parseMarket } from '@arbot/core';
import { engleGranger, halfLife, type PairTick, pairsTrading } from '@arbot/strategies';
import { combineLatest, filter, firstValueFrom, map, toArray } from 'rxjs';
import { parseFlags, runExample, UsageError } from './lib/cli';
import { bundledData } from './lib/data';
import { fixed, heading, percent, printTable, utc } from './lib/print';

const info = {
  name: 'pairs-trading',
  summary: 'Tests SOL/USDT vs BTC/USDT for cointegration and backtests a z-score pairs strategy on a day of real 1m candles.',
  flags: {
    lookback: { type: 'number', default: 120, min: 10, max: 1_000, help: 'rolling regression window, minutes' },
    entryZ: { type: 'number', default: 2, min: 0.1, max: 10, help: '|z| that opens a position' },
    exitZ: { type: 'number', default: 0.5, min: 0, max: 10, help: '|z| that closes it' },
    stopZ: { type: 'number', default: 4, min: 0.2, max: 20, help: '|z| that stops it out' },
    amount: { type: 'string', default: '5', help: 'SOL traded per position (BTC leg: hedge ratio × it)' },
  },
} as const;

const market = (symbol: string, priceStep: string, amountStep: string): Market => {
  const [base = '', quote = ''] = symbol.split('/');
  return parseMarket({
    venue: 'binance',
    symbol,
    id: `${base}${quote}`,
    base,
    quote,
    precision: { amount: amountStep, price: priceStep },
    limits: { amount: { min: amountStep }, cost: { min: '5' } },
    fees: { maker: '0.001', taker: '0.001' },
  });
};
const sol = market('SOL/USDT', '0.01', '0.001');
const btc = market('BTC/USDT', '0.01', '0.00001');
const file = (m: Market) => bundledData(`binance_spot_${m.id}-1m-2025-07-13.csv.gz`);

runExample(info, async () => {
  const flags = parseFlags(info);
  if (!(Number(flags.amount) > 0)) throw new UsageError(`--amount must be a positive number, got "${flags.amount}"`);
  if (!(flags.exitZ < flags.entryZ && flags.entryZ < flags.stopZ)) throw new UsageError('need --exit-z < --entry-z < --stop-z');
  // --smoke: the first 8 hours.
  const to = flags.smoke ? Date.UTC(2025, 6, 13, 8) : undefined;

  // 1. Is the spread SOL − β·BTC mean-reverting? (Engle–Granger, as statsmodels' coint)
  const closes = async (m: Market) => {
    const candles: Candle[] = await firstValueFrom(readKlineCsv(file(m)).pipe(toArray()));
    return candles.filter((c) => to === undefined || c.ts < to).map((c) => c.close);
  };
  const [solCloses, btcCloses] = await Promise.all([closes(sol), closes(btc)]);
  const eg = engleGranger(solCloses, btcCloses);
  heading('Cointegration (Engle–Granger, SOL on BTC)');
  printTable([
    { figure: 'observations', value: solCloses.length },
    { figure: 'hedge ratio β (SOL per BTC)', value: eg.hedgeRatio.toExponential(4) },
    { figure: 'ADF τ of the spread', value: fixed(eg.statistic, 3) },
    { figure: 'p-value', value: fixed(eg.pValue, 4) },
    { figure: '5% critical value', value: fixed(eg.criticalValues?.['5%'], 3) },
    { figure: 'half-life of the spread, minutes', value: fixed(halfLife(eg.residuals), 1) },
  ]);
  console.log(
    eg.pValue < 0.05
      ? 'The spread is stationary at 5%: a mean-reversion strategy has something to work with.'
      : 'No cointegration at 5% over this window: expect the z-score strategy to be stopped out often.',
  );

  // 2. Trade the z-score of the spread, with a hedge ratio re-estimated every minute.
  const result = await runBacktest({
    feeds: [readKlineCsv(file(sol)), readKlineCsv(file(btc))],
    markets: [sol, btc],
    balances: { binance: { USDT: '10000', SOL: '20', BTC: '0.03' } },
    startPrices: { SOL: '160.7', BTC: '117420' },
    candleBooks: { spreadBps: 2 },
    sampleEveryMs: 600_000,
    ...(to === undefined ? {} : { to }),
    pipeline: (ctx) => {
      const binance = ctx.venues.binance;
      if (binance === undefined) throw new Error('the backtest has no binance venue');
      return combineLatest([binance.candles$(sol.symbol, '1m'), binance.candles$(btc.symbol, '1m')]).pipe(
        // Both candles of a minute close together: pair them once both are in.
        filter(([a, b]) => a.ts === b.ts),
        map(([a, b]): PairTick => ({ ts: a.ts, recvTs: Math.max(a.recvTs, b.recvTs), a: a.close, b: b.close })),
        pairsTrading({
          markets: { a: sol, b: btc },
          lookback: flags.lookback,
          entryZ: flags.entryZ,
          exitZ: flags.exitZ,
          stopZ: flags.stopZ,
          amount: flags.amount,
          clock: ctx.clock,
        }),
        ctx.tapOpportunities(),
        executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
      );
    },
  });

  const m = result.metrics;
  heading(`Backtest ${utc(m.start)} → ${utc(m.end)}, lookback ${flags.lookback} min, entry |z| ${flags.entryZ}`);
  printTable([
    { metric: 'signals (entries, exits, stops)', value: result.opportunities },
    { metric: 'executions filled', value: result.reports.filter((r) => r.status === 'filled').length },
    { metric: 'executions not filled', value: result.reports.filter((r) => r.status !== 'filled').length },
    { metric: 'round trips closed', value: m.trades },
    { metric: 'PnL (USDT, after fees)', value: fixed(m.pnl, 2) },
    { metric: 'fees (USDT)', value: fixed(m.feesPaid, 2) },
    { metric: 'max drawdown', value: percent(m.maxDrawdown, 3) },
  ]);
  // Equity includes the inventory's price moves (20 SOL and 0.03 BTC held throughout).
});
