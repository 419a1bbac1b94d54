import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TrialModuleError } from './trial-errors';
import type { TrialFunction, TrialModule } from './trial-types';

/** The `file:` URL of a module given as a path or a URL. */
export function moduleUrl(module: string): string {
  return module.startsWith('file:') ? module : pathToFileURL(module).href;
}

/** Loads a trial function in this thread. */
export async function loadTrialFunction(ref: TrialModule): Promise<TrialFunction> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(moduleUrl(ref.module))) as Record<string, unknown>;
  } catch (error) {
    throw new TrialModuleError(ref.module, ref.export, error instanceof Error ? error.message : String(error));
  }
  const fn = mod[ref.export];
  if (typeof fn !== 'function') throw new TrialModuleError(ref.module, ref.export, 'no function export of that name');
  return fn as TrialFunction;
}

const TYPESCRIPT = /\.[cm]?tsx?$/;

/** The file a package exports under `subpath` for `import` (its ESM build), read from its package.json. */
function esmEntry(packageJsonPath: string, subpath: string): string {
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { exports?: Record<string, unknown> };
  let target: unknown = manifest.exports?.[subpath];
  // Walk the conditions: `import` first, then `default`, until a path is left.
  while (typeof target === 'object' && target !== null) {
    const conditions = target as Record<string, unknown>;
    target = conditions.import ?? conditions.default;
  }
  if (typeof target !== 'string') throw new Error(`no ESM export ${subpath} in ${packageJsonPath}`);
  return join(dirname(packageJsonPath), target);
}

/**
 * The loader a worker needs before importing `module`: the given one, or
 * for a TypeScript module tsx's ESM API (`tsx/esm/api`, whose `register()`
 * the worker calls) found from the module's own folder; `undefined` for
 * JavaScript. Throws {@link TrialModuleError} when TypeScript needs a loader
 * and none is found.
 */
export function workerLoader(ref: TrialModule, given: string | undefined): string | undefined {
  if (given !== undefined) return given.startsWith('file:') || !given.startsWith('/') ? given : pathToFileURL(given).href;
  const url = moduleUrl(ref.module);
  if (!TYPESCRIPT.test(new URL(url).pathname)) return undefined;
  try {
    return pathToFileURL(esmEntry(createRequire(fileURLToPath(url)).resolve('tsx/package.json'), './esm/api')).href;
  } catch {
    throw new TrialModuleError(
      ref.module,
      ref.export,
      'a TypeScript trial module needs a loader in worker threads: install tsx, pass workerLoader, or run with workers: 0',
    );
  }
}
