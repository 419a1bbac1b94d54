import type { BacktestResult } from '../engine/backtest-result';
import { canonicalize } from './canonical-json';

/**
 * Format tag written at the top of every serialized result.
 *
 * @example
 * ```ts
 * JSON.parse(toJSON(result)).format === BACKTEST_JSON_FORMAT; // true
 * ```
 */
export const BACKTEST_JSON_FORMAT = 'arbot.backtest-result';
/**
 * Version of the serialized result layout; it changes when the layout does.
 *
 * @example
 * ```ts
 * if (JSON.parse(text).version !== BACKTEST_JSON_VERSION) throw new Error('report from another version');
 * ```
 */
export const BACKTEST_JSON_VERSION = 1;

/**
 * Serializes a backtest result as stable, deterministic JSON: keys sorted,
 * money as exact decimal strings, non-finite ratios as strings, no
 * wall-clock time anywhere (every timestamp is virtual time from the data).
 * The same data, options and seed give a byte-identical file. Two-space
 * indentation and a final newline, so it diffs well.
 *
 * @example
 * ```ts
 * await writeFile('backtest.json', toJSON(result));
 * ```
 */
export function toJSON(result: BacktestResult): string {
  const body = canonicalize({ format: BACKTEST_JSON_FORMAT, version: BACKTEST_JSON_VERSION, ...result });
  return `${JSON.stringify(body, null, 2)}\n`;
}
