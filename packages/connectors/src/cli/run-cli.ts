import { ArbotError } from '@arbot/core';
import type { CliEnvironment } from './cli-environment';
import { CliError } from './cli-error';
import { CONVERT_USAGE, convertCommand } from './convert-command';
import { RECORD_USAGE, recordCommand } from './record-command';
import { REPLAY_USAGE, replayCommand } from './replay-command';

const COMMANDS = {
  record: { run: recordCommand, usage: RECORD_USAGE },
  replay: { run: replayCommand, usage: REPLAY_USAGE },
  convert: { run: convertCommand, usage: CONVERT_USAGE },
} as const;

/**
 * Top-level usage of `arbot`.
 *
 * @example
 * ```ts
 * process.stdout.write(ARBOT_USAGE);
 * ```
 */
export const ARBOT_USAGE = `Usage: arbot <command> [options]

Commands:
  record   record live market data from a ccxt exchange into a recording
  replay   print a recording's events, or a summary of what it holds
  convert  turn a market-data CSV (tardis, Binance klines, L2 snapshots) into a recording

Run "arbot <command> --help" for a command's options.
`;

/**
 * Runs the `arbot` command line with `args` (without the node and script
 * paths) and resolves with the process exit code: 0 on success, 2 for usage
 * errors, 1 when the command failed. Errors are printed as one line on
 * `env.err`, without a stack trace (set `ARBOT_DEBUG=1` for one).
 *
 * @example
 * ```ts
 * const code = await runCli(['replay', '--file', 'session.ndjson.gz', '--summary'], {
 *   out: process.stdout, err: process.stderr, clock: systemClock, openVenue,
 * });
 * process.exitCode = code;
 * ```
 */
export async function runCli(args: readonly string[], env: CliEnvironment): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? env.err : env.out).write(ARBOT_USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as keyof typeof COMMANDS] : undefined;
  if (command === undefined) {
    env.err.write(`arbot: unknown command "${name}"\n\n${ARBOT_USAGE}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    env.out.write(command.usage);
    return 0;
  }
  try {
    await command.run(rest, env);
    return 0;
  } catch (error) {
    env.err.write(`arbot ${name}: ${describe(error, name)}\n`);
    if (process.env.ARBOT_DEBUG && error instanceof Error && error.stack) env.err.write(`${error.stack}\n`);
    if (error instanceof CliError && error.code === 'CLI_USAGE') {
      env.err.write(`Run "arbot ${name} --help" for usage.\n`);
      return 2;
    }
    return 1;
  }
}

function describe(error: unknown, command: string): string {
  // Command errors start with the command's name, already in the `arbot <command>:` prefix.
  if (error instanceof CliError) return error.message.startsWith(`${command}: `) ? error.message.slice(command.length + 2) : error.message;
  if (error instanceof ArbotError) return `${error.message} [${error.code}]`;
  if (error instanceof Error) return error.message;
  return String(error);
}
