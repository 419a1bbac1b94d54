/**
 * Child process of `scripts/run-notebooks.ts`: imports the module made of a
 * notebook's code cells and records each cell's output (stdout/stderr text,
 * `display` calls, the error that stopped it) into a JSON results file when
 * the event loop is empty or the cells fail.
 *
 * Usage: tsx --tsconfig <notebook tsconfig> scripts/notebook-driver.ts <cells.ts> <results.json>
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { installSink, type MimeBundle } from './notebook-display';

/** One Jupyter output of a cell (nbformat 4). */
export type CellOutput =
  | { readonly output_type: 'stream'; readonly name: 'stdout' | 'stderr'; text: string }
  | { readonly output_type: 'display_data'; readonly data: MimeBundle; readonly metadata: Record<string, never> }
  | { readonly output_type: 'error'; readonly ename: string; readonly evalue: string; readonly traceback: string[] };

/** What the driver reports per code cell, by its index among the code cells. */
export interface CellResult {
  readonly outputs: CellOutput[];
  /** Wall time from the cell's start to the next cell's start (or the end), ms. */
  ms: number;
  readonly ran: boolean;
}

/** The results file. */
export interface NotebookResults {
  readonly cells: CellResult[];
  readonly failed: boolean;
}

const [cellsPath, resultsPath, countText] = process.argv.slice(2);
if (cellsPath === undefined || resultsPath === undefined || countText === undefined) {
  console.error('usage: notebook-driver.ts <cells.ts> <results.json> <code cell count>');
  process.exit(2);
}
const cells: CellResult[] = Array.from({ length: Number(countText) }, () => ({ outputs: [], ms: 0, ran: false }));
let current = -1;
let started = performance.now();
let failed = false;
let written = false;

const target = (): CellResult | undefined => cells[Math.max(current, 0)];
const append = (name: 'stdout' | 'stderr', text: string) => {
  const outputs = target()?.outputs;
  if (outputs === undefined) return;
  const last = outputs.at(-1);
  if (last?.output_type === 'stream' && last.name === name) last.text += text;
  else outputs.push({ output_type: 'stream', name, text });
};
const capture = (name: 'stdout' | 'stderr') =>
  ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    append(
      name,
      typeof chunk === 'string'
        ? chunk
        : Buffer.from(chunk as Uint8Array).toString(typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
    );
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  }) as typeof process.stdout.write;
process.stdout.write = capture('stdout');
process.stderr.write = capture('stderr');

installSink({ display: (data) => target()?.outputs.push({ output_type: 'display_data', data, metadata: {} }) });
(globalThis as Record<string, unknown>).__arbotNotebookCell = (index: number) => {
  const now = performance.now();
  const previous = cells[current];
  if (previous !== undefined) previous.ms = now - started;
  current = index;
  started = now;
  const cell = cells[index];
  if (cell !== undefined) (cell as { ran: boolean }).ran = true;
};

/** The error as a Jupyter error output, its stack pointing at cells rather than the generated file. */
function fail(error: unknown): void {
  failed = true;
  const err = error instanceof Error ? error : new Error(String(error));
  const stack = (err.stack ?? `${err.name}: ${err.message}`).split('\n');
  const traceback = stack.filter((line) => !line.includes('node:internal') && !line.includes('notebook-driver.ts'));
  target()?.outputs.push({ output_type: 'error', ename: err.name, evalue: err.message, traceback });
  finish();
}

function finish(): void {
  if (written) return;
  written = true;
  const last = cells[current];
  if (last !== undefined) last.ms = performance.now() - started;
  const results: NotebookResults = { cells, failed };
  writeFileSync(resultsPath as string, JSON.stringify(results));
  process.exit(failed ? 1 : 0);
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
// Cells may leave work running (subscriptions, timers); their output still belongs to the last cell.
process.on('beforeExit', finish);

import(pathToFileURL(cellsPath).href).catch(fail);
