import { ArbotError } from '@arbot/core';

/**
 * Thrown by `optimize` when a trial fails: its function threw, returned no
 * finite score, or its worker died. `context` names the trial and its
 * parameters; `cause` is the original error when there is one.
 *
 * @example
 * ```ts
 * try {
 *   await optimize(options);
 * } catch (err) {
 *   if (err instanceof TrialError) console.error(err.context.trial, err.context.params);
 * }
 * ```
 */
export class TrialError extends ArbotError {
  constructor(trial: number, params: unknown, reason: string, cause?: unknown) {
    super('TRIAL_FAILED', `Trial ${trial} failed: ${reason}`, { trial, params, reason }, cause === undefined ? undefined : { cause });
  }
}

/**
 * Thrown when a trial module cannot be loaded or has no such function
 * export, or a TypeScript module must run in workers and no loader is found.
 *
 * @example
 * ```ts
 * try {
 *   await optimize({ ...options, objective: { module: '/no/such/file.ts', export: 'trial' } });
 * } catch (err) {
 *   if (err instanceof TrialModuleError) console.error(err.context.module);
 * }
 * ```
 */
export class TrialModuleError extends ArbotError {
  constructor(module: string, exportName: string, reason: string) {
    super('TRIAL_MODULE', `Cannot use ${exportName} from ${module}: ${reason}`, { module, export: exportName, reason });
  }
}
