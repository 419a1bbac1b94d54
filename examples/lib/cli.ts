/**
 * The command line of the examples: typed flags, `--smoke` (or ARBOT_SMOKE=1)
 * for a short offline run, and errors printed as one clear line (exit code 2
 * for usage mistakes, 1 for everything else) instead of a stack trace.
 */
import { parseArgs } from 'node:util';
import { ArbotError } from '@arbot/core';

/** A mistake on the command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** One flag: `--kebab-case` on the command line, camelCase in the parsed result. */
export type FlagDefinition =
  | { readonly type: 'boolean'; readonly help: string }
  | { readonly type: 'string'; readonly help: string; readonly default?: string }
  | { readonly type: 'number'; readonly help: string; readonly default?: number; readonly min?: number; readonly max?: number };

/** The flags an example accepts, by camelCase name. */
export type FlagSpec = Readonly<Record<string, FlagDefinition>>;

type ValueOf<D extends FlagDefinition> = D extends { type: 'boolean' }
  ? boolean
  : D extends { type: 'number'; default: number }
    ? number
    : D extends { type: 'number' }
      ? number | undefined
      : D extends { default: string }
        ? string
        : string | undefined;

/** Parsed flags: one value per definition, plus `smoke`. */
export type Flags<S extends FlagSpec> = { readonly [K in keyof S]: ValueOf<S[K]> } & { readonly smoke: boolean };

/** What an example says about itself in `--help` and usage errors. */
export interface ExampleInfo {
  /** Name as given to `pnpm example <name>`. */
  readonly name: string;
  /** One line on what it shows. */
  readonly summary: string;
  readonly flags: FlagSpec;
}

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The usage text of an example. */
export function usage(info: ExampleInfo): string {
  const lines = [`usage: pnpm example ${info.name} [flags]`, '', info.summary, '', 'flags:'];
  const rows: [string, string][] = Object.entries(info.flags).map(([name, def]) => {
    const value = def.type === 'boolean' ? '' : ` <${def.type}>`;
    const fallback = def.type !== 'boolean' && def.default !== undefined ? ` (default ${def.default})` : '';
    return [`--${kebab(name)}${value}`, `${def.help}${fallback}`];
  });
  rows.push(['--smoke', 'short offline run (also ARBOT_SMOKE=1), as CI runs it'], ['--help', 'this text']);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  for (const [flag, help] of rows) lines.push(`  ${flag.padEnd(width)}  ${help}`);
  return lines.join('\n');
}

/**
 * Parses `argv` (default: this process's arguments) against the example's
 * flags. `--help` prints the usage and exits 0; an unknown flag, a missing
 * value or a number out of range throws a {@link UsageError}.
 */
export function parseFlags<S extends FlagSpec>(info: ExampleInfo & { readonly flags: S }, argv = process.argv.slice(2)): Flags<S> {
  const options: Record<string, { type: 'boolean' | 'string' }> = { smoke: { type: 'boolean' }, help: { type: 'boolean' } };
  for (const [name, def] of Object.entries(info.flags)) options[kebab(name)] = { type: def.type === 'boolean' ? 'boolean' : 'string' };
  let values: Record<string, string | boolean | undefined>;
  try {
    const parsed = parseArgs({ args: argv.filter((a) => a !== '--'), options, strict: true, allowPositionals: false });
    values = parsed.values as Record<string, string | boolean | undefined>;
  } catch (err) {
    // parseArgs explains the mistake in its own words ("Unknown option '--x'"); keep the first sentence.
    const message = err instanceof Error ? (err.message.split('. ')[0] ?? err.message) : String(err);
    throw new UsageError(message);
  }
  if (values.help === true) {
    console.log(usage(info));
    process.exit(0);
  }
  const out: Record<string, unknown> = { smoke: values.smoke === true || process.env.ARBOT_SMOKE === '1' };
  for (const [name, def] of Object.entries(info.flags)) {
    const flag = `--${kebab(name)}`;
    const raw = values[kebab(name)];
    if (def.type === 'boolean') out[name] = raw === true;
    else if (def.type === 'string') out[name] = typeof raw === 'string' ? raw : def.default;
    else out[name] = typeof raw === 'string' ? toNumber(flag, raw, def.min, def.max) : def.default;
  }
  return out as Flags<S>;
}

function toNumber(flag: string, raw: string, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY): number {
  const value = raw.trim() === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) throw new UsageError(`${flag} must be a number, got "${raw}"`);
  if (value < min || value > max) {
    const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : min === Number.NEGATIVE_INFINITY ? `<= ${max}` : `in [${min}, ${max}]`;
    throw new UsageError(`${flag} must be ${range}, got ${raw}`);
  }
  return value;
}

/** Splits a comma-separated flag value (`binance,okx`), refusing empty items. */
export function listFlag(flag: string, raw: string): string[] {
  const items = raw.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new UsageError(`${flag} must be a comma-separated list without empty items, got "${raw}"`);
  return items;
}

/**
 * Runs an example's `main` and exits: 0 on success, 2 on a usage error
 * (printed with the usage text), 1 on any other error, printed as one line
 * with its code and context (set ARBOT_DEBUG=1 for the stack). Exiting
 * explicitly also closes sockets a live venue may still hold.
 */
export function runExample(info: ExampleInfo, main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      if (err instanceof UsageError) {
        console.error(`error: ${err.message}\n\n${usage(info)}`);
        process.exit(2);
      }
      console.error(`error: ${describeError(err)}`);
      if (process.env.ARBOT_DEBUG === '1' && err instanceof Error)
        console.error(err.stack, err.cause instanceof Error ? `\ncaused by: ${err.cause.stack}` : '');
      process.exit(1);
    },
  );
}

/** One line for an error: the SDK's code and context when it has them. */
export function describeError(err: unknown): string {
  if (err instanceof ArbotError) {
    const context = Object.keys(err.context).length > 0 ? ` ${safeJson(err.context)}` : '';
    return `[${err.code}] ${err.message}${context}`;
  }
  return err instanceof Error ? err.message : String(err);
}

function safeJson(value: unknown): string {
  try {
    const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    return text.length > 300 ? `${text.slice(0, 300)}…` : text;
  } catch {
    return '';
  }
}
