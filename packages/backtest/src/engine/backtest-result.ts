import type { EventStream } from '@arbot/connectors';
import type { Balance, Decimal, ExecutionReport } from '@arbot/core';
import type { BacktestMetrics } from '../metrics/backtest-metrics';
import type { Breakdown } from '../metrics/breakdown';
import type { EquitySample } from '../metrics/equity-sample';
import type { RecordedFill } from '../metrics/recorded-fill';
import type { RoundTrip } from '../metrics/round-trip';

/**
 * Everything a backtest produced: the settings it ran with, the equity
 * curve, every fill, the trades built from them, the execution reports,
 * the metrics and their per-strategy and per-venue breakdowns, and the
 * final balances and marks. Serialize it with `toJSON`, render it with
 * `toHtml`.
 *
 * @example
 * ```ts
 * const result = await runBacktest(options);
 * console.log(result.metrics.totalReturn, result.trades.length, result.events);
 * ```
 */
export interface BacktestResult {
  /** Start of the period (the first sample), ms. */
  readonly from: number;
  /** End of the period (the last sample), ms. */
  readonly to: number;
  readonly seed: number;
  readonly valuationCurrency: string;
  /** Event time the run was ordered by. */
  readonly time: 'recvTs' | 'ts';
  /** Number of market-data events delivered (synthetic candle books excluded). */
  readonly events: number;
  /** Events delivered per stream. */
  readonly eventsByStream: Readonly<Record<EventStream, number>>;
  /** Order book gaps, crossed books and buffer overflows reported while replaying. */
  readonly bookIssues: number;
  /** Opportunities recorded by `tapOpportunities`. */
  readonly opportunities: number;
  /** Equity sampled every `metrics.periodMs` from `from`, plus a final sample at `to`. */
  readonly equity: readonly EquitySample[];
  /** Every fill of every venue, by fill time (ties in the order reported). */
  readonly fills: readonly RecordedFill[];
  /** Round trips built from the fills (see `RoundTrip`). */
  readonly trades: readonly RoundTrip[];
  /** Execution reports the pipeline emitted, in order. */
  readonly reports: readonly ExecutionReport[];
  readonly metrics: BacktestMetrics;
  readonly breakdown: Breakdown;
  /** Non-zero balances at the end, by venue then asset. */
  readonly balances: readonly Balance[];
  /** Final mark of each asset in the valuation currency. */
  readonly marks: Readonly<Record<string, Decimal>>;
}
