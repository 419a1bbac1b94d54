import { ValidationError } from '@arbot/core';
import type { BacktestResult } from '../engine/backtest-result';
import type { BacktestMetrics } from '../metrics/backtest-metrics';
import { computeMetrics } from '../metrics/compute-metrics';
import type { EquitySample } from '../metrics/equity-sample';
import type { Params } from '../optimize/parameter-space';
import { stitchEquity } from './stitch-equity';
import { type TimeRange, type WalkForwardSplit, type WalkForwardWindow, walkForwardWindows } from './walk-forward-windows';

/**
 * Options of {@link walkForward}: the split, how to fit parameters on a
 * training window, and how to backtest parameters on any window.
 *
 * @example
 * ```ts
 * const options: WalkForwardOptions = {
 *   from, to, train: 30 * DAY, test: 7 * DAY,
 *   fit: async (train) => (await optimize({ space, objective: (p) => score(p, train), trials: 20 })).best.params,
 *   evaluate: (params, range) => runBacktest(backtestOptions(params, range)),
 * };
 * ```
 */
export interface WalkForwardOptions extends WalkForwardSplit {
  /** Chooses the parameters for a window from its training range (often with `optimize`). */
  readonly fit: (train: TimeRange, window: WalkForwardWindow) => Params | Promise<Params>;
  /** Backtests parameters over a range (`runBacktest` with `from`/`to` set to it). */
  readonly evaluate: (params: Params, range: TimeRange, window: WalkForwardWindow) => Promise<BacktestResult>;
  /** Also backtest each window's parameters in sample, to compare with out of sample (default true). */
  readonly inSample?: boolean;
  /** Annual risk-free rate of the combined out-of-sample metrics (default 0). */
  readonly riskFreeRate?: number;
}

/**
 * One walk-forward window's outcome.
 *
 * @example
 * ```ts
 * for (const w of report.windows) console.log(w.params, w.inSample?.sharpe, w.outOfSample.metrics.sharpe);
 * ```
 */
export interface WalkForwardStep {
  readonly window: WalkForwardWindow;
  readonly params: Params;
  /** Metrics of the parameters on their own training range (when `inSample`). */
  readonly inSample: BacktestMetrics | undefined;
  /** The out-of-sample backtest. */
  readonly outOfSample: BacktestResult;
}

/**
 * A walk-forward analysis: every window, and the out-of-sample periods
 * chained into one equity curve with its metrics (the honest estimate of
 * how the fitting procedure would have done).
 *
 * @example
 * ```ts
 * const report = await walkForward(options);
 * console.log(report.metrics.sharpe, report.efficiency);
 * ```
 */
export interface WalkForwardReport {
  readonly windows: readonly WalkForwardStep[];
  /** Out-of-sample equity, window after window, compounding (see `stitchEquity`). */
  readonly equity: readonly EquitySample[];
  /** Metrics of the stitched out-of-sample curve, with every out-of-sample fill and trade. */
  readonly metrics: BacktestMetrics;
  /**
   * Walk-forward efficiency: mean out-of-sample annualized return ÷ mean
   * in-sample annualized return (near 1: fits generalize; near 0 or
   * negative: they do not); `undefined` without in-sample runs or when the
   * in-sample mean is not positive.
   */
  readonly efficiency: number | undefined;
}

/**
 * Walk-forward analysis: for each window of {@link walkForwardWindows},
 * fit parameters on the training range, backtest them on the test range
 * that follows (and, by default, on the training range too), then chain the
 * out-of-sample results. Windows run one after another. Every backtest must
 * sample equity with the same period. Throws a `ValidationError` for a bad
 * split or mismatched sampling periods.
 *
 * @example
 * ```ts
 * const report = await walkForward({
 *   from: Date.UTC(2022, 0, 1), to: Date.UTC(2022, 3, 1), train: 28 * DAY, test: 7 * DAY,
 *   fit: async (train) => (await optimize({ space, objective: (p) => pnlOn(p, train), method: 'grid' })).best.params,
 *   evaluate: (params, range) => runBacktest({ ...base, ...range, pipeline: pipelineFor(params) }),
 * });
 * console.log(report.metrics.totalReturn, report.windows.map((w) => w.params));
 * ```
 */
export async function walkForward(options: WalkForwardOptions): Promise<WalkForwardReport> {
  const { fit, evaluate, inSample = true, riskFreeRate = 0, ...split } = options;
  for (const [field, value] of [
    ['fit', fit],
    ['evaluate', evaluate],
  ] as const) {
    if (typeof value !== 'function') throw new ValidationError('walkForward() options', [{ field, value, message: 'must be a function' }]);
  }
  const steps: WalkForwardStep[] = [];
  for (const window of walkForwardWindows(split)) {
    const params = await fit(window.train, window);
    const outOfSample = await evaluate(params, window.test, window);
    const own = inSample ? (await evaluate(params, window.train, window)).metrics : undefined;
    steps.push({ window, params, inSample: own, outOfSample });
  }
  const periods = new Set(
    steps.flatMap((s) => [s.outOfSample.metrics.periodMs, ...(s.inSample === undefined ? [] : [s.inSample.periodMs])]),
  );
  if (periods.size > 1) {
    throw new ValidationError('walkForward() backtests', [
      { field: 'sampleEveryMs', value: [...periods], message: 'every backtest must sample equity with the same period' },
    ]);
  }
  const periodMs = steps[0]?.outOfSample.metrics.periodMs ?? 1;
  const equity = stitchEquity(steps.map((s) => s.outOfSample.equity));
  const metrics = computeMetrics({
    equity,
    periodMs,
    riskFreeRate,
    fills: steps.flatMap((s) => s.outOfSample.fills),
    trades: steps.flatMap((s) => s.outOfSample.trades),
  });
  return { windows: steps, equity, metrics, efficiency: efficiencyOf(steps) };
}

function efficiencyOf(steps: readonly WalkForwardStep[]): number | undefined {
  const mean = (xs: (number | undefined)[]): number | undefined => {
    const known = xs.filter((x): x is number => x !== undefined && Number.isFinite(x));
    return known.length === 0 ? undefined : known.reduce((a, b) => a + b, 0) / known.length;
  };
  const is = mean(steps.map((s) => s.inSample?.annualizedReturn));
  const oos = mean(steps.map((s) => s.outOfSample.metrics.annualizedReturn));
  return is === undefined || oos === undefined || !(is > 0) ? undefined : oos / is;
}
