import { ArbotError } from '@arbot/core';

/**
 * A failure the `arbot` command reports as one line, without a stack trace:
 * `CLI_USAGE` (bad or missing flags; exit code 2) or `CLI_FAILED` (the
 * command could not do its work, e.g. the exchange did not answer; exit code 1).
 *
 * @example
 * ```ts
 * throw new CliError('CLI_USAGE', '--out is required', { flag: '--out' });
 * ```
 */
export class CliError extends ArbotError {
  declare readonly code: 'CLI_USAGE' | 'CLI_FAILED';

  constructor(code: CliError['code'], message: string, context: Record<string, unknown> = {}) {
    super(code, message, context);
  }
}
