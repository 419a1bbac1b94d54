import { Decimal, parseWith } from '@arbot/core';
import { z } from 'zod';
import { periodsPerYear, YEAR_MS } from './annualization';
import type { BacktestMetrics } from './backtest-metrics';
import { drawdownStats } from './drawdown';
import type { EquitySample } from './equity-sample';
import { exposureTime } from './exposure';
import { periodReturns } from './period-returns';
import type { RecordedFill } from './recorded-fill';
import { annualizedVolatility, sharpeRatio, sortinoRatio } from './return-ratios';
import type { RoundTrip } from './round-trip';
import { tradeStats } from './trade-stats';

/**
 * What {@link computeMetrics} needs: the sampled equity curve, its period,
 * the fills and the trades built from them.
 *
 * @example
 * ```ts
 * const input: MetricsInput = { equity: curve, periodMs: 3_600_000, fills: [], trades: [] };
 * ```
 */
export interface MetricsInput {
  /** Equity samples, one every `periodMs`, in time order (at least one). */
  readonly equity: readonly EquitySample[];
  /** Sampling period of `equity`, ms (> 0). */
  readonly periodMs: number;
  /** Annual risk-free rate as a fraction; default 0. */
  readonly riskFreeRate?: number;
  readonly fills: readonly RecordedFill[];
  readonly trades: readonly RoundTrip[];
}

const MetricsOptionsSchema = z.object({
  periodMs: z.number().positive().refine(Number.isFinite, { message: 'must be a finite number' }),
  riskFreeRate: z.number().gt(-1).refine(Number.isFinite, { message: 'must be a finite number' }).default(0),
  equityLength: z.number().int().min(1, { message: 'the equity curve needs at least one sample' }),
});

/**
 * Every figure of {@link BacktestMetrics} from an equity curve, fills and
 * trades (formulas on {@link BacktestMetrics}). Throws a `ValidationError`
 * for an empty curve, a non-positive period or a risk-free rate ≤ −100 %.
 *
 * @example
 * ```ts
 * const m = computeMetrics({ equity: result.equity, periodMs: 60_000, riskFreeRate: 0.04, fills: result.fills, trades: result.trades });
 * console.log(m.sharpe, m.maxDrawdown);
 * ```
 */
export function computeMetrics(input: MetricsInput): BacktestMetrics {
  const { periodMs, riskFreeRate } = parseWith(
    MetricsOptionsSchema,
    { periodMs: input.periodMs, riskFreeRate: input.riskFreeRate, equityLength: input.equity.length },
    'metrics input',
  );
  const curve = input.equity;
  const first = curve[0] as EquitySample;
  const last = curve[curve.length - 1] as EquitySample;
  const durationMs = last.ts - first.ts;
  const returns = periodReturns(curve);
  const ratioInput = { returns, periodMs, riskFreeRate };
  const growth = first.equity.gt(0) ? last.equity.div(first.equity).toNumber() : undefined;
  const totalReturn = growth === undefined ? undefined : growth - 1;
  const annualizedReturn = growth === undefined || durationMs <= 0 ? undefined : growth ** (YEAR_MS / durationMs) - 1;
  const dd = drawdownStats(curve);
  const trades = tradeStats(input.trades);
  let volume = new Decimal(0);
  let feesPaid = new Decimal(0);
  for (const f of input.fills) {
    volume = volume.plus(f.notional);
    feesPaid = feesPaid.plus(f.feeValue);
  }
  let equitySum = new Decimal(0);
  for (const p of curve) equitySum = equitySum.plus(p.equity);
  const meanEquity = equitySum.div(curve.length);
  return {
    start: first.ts,
    end: last.ts,
    durationMs,
    periodMs,
    periodsPerYear: periodsPerYear(periodMs),
    riskFreeRate,
    periods: returns.length,
    startEquity: first.equity,
    endEquity: last.equity,
    pnl: last.equity.minus(first.equity),
    totalReturn,
    annualizedReturn,
    volatility: annualizedVolatility(ratioInput),
    sharpe: sharpeRatio(ratioInput),
    sortino: sortinoRatio(ratioInput),
    calmar: annualizedReturn === undefined || dd.maxDrawdown === 0 ? undefined : annualizedReturn / dd.maxDrawdown,
    maxDrawdown: dd.maxDrawdown,
    maxDrawdownAmount: dd.maxDrawdownAmount,
    maxDrawdownDurationMs: dd.maxDrawdownDurationMs,
    trades: trades.trades,
    openTrades: trades.openTrades,
    winRate: trades.winRate,
    profitFactor: trades.profitFactor,
    averageWin: trades.averageWin,
    averageLoss: trades.averageLoss,
    fills: input.fills.length,
    volume,
    turnover: meanEquity.gt(0) ? volume.div(meanEquity).toNumber() : undefined,
    feesPaid,
    exposureTime: exposureTime(input.trades, first.ts, last.ts),
  };
}
