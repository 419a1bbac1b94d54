import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { comparisonHtml, comparisonTable, type OptimizeOptions, optimize, TrialError, TrialModuleError, topTrials } from '../../src/index';

const TRIALS = new URL('./fixtures/trials.ts', import.meta.url).href;
const BACKTEST_TRIAL = new URL('./fixtures/backtest-trial.ts', import.meta.url).href;
/** Workers resolve the workspace packages to their TypeScript sources, as vitest does. */
const WORKER_ARGS = ['--conditions=@arbot/source'];

/** Branin–Hoo: three global minima of 0.397887 on [−5, 10] × [0, 15]. */
function branin(x: number, y: number): number {
  const b = 5.1 / (4 * Math.PI ** 2);
  const c = 5 / Math.PI;
  const t = 1 / (8 * Math.PI);
  return (y - b * x * x + c * x - 6) ** 2 + 10 * (1 - t) * Math.cos(x) + 10;
}

const braninSearch = (method: 'random' | 'bayesian', seed: number): Promise<number> =>
  optimize({
    space: { x: { type: 'float', min: -5, max: 10 }, y: { type: 'float', min: 0, max: 15 } },
    objective: ({ x, y }) => branin(x as number, y as number),
    direction: 'minimize',
    method,
    trials: 30,
    seed,
    progress: false,
  }).then((r) => r.best.score);

describe('optimize', () => {
  it('Bayesian search beats random search on Branin (30 trials, mean over 6 seeds)', async () => {
    const seeds = [1, 2, 3, 4, 5, 6];
    const bayes = await Promise.all(seeds.map((s) => braninSearch('bayesian', s)));
    const random = await Promise.all(seeds.map((s) => braninSearch('random', s)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // The minimum is 0.397887: Bayesian search gets close, random search stays well above.
    expect(mean(bayes)).toBeLessThan(mean(random));
    expect(mean(bayes)).toBeLessThan(0.6);
    expect(Math.min(...bayes)).toBeGreaterThanOrEqual(0.397887 - 1e-6);
  }, 60_000);

  it('is reproducible: the same seed gives the same trials', async () => {
    const a = await braninSearch('bayesian', 9);
    const b = await braninSearch('bayesian', 9);
    expect(b).toBe(a);
  });

  it('runs every grid point, in process and on worker threads alike', async () => {
    const base: OptimizeOptions = {
      space: { x: { type: 'int', min: 0, max: 4 }, y: { type: 'choice', values: [-1, 0] } },
      objective: { module: TRIALS, export: 'paraboloid' },
      method: 'grid',
      seed: 5,
      progress: false,
      workerExecArgv: WORKER_ARGS,
    };
    const inProcess = await optimize({ ...base, workers: 0 });
    const threaded = await optimize({ ...base, workers: 2 });
    expect(inProcess.trials).toHaveLength(10);
    expect(threaded.trials).toEqual(inProcess.trials);
    expect(inProcess.best).toMatchObject({ params: { x: 3, y: -1 }, score: 10, metrics: { seed: 5, distance: 0 } });
    // x = 2 or 4 at y = −1 lose 1; x = 3 at y = 0 loses 1 too: the three runners-up, in trial order.
    expect(topTrials(inProcess, 4).map((t) => [t.params.x, t.params.y, t.score])).toEqual([
      [3, -1, 10],
      [2, -1, 9],
      [3, 0, 9],
      [4, -1, 9],
    ]);
  }, 60_000);

  it('runs real backtests on a worker thread and compares the best parameter sets', async () => {
    const base: OptimizeOptions = {
      space: { fast: { type: 'int', min: 4, max: 8, step: 4 }, slow: { type: 'int', min: 20, max: 40, step: 20 } },
      objective: { module: BACKTEST_TRIAL, export: 'maCrossoverTrial' },
      method: 'grid',
      progress: false,
      workerExecArgv: WORKER_ARGS,
    };
    const [threaded, inProcess] = [await optimize({ ...base, workers: 1 }), await optimize({ ...base, workers: 0 })];
    expect(threaded.trials).toEqual(inProcess.trials);
    expect(threaded.trials.every((t) => typeof t.metrics.trades === 'number' && (t.metrics.trades as number) > 0)).toBe(true);
    const table = comparisonTable(threaded, { top: 3 });
    expect(table.split('\n')).toHaveLength(5); // header, rule, 3 rows
    expect(table.split('\n')[0]).toMatch(/^\| rank \| trial \| score +\| fast \| slow \| pnl +\| sharpe +\| trades \|$/);
    expect(table).toContain(`| 1    | ${threaded.best.trial} `);
    const html = comparisonHtml(threaded, { title: 'MA search' });
    expect(html).toContain('<h1>MA search</h1>');
    expect(html).not.toMatch(/<script/);
  }, 60_000);

  it('reports a failing trial with its number and parameters, in process and in a worker', async () => {
    const base: OptimizeOptions = {
      space: { x: { type: 'int', min: 0, max: 5 } },
      objective: { module: TRIALS, export: 'fragile' },
      method: 'grid',
      progress: false,
      workerExecArgv: WORKER_ARGS,
    };
    for (const workers of [0, 1]) {
      const error = await optimize({ ...base, workers }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TrialError);
      expect((error as TrialError).context).toMatchObject({ trial: 3, params: { x: 3 } });
      expect((error as TrialError).message).toContain('x too large: 3');
    }
  }, 60_000);

  it('refuses what cannot run', async () => {
    const space = { x: { type: 'int' as const, min: 0, max: 3 } };
    await expect(optimize({ space, objective: { module: TRIALS, export: 'notAFunction' }, progress: false })).rejects.toBeInstanceOf(
      TrialModuleError,
    );
    await expect(
      optimize({ space, objective: { module: TRIALS, export: 'notAFunction' }, workers: 1, workerExecArgv: WORKER_ARGS, progress: false }),
    ).rejects.toBeInstanceOf(TrialModuleError);
    await expect(optimize({ space, objective: () => 1, workers: 2, progress: false })).rejects.toThrow(/objective/);
    await expect(optimize({ space, objective: () => 1, method: 'grid', trials: 2, progress: false })).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(optimize({ space, objective: () => Number.NaN, progress: false })).rejects.toThrow(/finite number/);
  }, 60_000);

  it('stops a search of a finite space once every point was tried', async () => {
    const result = await optimize({
      space: { x: { type: 'choice', values: ['a', 'b', 'c'] } },
      objective: () => 1,
      method: 'bayesian',
      trials: 50,
      progress: false,
    });
    expect(result.trials.map((t) => t.params.x).sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('optimize progress bar', () => {
  it('draws on stderr when asked, with trials done and the best score', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await optimize({
        space: { x: { type: 'int', min: 1, max: 3 } },
        objective: ({ x }) => (x as number) * 2,
        method: 'grid',
        progress: true,
      });
    } finally {
      process.stderr.write = write;
    }
    const text = written.join('');
    expect(text).toContain('optimize (grid)');
    expect(text).toContain('3/3 trials | best 6');
  });

  it('stays silent when told to', async () => {
    const written: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      await optimize({ space: { x: { type: 'int', min: 1, max: 3 } }, objective: ({ x }) => x as number, method: 'grid', progress: false });
    } finally {
      process.stderr.write = write;
    }
    expect(written.join('')).not.toContain('optimize');
  });
});
