/**
 * `pnpm example <name> [flags]`: runs examples/<name>.ts with tsx and the
 * `@arbot/source` condition (workspace packages resolve to their TypeScript
 * source, so nothing needs building first). Without a name, or with one
 * that is not an example, it lists the examples and exits with code 2.
 * The example's own exit code is passed through.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examplesDir = join(root, 'examples');

/** Not examples: the demo has its own command (`pnpm demo`), the README's pipeline is only typechecked. */
const NOT_EXAMPLES = new Set(['demo', 'readme-pipeline']);

/** One example: its name and the first line of its header comment. */
export interface ExampleEntry {
  readonly name: string;
  readonly summary: string;
}

/** The examples in `dir`: every top-level `*.ts` file except the demo, sorted by name. */
export function listExamples(dir: string = examplesDir): ExampleEntry[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => e.name.slice(0, -'.ts'.length))
    .filter((name) => !NOT_EXAMPLES.has(name) && !name.startsWith('_'))
    .sort()
    .map((name) => ({ name, summary: summaryOf(join(dir, `${name}.ts`)) }));
}

/** The first sentence of a file's leading `/** … *\/` comment (it may span lines). */
function summaryOf(path: string): string {
  const comment = /^\s*\/\*\*([\s\S]*?)\*\//.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
  const lines = comment.split('\n').map((line) => line.replace(/^\s*\*\s?/, '').trim());
  const start = lines.findIndex((line) => line !== '');
  const end = lines.indexOf('', start);
  const paragraph = lines.slice(start, end < 0 ? undefined : end).join(' ');
  return /^.*?[.!?](?=\s|$)/.exec(paragraph)?.[0] ?? paragraph;
}

/** The usage text with the list of examples. */
export function examplesHelp(entries: readonly ExampleEntry[]): string {
  const width = Math.max(0, ...entries.map((e) => e.name.length));
  return [
    'usage: pnpm example <name> [flags]      (flags: see pnpm example <name> --help; --smoke for a short offline run)',
    '',
    'examples:',
    ...entries.map((e) => `  ${e.name.padEnd(width)}  ${e.summary}`),
    '',
    'and the full tour: pnpm demo',
  ].join('\n');
}

function main(argv: readonly string[]): void {
  // pnpm passes a literal `--` through in some setups (`pnpm example -- name`).
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const [name, ...rest] = args;
  const entries = listExamples();
  if (name === 'names') {
    // For scripts (CI's smoke run): one example name per line.
    for (const e of entries) console.log(e.name);
    return;
  }
  if (name === '--help' || name === '-h' || name === 'help' || name === 'list') {
    console.log(examplesHelp(entries));
    return;
  }
  if (name === undefined || !entries.some((e) => e.name === name)) {
    if (name !== undefined) console.error(`error: there is no example "${name}"\n`);
    console.error(examplesHelp(entries));
    process.exit(2);
  }
  const file = join(examplesDir, `${name}.ts`);
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  if (!existsSync(tsxCli)) {
    console.error('error: tsx is not installed; run pnpm install first');
    process.exit(1);
  }
  // The example runs in its own process group and gets each signal exactly once, from here: a Ctrl-C
  // reaching both would count twice, and a second Ctrl-C cuts a graceful shutdown short.
  const child = spawn(process.execPath, [tsxCli, '--conditions=@arbot/source', file, ...rest], {
    stdio: 'inherit',
    cwd: root,
    detached: true,
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGUSR2'] as const) {
    process.on(signal, () => {
      if (child.exitCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    console.error(`error: could not start the example: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    const signalCodes: Record<string, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
    process.exit(code ?? (signal === null ? 1 : (signalCodes[signal] ?? 1)));
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
