/**
 * The display API of notebooks run by `scripts/run-notebooks.ts`, shaped like
 * tslab's (`import * as tslab from 'tslab'; tslab.display.html(...)`), so the
 * same notebook runs in Jupyter with the tslab kernel and headless here: the
 * executor maps the `tslab` import to this module.
 */

/** A MIME bundle: MIME type → content, as in a Jupyter `display_data` output. */
export type MimeBundle = Readonly<Record<string, string>>;

/** What the notebook driver installs on `globalThis` to collect displays. */
export interface NotebookSink {
  display(bundle: MimeBundle): void;
}

const SINK_KEY = '__arbotNotebookSink';

/** Installs the sink displays go to (the driver does this before the cells run). */
export function installSink(sink: NotebookSink): void {
  (globalThis as Record<string, unknown>)[SINK_KEY] = sink;
}

function show(bundle: MimeBundle): void {
  const sink = (globalThis as Record<string, unknown>)[SINK_KEY] as NotebookSink | undefined;
  if (sink === undefined)
    throw new Error('display() works inside a notebook only (run it with scripts/run-notebooks.ts or Jupyter + tslab)');
  sink.display(bundle);
}

/** tslab's `display`: each call adds one output to the running cell. */
export const display = {
  /** Shows HTML. */
  html: (html: string): void => show({ 'text/html': html }),
  /** Shows an SVG image (a complete `<svg>` element). */
  svg: (svg: string): void => show({ 'image/svg+xml': svg }),
  /** Shows Markdown. */
  markdown: (markdown: string): void => show({ 'text/markdown': markdown }),
  /** Shows plain text. */
  text: (text: string): void => show({ 'text/plain': text }),
};
