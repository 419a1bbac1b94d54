/**
 * What the demo and the examples share about a recorded scenario: the
 * backtest inputs (feeds, markets, balances) and the hooks a caller can
 * attach to watch the pipeline (risk decisions, book updates, orders).
 */
import type { BacktestOptions } from '@arbot/backtest';
import type { OrderBookView } from '@arbot/core';
import type { RiskDecision } from '@arbot/risk';

/** Observers of a scenario's pipeline; all optional. */
export interface ScenarioHooks {
  /** Every decision of the risk gate. */
  readonly onDecision?: (decision: RiskDecision) => void;
  /** Every book view entering the detector. */
  readonly onBook?: (view: OrderBookView) => void;
  /** Every market-data event fed into the backtest, by its time (for progress bars). */
  readonly onEvent?: (ts: number) => void;
  /** Every opportunity the risk gate lets through, as it leaves the gate (before the executor). */
  readonly onApproved?: () => void;
}

/** A replayable scenario: everything `runBacktest` needs, plus its time range. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** First and last event time of the recording, ms. */
  readonly from: number;
  readonly to: number;
  readonly backtest: BacktestOptions;
}
