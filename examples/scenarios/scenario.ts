/**
 * What the demo and the examples share about a recorded scenario: the
 * backtest inputs (feeds, markets, balances) and the hooks a caller can
 * attach to watch the pipeline (risk decisions, book updates, orders).
 */
import type { BacktestOptions } from '@arbot/backtest';
import type { OrderBookView, OrderRequest, TradingVenue } from '@arbot/core';
import type { RiskDecision } from '@arbot/risk';

/** Observers of a scenario's pipeline; all optional. */
export interface ScenarioHooks {
  /** Every decision of the risk gate. */
  readonly onDecision?: (decision: RiskDecision) => void;
  /** Every book view entering the detector. */
  readonly onBook?: (view: OrderBookView) => void;
  /** Every market-data event fed into the backtest, by its time (for progress bars). */
  readonly onEvent?: (ts: number) => void;
  /** Every order the executor sends, just before it reaches the venue. */
  readonly onOrder?: (request: OrderRequest) => void;
}

/**
 * The venues as the executor should see them: unchanged, or with every
 * `placeOrder` reported to `hooks.onOrder` first.
 */
export function venuesForExecutor<V extends TradingVenue>(
  venues: Readonly<Record<string, V>>,
  hooks: ScenarioHooks,
): Readonly<Record<string, V>> {
  const onOrder = hooks.onOrder;
  if (onOrder === undefined) return venues;
  const wrapped: Record<string, V> = {};
  for (const [id, venue] of Object.entries(venues)) {
    wrapped[id] = new Proxy(venue, {
      get(target, property) {
        if (property === 'placeOrder') {
          return (request: OrderRequest) => {
            onOrder(request);
            return target.placeOrder(request);
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  }
  return wrapped;
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
