/**
 * `@arbot/backtest`: event-driven backtests of ArBot SDK pipelines (the
 * very operators a live bot runs, on a virtual clock and simulated venues),
 * performance metrics, deterministic JSON and self-contained HTML reports,
 * walk-forward analysis, parameter search (grid, random and Bayesian, on
 * worker threads) and live-vs-backtest divergence reports.
 *
 * @packageDocumentation
 */

export {
  type DivergenceOptions,
  type DivergenceReport,
  divergenceSummary,
  type FirstDivergence,
  liveDivergence,
  type MatchedFill,
  type PnlPoint,
} from './divergence/live-divergence';
export { type LiveFill, liveFillsFromJournal, readLiveFills } from './divergence/live-fill';
export type { BacktestContext, BacktestVenue } from './engine/backtest-context';
export {
  type BacktestOptions,
  CandleBookSchema,
  type SimVenueSettings,
  SimVenueSettingsSchema,
} from './engine/backtest-options';
export type { BacktestResult } from './engine/backtest-result';
export { UNATTRIBUTED } from './engine/fill-recorder';
export { BacktestPipelineError } from './engine/pipeline-error';
export { runBacktest } from './engine/run-backtest';
export { FeedOrderError, UnknownFeedItemError } from './merge/feed-errors';
export type { FeedItem } from './merge/feed-item';
export { mergeFeeds } from './merge/feed-merger';
export type { Feed } from './merge/feed-source';
export { periodsPerYear, perPeriodRate, YEAR_MS } from './metrics/annualization';
export type { BacktestMetrics } from './metrics/backtest-metrics';
export { type Breakdown, type BreakdownRow, breakdown } from './metrics/breakdown';
export { computeMetrics, type MetricsInput } from './metrics/compute-metrics';
export { type DrawdownStats, drawdownSeries, drawdownStats } from './metrics/drawdown';
export type { EquitySample } from './metrics/equity-sample';
export { exposureTime } from './metrics/exposure';
export { periodReturns } from './metrics/period-returns';
export type { RecordedFill } from './metrics/recorded-fill';
export { annualizedVolatility, type RatioInputs, sampleStdDev, sharpeRatio, sortinoRatio } from './metrics/return-ratios';
export type { RoundTrip } from './metrics/round-trip';
export { roundTrips } from './metrics/round-trips';
export { type TradeStats, tradeStats } from './metrics/trade-stats';
export { type ComparisonOptions, comparisonHtml, comparisonTable } from './optimize/comparison';
export { type OptimizationResult, type TrialRecord, topTrials } from './optimize/optimization-result';
export { type OptimizeOptions, optimize } from './optimize/optimize';
export {
  decode,
  encode,
  gridPoints,
  gridSize,
  type ParameterSpace,
  ParameterSpaceSchema,
  ParameterSpecSchema,
  type ParameterValue,
  type Params,
  parseSpace,
} from './optimize/parameter-space';
export { TrialError, TrialModuleError } from './optimize/trial-errors';
export type { TrialContext, TrialFunction, TrialModule, TrialOutcome } from './optimize/trial-types';
export { type CanonicalJson, canonicalize } from './report/canonical-json';
export { escapeHtml } from './report/html-escape';
export { type HtmlReportOptions, toHtml } from './report/html-report';
export { niceTicks } from './report/nice-ticks';
export { type ChartSpec, svgChart } from './report/svg-chart';
export { BACKTEST_JSON_FORMAT, BACKTEST_JSON_VERSION, toJSON } from './report/to-json';
export { stitchEquity } from './walk-forward/stitch-equity';
export { type WalkForwardOptions, type WalkForwardReport, type WalkForwardStep, walkForward } from './walk-forward/walk-forward';
export { type TimeRange, type WalkForwardSplit, type WalkForwardWindow, walkForwardWindows } from './walk-forward/walk-forward-windows';
