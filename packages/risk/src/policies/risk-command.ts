/**
 * Commands the kill switch sends to executors on its `commands$` stream.
 *
 * - `cancel-all`: cancel every open order (on `venues`, or everywhere when
 *   `venues` is `'all'`) and place no new ones;
 * - `flatten`: close residual positions back to the quote/cash asset (on
 *   `venues`, or everywhere).
 *
 * `id` is unique per command; executors should handle a repeated command
 * idempotently (cancelling twice is harmless).
 *
 * @example
 * ```ts
 * kill.commands$.subscribe((cmd) => {
 *   if (cmd.type === 'cancel-all') executor.cancelAll(cmd.venues);
 *   else executor.flatten(cmd.venues);
 * });
 * ```
 */
export type RiskCommand = CancelAllCommand | FlattenCommand;

/** Cancel every open order; see {@link RiskCommand}. */
export interface CancelAllCommand {
  readonly type: 'cancel-all';
  readonly id: string;
  /** Clock time of the trigger, ms. */
  readonly at: number;
  readonly reason: string;
  readonly venues: readonly string[] | 'all';
}

/** Close residual positions; see {@link RiskCommand}. */
export interface FlattenCommand {
  readonly type: 'flatten';
  readonly id: string;
  /** Clock time of the trigger, ms. */
  readonly at: number;
  readonly reason: string;
  readonly venues: readonly string[] | 'all';
}
