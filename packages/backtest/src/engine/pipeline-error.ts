import { ArbotError } from '@arbot/core';

/**
 * Thrown by `runBacktest` when the pipeline under test fails: its
 * Observable errors, or building it throws. `cause` is the pipeline's own
 * error; `context.at` the virtual time it happened.
 *
 * @example
 * ```ts
 * try {
 *   await runBacktest(options);
 * } catch (err) {
 *   if (err instanceof BacktestPipelineError) console.error(err.context.at, err.cause);
 * }
 * ```
 */
export class BacktestPipelineError extends ArbotError {
  constructor(at: number, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super('BACKTEST_PIPELINE_FAILED', `The backtest pipeline failed at ${at}: ${why}`, { at }, { cause });
  }
}
