import type { Params } from './parameter-space';

/**
 * One finished trial: its number, parameters, score (as the objective
 * returned it) and any metrics it reported.
 *
 * @example
 * ```ts
 * const { trial, params, score } = result.best;
 * ```
 */
export interface TrialRecord {
  readonly trial: number;
  readonly params: Params;
  readonly score: number;
  readonly metrics: Readonly<Record<string, number | string | boolean | null>>;
}

/**
 * What `optimize` found: every trial in trial order and the best one.
 *
 * @example
 * ```ts
 * const result: OptimizationResult = await optimize(options);
 * console.log(result.best.params, result.best.score, result.trials.length);
 * ```
 */
export interface OptimizationResult {
  readonly method: 'grid' | 'random' | 'bayesian';
  readonly direction: 'maximize' | 'minimize';
  readonly seed: number;
  readonly trials: readonly TrialRecord[];
  readonly best: TrialRecord;
}

/**
 * The `n` best trials, best first (ties: earlier trial first).
 *
 * @example
 * ```ts
 * topTrials(result, 5).map((t) => t.params);
 * ```
 */
export function topTrials(result: OptimizationResult, n: number): TrialRecord[] {
  const sign = result.direction === 'maximize' ? -1 : 1;
  return [...result.trials].sort((a, b) => sign * (a.score - b.score) || a.trial - b.trial).slice(0, Math.max(0, n));
}
