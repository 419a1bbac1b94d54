/**
 * Moving-average crossover backtest: SMA 50 / SMA 200 on 1h BTC candles.
 *
 *   a month of real 1m BTC-PERP candles (2022-01)
 *     → resampled to 1h → maCrossoverStrategy (long when SMA 50 > SMA 200)
 *     → executeOpportunities on a simulated venue → metrics, trades, HTML report
 *
 * Candle data has no order book, so `candleBooks` gives the simulated venue
 * a one-level book at every close (± half the spread): orders fill at the
 * close plus half the spread, through the same matching engine and fees as a
 * book strategy.
 *
 *   pnpm example ma-crossover
 *   pnpm example ma-crossover --fast 20 --slow 100 --average ema
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBacktest, toHtml } from '@arbot/backtest';
import { readKlineCsv } from '@arbot/connectors';
import { type ExecutionReport, executeOpportunities, parseMarket } from '@arbot/core';
import { maCrossoverStrategy } from '@arbot/strategies';
import { Subject, tap } from 'rxjs';
import { parseFlags, runExample, UsageError } from './lib/cli';
import { bundledData } from './lib/data';
import { fixed, heading, percent, printTable, utc } from './lib/print';
import { resampleCandles } from './lib/resample';

const info = {
  name: 'ma-crossover',
  summary: 'Backtests an SMA 50/200 crossover on 1h candles resampled from a month of real 1m BTC-PERP data (Jan 2022).',
  flags: {
    fast: { type: 'number', default: 50, min: 1, max: 1_000, help: 'fast moving-average period, bars' },
    slow: { type: 'number', default: 200, min: 2, max: 1_000, help: 'slow moving-average period, bars' },
    average: { type: 'string', default: 'sma', help: 'sma or ema' },
    amount: { type: 'string', default: '0.2', help: 'BTC bought on each golden cross' },
    report: { type: 'string', help: 'where to write the HTML report (default out/examples/ma-crossover.html)' },
  },
} as const;

runExample(info, async () => {
  const flags = parseFlags(info);
  if (!(Number(flags.amount) > 0)) throw new UsageError(`--amount must be a positive number, got "${flags.amount}"`);
  if (flags.fast >= flags.slow) throw new UsageError(`--fast (${flags.fast}) must be below --slow (${flags.slow})`);
  if (flags.average !== 'sma' && flags.average !== 'ema') throw new UsageError(`--average must be sma or ema, got "${flags.average}"`);
  const average = flags.average;

  // The file is BTC-PERP 1m candles, venue undocumented (probably FTX); traded here as spot BTC/USD, long only.
  const market = parseMarket({
    venue: 'ftx',
    symbol: 'BTC/USD',
    id: 'BTC-PERP',
    base: 'BTC',
    quote: 'USD',
    precision: { amount: '0.0001', price: '1' },
    limits: { amount: { min: '0.0001' } },
    fees: { maker: '0.0002', taker: '0.0007' },
  });
  const candles = readKlineCsv(bundledData('btc-perp-20211231-20220201_1m.csv.gz'), {
    venue: market.venue,
    symbol: market.symbol,
    timeframe: '1m',
  }).pipe(resampleCandles('1h'));

  const result = await runBacktest({
    feeds: [candles],
    markets: [market],
    balances: { ftx: { USD: '20000' } },
    startPrices: { BTC: '46300' },
    valuationCurrency: 'USD',
    candleBooks: { spreadBps: 2, size: 50 }, // 1 bp either side of the close, 50 BTC deep
    sampleEveryMs: 3_600_000, // hourly equity samples: Sharpe and volatility are annualized from them
    // --smoke: the first 12 days (about 290 bars: enough for SMA 200 to warm up and cross).
    ...(flags.smoke ? { to: Date.UTC(2022, 0, 12) } : {}),
    pipeline: (ctx) => {
      // The venue takes the buy's fee from the BTC it receives (as Binance does): a buy of 0.2 leaves 0.19986 BTC.
      // Fed the execution reports, the strategy sells what it holds (0.1998 on the 0.0001 step), not 0.2.
      const reports = new Subject<ExecutionReport>();
      const strategy = maCrossoverStrategy({
        market,
        amount: flags.amount,
        fast: flags.fast,
        slow: flags.slow,
        average,
        clock: ctx.clock,
        position: reports,
      });
      return (
        ctx.venues.ftx
          ?.candles$(market.symbol, '1h')
          .pipe(
            strategy,
            ctx.tapOpportunities(),
            executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
            tap(reports),
          ) ?? []
      );
    },
  });

  const m = result.metrics;
  heading(`${average.toUpperCase()} ${flags.fast}/${flags.slow} on ${market.symbol} 1h, ${utc(m.start)} → ${utc(m.end)}`);
  printTable([
    { metric: 'hourly bars', value: result.eventsByStream.candle },
    { metric: 'signals', value: result.opportunities },
    { metric: 'closed trades', value: m.trades },
    { metric: 'open trades', value: m.openTrades },
    { metric: 'PnL (USD, after fees)', value: fixed(m.pnl, 2) },
    { metric: 'total return', value: percent(m.totalReturn) },
    { metric: 'Sharpe (annualized)', value: fixed(m.sharpe, 2) },
    { metric: 'max drawdown', value: percent(m.maxDrawdown) },
    { metric: 'win rate', value: percent(m.winRate, 0) },
    { metric: 'fees (USD)', value: fixed(m.feesPaid, 2) },
    { metric: 'time in the market', value: percent(m.exposureTime, 0) },
  ]);
  if (result.trades.length > 0) {
    heading('Trades');
    printTable(
      result.trades.map((t) => ({
        opened: utc(t.openedAt),
        closed: t.closedAt === undefined ? 'open' : utc(t.closedAt),
        BTC: fixed(t.maxPosition, 4),
        'pnl USD': fixed(t.pnl, 2),
      })),
    );
  }

  const reportPath = resolve(flags.report ?? resolve(dirname(fileURLToPath(import.meta.url)), '../out/examples/ma-crossover.html'));
  mkdirSync(dirname(reportPath), { recursive: true });
  writeFileSync(reportPath, toHtml(result, { title: `${average.toUpperCase()} ${flags.fast}/${flags.slow} crossover, BTC 1h` }));
  console.log(`\nHTML report: ${reportPath}`);
});
