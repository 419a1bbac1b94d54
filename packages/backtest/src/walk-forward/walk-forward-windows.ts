import { parseWith } from '@arbot/core';
import { z } from 'zod';

const Ms = z.number().int().positive();

/** @internal Schema of {@link WalkForwardSplit}. */
export const WalkForwardSplitSchema = z
  .object({
    from: z.number().int().nonnegative(),
    to: z.number().int().nonnegative(),
    train: Ms,
    test: Ms,
    step: Ms.optional(),
    anchored: z.boolean().default(false),
  })
  .refine((o) => o.to - o.from >= o.train + o.test, { message: 'the period is shorter than one train + test window', path: ['to'] });

/**
 * How to cut a period into walk-forward windows.
 *
 * @example
 * ```ts
 * const split: WalkForwardSplit = { from: jan1, to: apr1, train: 30 * DAY, test: 7 * DAY };
 * ```
 */
export interface WalkForwardSplit {
  /** Start of the whole period, ms. */
  readonly from: number;
  /** End of the whole period (exclusive), ms. */
  readonly to: number;
  /** Length of each in-sample (training) window, ms. */
  readonly train: number;
  /** Length of each out-of-sample (test) window, ms. */
  readonly test: number;
  /** How far each window moves on, ms (default `test`: test windows tile the period without overlap). */
  readonly step?: number;
  /** Keep every training window starting at `from` (growing) instead of rolling it (default false). */
  readonly anchored?: boolean;
}

/**
 * A time range `[from, to)`, ms.
 *
 * @example
 * ```ts
 * const range: TimeRange = { from: Date.UTC(2022, 0, 1), to: Date.UTC(2022, 1, 1) };
 * ```
 */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/**
 * One walk-forward window: fit on `train`, then judge on `test`, which
 * starts where `train` ends.
 *
 * @example
 * ```ts
 * const { train, test } = walkForwardWindows(split)[0];
 * ```
 */
export interface WalkForwardWindow {
  readonly index: number;
  readonly train: TimeRange;
  readonly test: TimeRange;
}

/**
 * Cuts `[from, to)` into walk-forward windows: window k trains on
 * `[from + k·step, from + k·step + train)` (from `from` itself when
 * anchored) and tests on the `test` ms right after; windows continue while
 * the test window ends by `to`. Throws a `ValidationError` when not even one fits.
 *
 * @example
 * ```ts
 * // 10 days, train 4, test 2, step 2: tests [4,6), [6,8), [8,10)
 * walkForwardWindows({ from: 0, to: 10 * DAY, train: 4 * DAY, test: 2 * DAY }).length; // 3
 * ```
 */
export function walkForwardWindows(split: WalkForwardSplit): WalkForwardWindow[] {
  const o = parseWith(WalkForwardSplitSchema, split, 'walk-forward split');
  const step = o.step ?? o.test;
  const windows: WalkForwardWindow[] = [];
  for (let k = 0; ; k++) {
    const trainEnd = o.from + k * step + o.train;
    const testEnd = trainEnd + o.test;
    if (testEnd > o.to) break;
    windows.push({
      index: k,
      train: { from: o.anchored ? o.from : o.from + k * step, to: trainEnd },
      test: { from: trainEnd, to: testEnd },
    });
  }
  return windows;
}
