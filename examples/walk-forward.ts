/**
 * Walk-forward optimization of a moving-average crossover.
 *
 *   1h BTC candles (resampled from a month of real 1m data)
 *   for each window: optimize (grid search) the fast/slow periods on the training days,
 *                    then backtest the winner on the days that follow, which it has never seen
 *   → the out-of-sample pieces chained into one equity curve, and the walk-forward efficiency
 *
 * The in-sample score of the best parameters is always flattering (it was
 * chosen for it); the out-of-sample curve is the honest estimate of what
 * the fitting procedure earns. Each test window starts cold: the averages
 * warm up inside it before the first signal.
 *
 *   pnpm example walk-forward
 *   pnpm example walk-forward --train-days 14 --test-days 7
 */

import { type BacktestOptions, optimize, type Params, runBacktest, type TimeRange, walkForward } from '@arbot/backtest';
import { readKlineCsv } from '@arbot/connectors';
import { type Candle, type ExecutionReport, executeOpportunities, type Market, parseMarket } from '@arbot/core';
import { maCrossoverStrategy } from '@arbot/strategies';
import { firstValueFrom, Subject, tap, toArray } from 'rxjs';
import { parseFlags, runExample, UsageError } from './lib/cli';
import { bundledData } from './lib/data';
import { fixed, heading, percent, printTable, utc } from './lib/print';
import { resampleCandles } from './lib/resample';

const info = {
  name: 'walk-forward',
  summary: 'Walk-forward optimization (grid search per window) of an MA crossover on a month of real BTC candles, 1h.',
  flags: {
    trainDays: { type: 'number', default: 10, min: 2, max: 20, help: 'training window, days' },
    testDays: { type: 'number', default: 5, min: 1, max: 15, help: 'test window (and step), days' },
  },
} as const;

const DAY = 86_400_000;
const HOUR = 3_600_000;

const market: Market = parseMarket({
  venue: 'ftx',
  symbol: 'BTC/USD',
  id: 'BTC-PERP',
  base: 'BTC',
  quote: 'USD',
  precision: { amount: '0.0001', price: '1' },
  limits: { amount: { min: '0.0001' } },
  fees: { maker: '0.0002', taker: '0.0007' },
});

runExample(info, async () => {
  const flags = parseFlags(info);
  // --smoke: 12 days, two windows, a 2 × 2 grid.
  const [trainDays, testDays] = flags.smoke ? [6, 3] : [flags.trainDays, flags.testDays];
  const fastValues = flags.smoke ? { min: 6, max: 12, step: 6 } : { min: 6, max: 24, step: 6 };
  const slowValues = flags.smoke ? { min: 24, max: 48, step: 24 } : { min: 36, max: 84, step: 24 }; // always above fast

  // Read and resample once; every backtest below replays this in-memory array.
  const candles: Candle[] = await firstValueFrom(
    readKlineCsv(bundledData('btc-perp-20211231-20220201_1m.csv.gz'), { venue: market.venue, symbol: market.symbol, timeframe: '1m' }).pipe(
      resampleCandles('1h'),
      toArray(),
    ),
  );
  const from = Date.UTC(2022, 0, 1);
  const to = flags.smoke ? Date.UTC(2022, 0, 13) : Date.UTC(2022, 1, 1);
  if ((trainDays + testDays) * DAY > to - from) {
    throw new UsageError(`--train-days + --test-days must fit in the ${(to - from) / DAY} days of data, got ${trainDays} + ${testDays}`);
  }

  /** One backtest of the crossover with `params` over `range`. */
  const backtest = (params: Params, range: TimeRange) => {
    const options: BacktestOptions = {
      feeds: [candles],
      markets: [market],
      balances: { ftx: { USD: '20000' } },
      startPrices: { BTC: '46300' },
      valuationCurrency: 'USD',
      candleBooks: { spreadBps: 2, size: 50 },
      sampleEveryMs: HOUR,
      from: range.from,
      to: range.to,
      pipeline: (ctx) => {
        // The reports go back to the strategy: it sells the BTC its buys left it, after the fee taken in BTC.
        const reports = new Subject<ExecutionReport>();
        const fast = Number(params.fast);
        const slow = Number(params.slow);
        return (
          ctx.venues.ftx
            ?.candles$(market.symbol, '1h')
            .pipe(
              maCrossoverStrategy({ market, amount: '0.2', fast, slow, clock: ctx.clock, position: reports }),
              ctx.tapOpportunities(),
              executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
              tap(reports),
            ) ?? []
        );
      },
    };
    return runBacktest(options);
  };

  let searches = 0;
  const report = await walkForward({
    from,
    to,
    train: trainDays * DAY,
    test: testDays * DAY,
    // Fit: the grid point with the best total return on the training range.
    fit: async (train) => {
      const search = await optimize({
        space: { fast: { type: 'int', ...fastValues }, slow: { type: 'int', ...slowValues } },
        method: 'grid',
        progress: false,
        objective: async (params) => (await backtest(params, train)).metrics.totalReturn ?? 0,
      });
      searches += search.trials.length;
      return search.best.params;
    },
    evaluate: (params, range) => backtest(params, range),
  });

  heading(`Walk-forward: train ${trainDays} d, test ${testDays} d, ${report.windows.length} windows, ${searches} grid backtests`);
  printTable(
    report.windows.map((w) => ({
      'test from': utc(w.window.test.from).slice(0, 10),
      'test to': utc(w.window.test.to).slice(0, 10),
      'fast/slow': `${w.params.fast}/${w.params.slow}`,
      'in-sample return': percent(w.inSample?.totalReturn),
      'out-of-sample return': percent(w.outOfSample.metrics.totalReturn),
      'oos trades': w.outOfSample.metrics.trades + w.outOfSample.metrics.openTrades,
    })),
  );
  const m = report.metrics;
  heading('Out of sample, chained');
  printTable([
    { metric: 'total return', value: percent(m.totalReturn) },
    { metric: 'max drawdown', value: percent(m.maxDrawdown) },
    { metric: 'Sharpe (annualized)', value: fixed(m.sharpe, 2) },
    { metric: 'walk-forward efficiency', value: fixed(report.efficiency, 2) },
  ]);
  console.log('\nEfficiency near 1: the fitted parameters generalize; near 0 or negative: the fit is mostly noise.');
});
