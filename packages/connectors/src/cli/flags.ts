import { type ParseArgsConfig, parseArgs } from 'node:util';
import { CliError } from './cli-error';

type FlagSpec = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses a subcommand's flags with `node:util` `parseArgs` (strict: unknown
 * flags, missing values and stray arguments are usage errors).
 *
 * @throws {CliError} `CLI_USAGE` with parseArgs' explanation.
 * @example
 * ```ts
 * const values = parseFlags('convert', ['--in', 'a.csv'], { in: { type: 'string' } });
 * ```
 */
export function parseFlags<const T extends FlagSpec>(command: string, args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new CliError('CLI_USAGE', `${command}: ${message.split('\n')[0]}`, { command });
  }
}

/**
 * The value of a required string flag.
 *
 * @throws {CliError} `CLI_USAGE` when it is missing or empty.
 * @example
 * ```ts
 * const out = requireFlag('record', '--out', values.out);
 * ```
 */
export function requireFlag(command: string, flag: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new CliError('CLI_USAGE', `${command}: ${flag} is required`, { command, flag });
  return value.trim();
}

/**
 * Splits a comma-separated flag value (`BTC/USDT,ETH/USDT`), dropping blanks.
 *
 * @example
 * ```ts
 * listFlag('books, trades'); // ['books', 'trades']
 * ```
 */
export function listFlag(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * Checks a flag value against its allowed choices.
 *
 * @throws {CliError} `CLI_USAGE` listing the choices.
 * @example
 * ```ts
 * const format = choiceFlag('convert', '--format', values.format, ['tardis-book', 'tardis-trades']);
 * ```
 */
export function choiceFlag<const C extends string>(command: string, flag: string, value: string, choices: readonly C[]): C {
  const found = choices.find((c) => c === value);
  if (found === undefined)
    throw new CliError('CLI_USAGE', `${command}: ${flag} must be one of ${choices.join(', ')} (got "${value}")`, { command, flag, value });
  return found;
}
