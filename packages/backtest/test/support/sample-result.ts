import { Decimal, parseFill } from '@arbot/core';
import { type BacktestResult, breakdown, computeMetrics, type EquitySample, type RecordedFill, roundTrips } from '../../src/index';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** A small, fully known result: a 48-hour equity curve and four fills making two trades. */
export function sampleResult(title = 'sample'): BacktestResult {
  const equity: EquitySample[] = Array.from({ length: 49 }, (_, i) => ({
    ts: T0 + i * HOUR,
    equity: new Decimal(10_000 + Math.round(300 * Math.sin(i / 6) + 8 * i)),
  }));
  const fill = (i: number, side: 'buy' | 'sell', price: string): RecordedFill => ({
    fill: parseFill({
      id: `f${i}`,
      orderId: `o${i}`,
      venue: i % 2 === 0 ? 'binance' : 'okx',
      symbol: 'BTC/USDT',
      side,
      price,
      amount: '0.1',
      fee: { asset: 'USDT', amount: '0.5' },
      liquidity: 'taker',
      ts: T0 + i * 6 * HOUR,
    }),
    base: 'BTC',
    quote: 'USDT',
    notional: new Decimal(price).times('0.1'),
    feeValue: new Decimal('0.5'),
    strategy: title === 'sample' ? 'spatial' : `<b>${title}</b>`,
    opportunityId: `op-${i >> 1}`,
  });
  const fills = [fill(0, 'buy', '40000'), fill(1, 'sell', '40100'), fill(2, 'buy', '41000'), fill(3, 'sell', '40900')];
  const trades = roundTrips(fills);
  const markOf = (asset: string) => (asset === 'USDT' ? new Decimal(1) : new Decimal(41_000));
  return {
    from: T0,
    to: T0 + 48 * HOUR,
    seed: 1,
    valuationCurrency: 'USDT',
    time: 'recvTs',
    events: 1234,
    eventsByStream: { book: 1000, trade: 234, ticker: 0, candle: 0 },
    bookIssues: 0,
    opportunities: 2,
    equity,
    fills,
    trades,
    reports: [],
    metrics: computeMetrics({ equity, periodMs: HOUR, fills, trades }),
    breakdown: breakdown(fills, trades, markOf),
    balances: [{ venue: 'binance', asset: 'USDT', free: new Decimal('10000'), locked: new Decimal(0) }],
    marks: { BTC: new Decimal(41_000) },
  };
}
