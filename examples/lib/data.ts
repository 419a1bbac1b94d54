/** Paths of the market data bundled with the examples (see examples/data/README.md for sources and licenses). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A bundled data file is missing: the checkout is incomplete. */
export class MissingDataError extends Error {
  override readonly name = 'MissingDataError';
}

const DATA_DIR = fileURLToPath(new URL('../data/', import.meta.url));

/** Absolute path of a file in examples/data; throws {@link MissingDataError} when it is not there. */
export function bundledData(file: string): string {
  const path = `${DATA_DIR}${file}`;
  if (!existsSync(path)) {
    throw new MissingDataError(`bundled data file ${path} is missing; restore examples/data from git (see examples/data/README.md)`);
  }
  return path;
}
