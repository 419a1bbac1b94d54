import { readKlineCsv } from '@arbot/connectors';
import { executeOpportunities, parseMarket } from '@arbot/core';
import { maCrossoverStrategy } from '@arbot/strategies';
import { writeFileSync } from 'node:fs';
import { runBacktest, toHtml, toJSON } from '../../src/index';
import { resample } from '../support/resample';
const market = parseMarket({ venue: 'ftx', symbol: 'BTC/USD', id: 'BTC-PERP', base: 'BTC', quote: 'USD', precision: { amount: '0.0001', price: '1' }, limits: { amount: { min: '0.0001' } }, fees: { maker: '0.0002', taker: '0.0007' } });
const result = await runBacktest({
  feeds: [readKlineCsv('/work/shared/data/btc-perp-20211231-20220201_1m.csv.gz', { venue: 'ftx', symbol: 'BTC/USD', timeframe: '1m' }).pipe(resample('1h'))],
  markets: [market], valuationCurrency: 'USD', balances: { ftx: { USD: '10000', BTC: '0.001' } }, startPrices: { BTC: '46000' },
  candleBooks: { spreadBps: 2 }, sampleEveryMs: 3_600_000, seed: 3,
  pipeline: (ctx) => ctx.venues.ftx!.candles$('BTC/USD', '1h').pipe(maCrossoverStrategy({ market, amount: '0.05', fast: 10, slow: 30, clock: ctx.clock }), ctx.tapOpportunities(), executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog })),
});
writeFileSync('/tmp/bt-report.html', toHtml(result, { title: 'MA 10/30 crossover · BTC/USD 1h · Jan 2022' }));
writeFileSync('/tmp/bt-report.json', toJSON(result));
const { metrics: m } = result;
console.log(m.trades, m.pnl.toString(), m.totalReturn, m.sharpe, m.maxDrawdown, m.winRate, m.profitFactor, result.equity.length);
