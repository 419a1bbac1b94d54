import { parseWith, ValidationError } from '@arbot/core';
import { seededRandom } from '@arbot/risk';
import { z } from 'zod';
import type { OptimizationResult, TrialRecord } from './optimization-result';
import { gridSize, type ParameterSpace, type Params, paramsKey, parseSpace } from './parameter-space';
import { progressBar } from './progress';
import { bayesianProposer, finiteSize, gridProposer, type Observation, type Proposer, randomProposer } from './proposer';
import { TrialError } from './trial-errors';
import { loadTrialFunction, workerLoader } from './trial-module';
import type { TrialFunction, TrialModule, TrialOutcome } from './trial-types';
import { WorkerPool } from './worker-pool';

const isTrialModule = (v: unknown): v is TrialModule =>
  typeof v === 'object' && v !== null && typeof (v as TrialModule).module === 'string' && typeof (v as TrialModule).export === 'string';

const OptimizeOptionsSchema = z
  .object({
    objective: z.custom<TrialFunction | TrialModule>((v) => typeof v === 'function' || isTrialModule(v), {
      message: 'must be a function or { module, export }',
    }),
    method: z.enum(['grid', 'random', 'bayesian']).default('bayesian'),
    trials: z.number().int().positive().optional(),
    direction: z.enum(['maximize', 'minimize']).default('maximize'),
    seed: z.number().int().default(1),
    workers: z.number().int().min(0).max(64).default(0),
    workerLoader: z.string().min(1).optional(),
    workerExecArgv: z.array(z.string()).optional(),
    progress: z.union([z.boolean(), z.literal('auto')]).default('auto'),
    initialTrials: z.number().int().positive().optional(),
    candidates: z.number().int().positive().default(1_000),
    xi: z.number().nonnegative().default(0.01),
  })
  .refine((o) => o.workers === 0 || isTrialModule(o.objective), {
    message: 'worker threads need the objective as { module, export }',
    path: ['objective'],
  });

/**
 * Options of {@link optimize}.
 *
 * @example
 * ```ts
 * const options: OptimizeOptions = {
 *   space: { fast: { type: 'int', min: 5, max: 30 }, slow: { type: 'int', min: 20, max: 120, step: 5 } },
 *   objective: { module: new URL('./trials.ts', import.meta.url).href, export: 'maTrial' },
 *   method: 'bayesian',
 *   trials: 40,
 *   workers: 2,
 * };
 * ```
 */
export interface OptimizeOptions {
  /** The parameters and their ranges. */
  readonly space: ParameterSpace;
  /** The trial function, or where to load it from (required for worker threads). */
  readonly objective: TrialFunction | TrialModule;
  /** `grid` (every grid point), `random`, or `bayesian` (default: GP surrogate + expected improvement). */
  readonly method?: 'grid' | 'random' | 'bayesian';
  /** Trials to run (default 30); for `grid`, the most the grid may hold (default: all of it). */
  readonly trials?: number;
  /** Whether higher (default) or lower scores are better. */
  readonly direction?: 'maximize' | 'minimize';
  /** Seed of the search's randomness, also handed to every trial (default 1). */
  readonly seed?: number;
  /** Worker threads running trials in parallel; 0 (default) runs them one by one in this thread. */
  readonly workers?: number;
  /**
   * Module each worker imports first, calling its `register()` (a loader for
   * TypeScript trial modules). Default for a `.ts` module: `tsx/esm/api`
   * resolved from the module's folder.
   */
  readonly workerLoader?: string;
  /** Node options of the workers, e.g. `['--conditions=development']` (default: the process's own). */
  readonly workerExecArgv?: readonly string[];
  /** Progress bar on stderr: `auto` (default: when stderr is a terminal), `true` or `false`. */
  readonly progress?: boolean | 'auto';
  /** `bayesian`: random trials before the surrogate is used (default max(5, 2 × dimensions + 1)). */
  readonly initialTrials?: number;
  /** `bayesian`: random candidates scored at each step (default 1000). */
  readonly candidates?: number;
  /** `bayesian`: exploration margin ξ of expected improvement, in score standard deviations (default 0.01). */
  readonly xi?: number;
}

/**
 * Searches a parameter space for the best score of a trial function (most
 * often one that runs a backtest and returns a metric).
 *
 * - `grid` tries every point of the grid (ints by step, floats at `steps`
 *   values, every choice);
 * - `random` draws uniformly (ints and choices evenly, floats on their scale);
 * - `bayesian` fits a Gaussian process to the scores so far and tries the
 *   point of highest expected improvement.
 *
 * With `workers > 0` trials run on that many worker threads, each loading
 * the objective module once; proposals are made in batches of `workers`
 * (a batch sees its earlier members as pending), and a batch finishes
 * before the next is proposed, so the result does not depend on which
 * thread finishes first: the same seed gives the same trials. A search of
 * a finite space stops once every point was tried.
 *
 * Throws `ValidationError` for bad options, {@link TrialError} when a trial
 * fails or returns no finite score, and `TrialModuleError` when the module
 * cannot be loaded.
 *
 * @example
 * ```ts
 * const result = await optimize({
 *   space: { x: { type: 'float', min: -5, max: 10 }, y: { type: 'float', min: 0, max: 15 } },
 *   objective: ({ x, y }) => -branin(x as number, y as number),
 *   method: 'bayesian',
 *   trials: 30,
 * });
 * console.log(result.best.params, comparisonTable(result, { top: 5 }));
 * ```
 */
export async function optimize(options: OptimizeOptions): Promise<OptimizationResult> {
  const { space: rawSpace, ...rest } = options;
  const space = parseSpace(rawSpace);
  const o = parseWith(OptimizeOptionsSchema, rest, 'optimize() options');
  const dims = Object.keys(space).length;
  const random = seededRandom(o.seed);
  let total: number;
  let proposer: Proposer;
  if (o.method === 'grid') {
    const size = gridSize(space);
    if (o.trials !== undefined && o.trials < size) {
      throw new ValidationError('optimize() options', [
        { field: 'trials', value: o.trials, message: `the grid has ${size} points; coarsen it or allow that many trials` },
      ]);
    }
    total = size;
    proposer = gridProposer(space);
  } else {
    total = o.trials ?? 30;
    proposer =
      o.method === 'random'
        ? randomProposer(space, random)
        : bayesianProposer(space, random, {
            initialTrials: Math.min(total, o.initialTrials ?? Math.max(5, 2 * dims + 1)),
            xi: o.xi,
            candidates: o.candidates,
          });
  }
  const limit = finiteSize(space);
  if (limit !== undefined) total = Math.min(total, limit);

  const objective = o.objective;
  let pool: WorkerPool | undefined;
  let local: TrialFunction | undefined;
  if (o.workers > 0 && isTrialModule(objective)) {
    pool = await WorkerPool.start(objective, {
      size: o.workers,
      loader: workerLoader(objective, o.workerLoader),
      execArgv: o.workerExecArgv,
    });
  } else local = isTrialModule(objective) ? await loadTrialFunction(objective) : objective;

  const sign = o.direction === 'maximize' ? 1 : -1;
  const records: TrialRecord[] = [];
  const observations: Observation[] = [];
  const seen = new Set<string>();
  const bar = progressBar(total, o.progress, `optimize (${o.method})`);
  const run = async (params: Params, trial: number): Promise<TrialRecord> => {
    let outcome: TrialOutcome;
    try {
      outcome =
        pool !== undefined ? await pool.run(params, trial, o.seed) : await (local as TrialFunction)(params, { trial, seed: o.seed });
    } catch (error) {
      if (error instanceof TrialError) throw error;
      throw new TrialError(trial, params, error instanceof Error ? error.message : String(error), error);
    }
    return record(trial, params, outcome);
  };
  try {
    const batchSize = Math.max(1, o.workers);
    while (records.length < total) {
      const batch: Params[] = [];
      while (batch.length < batchSize && records.length + batch.length < total) {
        const params = propose(proposer, observations, batch, seen);
        if (params === undefined) break;
        seen.add(paramsKey(params));
        batch.push(params);
      }
      if (batch.length === 0) break;
      const first = records.length;
      const finished = await Promise.all(batch.map((params, i) => run(params, first + i)));
      for (const r of finished) {
        records.push(r);
        observations.push({ params: r.params, score: sign * r.score });
      }
      bar.update(records.length, bestOf(records, sign)?.score);
    }
  } finally {
    bar.stop();
    await pool?.close();
  }
  const best = bestOf(records, sign);
  if (best === undefined) throw new TrialError(0, {}, 'no trial ran');
  return { method: o.method, direction: o.direction, seed: o.seed, trials: records, best };
}

/** Asks the proposer for a point not tried yet (a few times), `undefined` when it has none. */
function propose(proposer: Proposer, done: readonly Observation[], running: readonly Params[], seen: Set<string>): Params | undefined {
  for (let attempt = 0; attempt < 50; attempt++) {
    const params = proposer.next(done, running);
    if (params === undefined) return undefined;
    if (!seen.has(paramsKey(params))) return params;
  }
  return undefined;
}

function record(trial: number, params: Params, outcome: TrialOutcome): TrialRecord {
  const score = typeof outcome === 'number' ? outcome : outcome?.score;
  if (typeof score !== 'number' || !Number.isFinite(score)) {
    throw new TrialError(trial, params, `the objective must return a finite number or { score }, got ${JSON.stringify(outcome)}`);
  }
  const metrics = typeof outcome === 'number' ? {} : { ...(outcome.metrics ?? {}) };
  return { trial, params, score, metrics };
}

function bestOf(records: readonly TrialRecord[], sign: number): TrialRecord | undefined {
  let best: TrialRecord | undefined;
  for (const r of records) if (best === undefined || sign * r.score > sign * best.score) best = r;
  return best;
}
