/**
 * Runs one recorded scenario through `runBacktest` with the demo's
 * instruments attached (risk decisions, latency, progress) and boils the
 * result down to the figures of the summary table.
 */
import { type BacktestResult, runBacktest } from '@arbot/backtest';
import { Decimal } from '@arbot/core';
import type { RiskDecision } from '@arbot/risk';
import type { Scenario, ScenarioHooks } from '../scenarios/scenario';
import { LatencyMeter, type LatencySummary } from './latency-meter';
import { startProgress } from './progress';

/** The summary figures of one scenario. */
export interface ScenarioFigures {
  readonly name: string;
  readonly description: string;
  readonly events: number;
  readonly opportunities: number;
  readonly approved: number;
  readonly rejected: number;
  readonly executed: number;
  /** Filled base amount over requested, over all legs of all executions (undefined when none). */
  readonly fillRate: number | undefined;
  readonly pnl: Decimal;
  readonly fees: Decimal;
  readonly maxDrawdown: number;
  readonly latency: LatencySummary | undefined;
  readonly result: BacktestResult;
}

/** Builds a scenario with the demo's hooks, runs it and summarizes it. */
export async function runScenario(build: (hooks: ScenarioHooks) => Scenario, showProgress: boolean): Promise<ScenarioFigures> {
  const decisions: RiskDecision[] = [];
  const latency = new LatencyMeter();
  let progressUpdate: (ts: number) => void = () => undefined;
  const scenario = build({
    onDecision: (d) => decisions.push(d),
    onBook: latency.onBook,
    onApproved: latency.onOrder,
    onEvent: (ts) => progressUpdate(ts),
  });
  const progress = startProgress(scenario.name, scenario.from, scenario.to, showProgress);
  progressUpdate = (ts) => progress.update(ts);
  let result: BacktestResult;
  try {
    result = await runBacktest(scenario.backtest);
  } finally {
    progress.stop();
  }
  let requested = new Decimal(0);
  let filled = new Decimal(0);
  for (const report of result.reports) {
    for (const leg of report.legs) {
      requested = requested.plus(leg.requested);
      filled = filled.plus(leg.filled);
    }
  }
  const executed = result.reports.filter((r) => r.legs.some((l) => l.filled.gt(0))).length;
  return {
    name: scenario.name,
    description: scenario.description,
    events: result.events,
    opportunities: result.opportunities,
    approved: decisions.filter((d) => d.outcome !== 'rejected').length,
    rejected: decisions.filter((d) => d.outcome === 'rejected').length,
    executed,
    fillRate: requested.isZero() ? undefined : filled.div(requested).toNumber(),
    pnl: result.reports.reduce((sum, r) => sum.plus(r.realizedPnl), new Decimal(0)),
    fees: result.metrics.feesPaid,
    maxDrawdown: result.metrics.maxDrawdown,
    latency: latency.summary(),
    result,
  };
}
