import { readKlineCsv } from '@arbot/connectors';
import { Decimal, type ExecutionReport, executeOpportunities, parseMarket, roundAmount } from '@arbot/core';
import { maCrossoverStrategy } from '@arbot/strategies';
import { Subject, tap } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BacktestResult, runBacktest, toHtml, toJSON } from '../../src/index';
import { resample } from '../support/resample';

const DATA = '/work/shared/data/btc-perp-20211231-20220201_1m.csv.gz';
const HOUR = 3_600_000;

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

async function backtest() {
  const candles = readKlineCsv(DATA, { venue: 'ftx', symbol: 'BTC/USD', timeframe: '1m' }).pipe(resample('1h'));
  return runBacktest({
    feeds: [candles],
    markets: [market],
    valuationCurrency: 'USD',
    // Cash only: buys pay their fee in BTC, and the strategy sells what its fills left it (the reports fed back).
    balances: { ftx: { USD: '10000' } },
    startPrices: { BTC: '46000' },
    candleBooks: { spreadBps: 2 },
    sampleEveryMs: HOUR,
    seed: 3,
    pipeline: (ctx) => {
      const reports = new Subject<ExecutionReport>();
      return (
        ctx.venues.ftx
          ?.candles$('BTC/USD', '1h')
          .pipe(
            maCrossoverStrategy({ market, amount: '0.05', fast: 10, slow: 30, clock: ctx.clock, position: reports }),
            ctx.tapOpportunities(),
            executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
            tap(reports),
          ) ?? []
      );
    },
  });
}

describe('runBacktest: a moving-average crossover on real 1h candles (btc-perp, Jan 2022, 1m resampled)', () => {
  let result: BacktestResult;
  beforeAll(async () => {
    result = await backtest();
  }, 60_000);

  it('trades every cross through the simulated venue and its PnL follows from the fills alone', () => {
    expect(result.eventsByStream.candle).toBeGreaterThan(740); // 2021-12-31 23:00 → 2022-02-01 05:00
    expect(result.opportunities).toBeGreaterThan(10);
    expect(result.reports.every((r) => r.status === 'filled')).toBe(true);
    expect(result.fills).toHaveLength(result.reports.length);
    expect(result.fills.every((f) => f.strategy === 'ma-crossover')).toBe(true);
    // Long-only: buy, sell, buy, sell…
    const sides = result.fills.map((f) => f.fill.side);
    expect(sides).toEqual(sides.map((_, i) => (i % 2 === 0 ? 'buy' : 'sell')));

    // Independent PnL: replay the fills by hand. A buy adds amount − fee BTC and costs price × amount USD;
    // a sell removes amount BTC and brings price × amount − fee USD. Equity = USD + BTC × final mark.
    // Each sell is all the BTC held, rounded down to the 0.0001 step: the buy's BTC fee (0.07 %) is not sold.
    let usd = new Decimal(10_000);
    let btc = new Decimal(0);
    for (const { fill } of result.fills) {
      const value = fill.price.times(fill.amount);
      if (fill.side === 'buy') {
        expect(fill.amount.toString()).toBe('0.05');
        usd = usd.minus(value);
        btc = btc.plus(fill.amount).minus(fill.fee.asset === 'BTC' ? fill.fee.amount : 0);
      } else {
        expect(fill.amount.toString()).toBe(roundAmount(market, btc, 'down').toString());
        usd = usd.plus(value).minus(fill.fee.asset === 'USD' ? fill.fee.amount : 0);
        btc = btc.minus(fill.amount);
      }
    }
    // 0.05 × (1 − 0.0007) = 0.049965 → the first sell is 0.0499 and leaves 0.000065 BTC; the dust carries over.
    expect(result.fills[1]?.fill.amount.toString()).toBe('0.0499');
    expect(btc.toString()).toBe(result.balances.find((b) => b.asset === 'BTC')?.free.toString());
    const finalMark = result.marks.BTC ?? new Decimal(0);
    expect(finalMark.toNumber()).toBeGreaterThan(30_000);
    const startEquity = new Decimal(10_000);
    expect(result.metrics.startEquity.toString()).toBe(startEquity.toString());
    expect(result.metrics.endEquity.toString()).toBe(usd.plus(btc.times(finalMark)).toString());
    expect(result.metrics.pnl.toString()).toBe(usd.plus(btc.times(finalMark)).minus(startEquity).toString());

    // Trades: each buy opens one and the sell after it closes it. The sell leaves what the BTC fee and the step
    // rounding left over, below the 0.0001 step on either side of zero (e.g. 0.049965 − 0.0499 = 0.000065; with that
    // dust carried, the next 0.05 buy nets 0.049965 in the trade but the sell is 0.05003 rounded down = 0.05,
    // leaving −0.000035 in the trade), so every pair closes. A trailing buy stays open.
    const buys = result.fills.filter((f) => f.fill.side === 'buy');
    const sells = result.fills.filter((f) => f.fill.side === 'sell');
    // 31 fills: 16 buys and 15 sells (sells of 0.0499 and 0.05 as the dust goes up and down) → 15 closed, 1 open.
    expect([buys.length, sells.length]).toEqual([16, 15]);
    expect(result.metrics.trades).toBe(15);
    expect(result.metrics.openTrades).toBe(1);
    expect(result.trades.filter((t) => t.status === 'closed').map((t) => [t.openedAt, t.closedAt, t.fills])).toEqual(
      sells.map((sell, i) => [buys[i]?.fill.ts, sell.fill.ts, 2]),
    );
    // Each closed trade's PnL = sell notional − buy notional − the fees paid in USD + what is left of the BTC
    // (bought − the BTC fee − sold: the rounding dust) valued at the sell price. A fee paid in BTC is not charged
    // again: it already made the BTC left smaller.
    sells.forEach((sell, i) => {
      const buy = buys[i];
      if (buy === undefined) throw new Error('a sell without its buy');
      const quoteFee = (f: typeof buy) => (f.fill.fee.asset !== 'BTC' ? f.fill.fee.amount : new Decimal(0));
      const btcFee = (f: typeof buy) => (f.fill.fee.asset === 'BTC' ? f.fill.fee.amount : new Decimal(0));
      const left = buy.fill.amount.minus(btcFee(buy)).minus(sell.fill.amount).minus(btcFee(sell));
      const pnl = sell.fill.price
        .times(sell.fill.amount)
        .minus(buy.fill.price.times(buy.fill.amount))
        .minus(quoteFee(buy))
        .minus(quoteFee(sell))
        .plus(left.times(sell.fill.price));
      expect(result.trades[i]?.pnl.toString()).toBe(pnl.toString());
    });

    expect(result.metrics.periodMs).toBe(HOUR);
    expect(result.metrics.fills).toBe(result.fills.length);
    expect(result.metrics.exposureTime).toBeGreaterThan(0);
    expect(result.metrics.exposureTime).toBeLessThan(1);
  });

  it('gives byte-identical JSON and HTML for the same data and seed', async () => {
    const again = await backtest();
    expect(toJSON(again)).toBe(toJSON(result));
    expect(toHtml(again)).toBe(toHtml(result));
  }, 60_000);
});
