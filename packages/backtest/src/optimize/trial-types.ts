import type { Params } from './parameter-space';

/**
 * What a trial function returns: its score (higher is better unless the
 * search minimizes), alone or with metrics to show in the comparison.
 * Results cross thread boundaries, so metrics must be plain values
 * (numbers, strings, booleans or null; turn `Decimal`s into strings).
 *
 * @example
 * ```ts
 * const outcome: TrialOutcome = { score: result.metrics.sharpe ?? -Infinity, metrics: { trades: result.metrics.trades, pnl: result.metrics.pnl.toString() } };
 * ```
 */
export type TrialOutcome =
  | number
  | { readonly score: number; readonly metrics?: Readonly<Record<string, number | string | boolean | null>> };

/**
 * What a trial function receives besides its parameters: its 0-based
 * trial number and the optimization's seed (the same for every trial, so
 * trials differ only by their parameters).
 *
 * @example
 * ```ts
 * export async function trial(params: Params, { seed }: TrialContext) {
 *   return (await runBacktest({ ...base(params), seed })).metrics.sharpe ?? -Infinity;
 * }
 * ```
 */
export interface TrialContext {
  readonly trial: number;
  readonly seed: number;
}

/**
 * A trial function: parameters in, {@link TrialOutcome} out.
 *
 * @example
 * ```ts
 * const objective: TrialFunction = ({ x, y }) => -((x as number) ** 2 + (y as number) ** 2);
 * ```
 */
export type TrialFunction = (params: Params, context: TrialContext) => TrialOutcome | Promise<TrialOutcome>;

/**
 * A trial function named by module and export, so that worker threads can
 * load it: `module` is an absolute path or a `file:` URL.
 *
 * @example
 * ```ts
 * const objective: TrialModule = { module: new URL('./trials.ts', import.meta.url).href, export: 'maCrossoverTrial' };
 * ```
 */
export interface TrialModule {
  readonly module: string;
  readonly export: string;
}
