import { type Candle, type ExecutionReport, executeOpportunities, parseMarket } from '@arbot/core';
import { maCrossoverStrategy } from '@arbot/strategies';
import { Subject, tap } from 'rxjs';
import { type BacktestResult, runBacktest } from '../../src/index';

/** One hour, ms. */
export const HOUR = 3_600_000;

/** The ETH/USDT market of the synthetic venue `sim`: amount step 0.001, tick 0.01, taker 0.1 %. */
export const waveMarket = parseMarket({
  venue: 'sim',
  symbol: 'ETH/USDT',
  id: 'ETHUSDT',
  base: 'ETH',
  quote: 'USDT',
  precision: { amount: '0.001', price: '0.01' },
  limits: {},
  fees: { maker: '0', taker: '0.001' },
});

/** 400 hourly candles of a damped wave on a rising trend: crossovers with something to catch. */
export function waveCandles(): Candle[] {
  return Array.from({ length: 400 }, (_, i) => {
    const close = Math.round((1_000 + i + 60 * Math.sin(i / 9) * Math.exp(-i / 800)) * 100) / 100;
    return {
      venue: 'sim',
      symbol: 'ETH/USDT',
      timeframe: '1h',
      ts: i * HOUR,
      recvTs: (i + 1) * HOUR,
      open: close,
      high: close,
      low: close,
      close,
      volume: 50,
      closed: true,
    };
  });
}

/** A moving-average crossover (buys 1 ETH, sells what its fills left it: the reports are fed back) backtested on {@link waveCandles}, optionally over a sub-range. */
export function waveBacktest(
  fast: number,
  slow: number,
  options: { from?: number; to?: number; seed?: number } = {},
): Promise<BacktestResult> {
  return runBacktest({
    feeds: [waveCandles()],
    markets: [waveMarket],
    balances: { sim: { USDT: '10000' } },
    startPrices: { ETH: '1000' },
    candleBooks: { spreadBps: 2 },
    sampleEveryMs: HOUR,
    ...options,
    pipeline: (ctx) => {
      const reports = new Subject<ExecutionReport>();
      return (
        ctx.venues.sim
          ?.candles$('ETH/USDT', '1h')
          .pipe(
            maCrossoverStrategy({ market: waveMarket, amount: '1', fast, slow, clock: ctx.clock, position: reports }),
            ctx.tapOpportunities(),
            executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
            tap(reports),
          ) ?? []
      );
    },
  });
}
