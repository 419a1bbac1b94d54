import { ArbotError, parseWith, ValidationError } from '@arbot/core';
import { z } from 'zod';
import { AutolagSchema } from './adf-test';
import { engleGranger } from './engle-granger';
import { assertFiniteSeries } from './finite-series';
import { meanReversionFit } from './half-life';
import { type CriticalValues, RegressionSchema } from './mackinnon';

/**
 * Options of {@link scanPairs}.
 *
 * @example
 * ```ts
 * ScanPairsOptionsSchema.parse({}); // { trend: 'c', autolag: 'AIC', bothDirections: true, maxPValue: 1 }
 * ```
 */
export const ScanPairsOptionsSchema = z.object({
  /** Deterministic terms of each Engle–Granger regression (default `c`). */
  trend: RegressionSchema.default('c'),
  /** Largest lag of the residual ADF regressions (default: Schwert's rule). */
  maxLag: z.number().int().min(0).nullable().optional(),
  /** Lag selection of the residual ADF regressions (default `AIC`). */
  autolag: AutolagSchema.nullable().default('AIC'),
  /**
   * Test each pair both ways (y on x and x on y) and keep the direction with
   * the lower p-value (default `true`); `false` tests only the
   * alphabetically first symbol on the second. Engle–Granger is not symmetric.
   */
  bothDirections: z.boolean().default(true),
  /** Keep only pairs with p-value ≤ this (default 1: keep all). */
  maxPValue: z.number().min(0).max(1).default(1),
});
/** Options of {@link scanPairs}: see {@link ScanPairsOptionsSchema}. */
export type ScanPairsOptions = z.input<typeof ScanPairsOptionsSchema>;

/** One scored pair: the spread is y − intercept − hedgeRatio·x. */
export interface PairScore {
  /** Symbol regressed (the leg bought when the spread is low). */
  readonly y: string;
  /** Symbol it is regressed on. */
  readonly x: string;
  readonly statistic: number;
  readonly pValue: number;
  readonly criticalValues: CriticalValues | null;
  readonly hedgeRatio: number;
  readonly intercept: number;
  /** Half-life of the spread in bars (`Infinity` if it does not revert). */
  readonly halfLife: number;
}

/** A pair that could not be scored, with the error code that stopped it. */
export interface SkippedPair {
  readonly y: string;
  readonly x: string;
  readonly code: string;
  readonly message: string;
}

/** Result of {@link scanPairs}. */
export interface PairScan {
  /** Pairs by ascending p-value, then ascending half-life. */
  readonly ranked: PairScore[];
  /** Pairs whose test failed (collinear or constant series…), so none goes missing silently. */
  readonly skipped: SkippedPair[];
}

/**
 * Ranks every pair of a universe by cointegration: runs {@link engleGranger}
 * on each pair (both directions by default), measures the half-life of the
 * resulting spread, and sorts by p-value then half-life. All series must be
 * aligned (same length, same timestamps); pass log prices for a hedge ratio
 * in value terms. Pairs that cannot be tested (perfectly collinear, constant)
 * are listed in `skipped` with their error code rather than dropped.
 *
 * @example
 * ```ts
 * const { ranked } = scanPairs({ BTC: logBtc, ETH: logEth, SOL: logSol }, { maxPValue: 0.05 });
 * for (const p of ranked) console.log(`${p.y}/${p.x}`, p.pValue.toFixed(4), p.halfLife.toFixed(1));
 * ```
 */
export function scanPairs(
  seriesBySymbol: Readonly<Record<string, readonly number[]>> | ReadonlyMap<string, readonly number[]>,
  options: ScanPairsOptions = {},
): PairScan {
  const o = parseWith(ScanPairsOptionsSchema, options, 'scanPairs() options');
  const entries = [...(seriesBySymbol instanceof Map ? seriesBySymbol.entries() : Object.entries(seriesBySymbol))].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const length = entries[0]?.[1].length ?? 0;
  for (const [symbol, values] of entries) {
    assertFiniteSeries(values, `scanPairs series ${symbol}`, 3);
    if (values.length !== length) {
      throw new ValidationError('scanPairs series', [
        { field: symbol, value: values.length, message: `length must be ${length} like the others` },
      ]);
    }
  }
  const egOptions = { trend: o.trend, maxLag: o.maxLag ?? null, autolag: o.autolag };
  const ranked: PairScore[] = [];
  const skipped: SkippedPair[] = [];
  for (let i = 0; i < entries.length; i++) {
    for (let j = i + 1; j < entries.length; j++) {
      const [a, seriesA] = entries[i] as [string, readonly number[]];
      const [b, seriesB] = entries[j] as [string, readonly number[]];
      const directions: [string, readonly number[], string, readonly number[]][] = [[a, seriesA, b, seriesB]];
      if (o.bothDirections) directions.push([b, seriesB, a, seriesA]);
      let best: PairScore | undefined;
      for (const [y, ys, x, xs] of directions) {
        try {
          const eg = engleGranger(ys, xs, egOptions);
          const score: PairScore = {
            y,
            x,
            statistic: eg.statistic,
            pValue: eg.pValue,
            criticalValues: eg.criticalValues,
            hedgeRatio: eg.hedgeRatio,
            intercept: eg.intercept,
            halfLife: meanReversionFit(eg.residuals).halfLife,
          };
          if (best === undefined || rank(score, best) < 0) best = score;
        } catch (err) {
          if (!(err instanceof ArbotError) || err instanceof ValidationError) throw err;
          skipped.push({ y, x, code: err.code, message: err.message });
        }
      }
      if (best !== undefined && best.pValue <= o.maxPValue) ranked.push(best);
    }
  }
  ranked.sort(rank);
  return { ranked, skipped };
}

function rank(p: PairScore, q: PairScore): number {
  if (p.pValue !== q.pValue) return p.pValue - q.pValue;
  if (p.halfLife !== q.halfLife) return p.halfLife < q.halfLife ? -1 : 1;
  return p.statistic - q.statistic;
}
