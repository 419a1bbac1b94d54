import type { SeededRandom } from '@arbot/risk';
import { expectedImprovement } from './expected-improvement';
import { GaussianProcess } from './gaussian-process';
import { decode, encode, gridPoints, gridSize, type Params, type ParsedParameterSpace, paramsKey } from './parameter-space';

/** A finished trial, as a proposer learns from it: its parameters and score (higher is better). */
export interface Observation {
  readonly params: Params;
  readonly score: number;
}

/**
 * Chooses the next parameters to try, given the finished trials and those
 * still running. `undefined` when it has nothing left to propose.
 */
export interface Proposer {
  next(done: readonly Observation[], running: readonly Params[]): Params | undefined;
}

/** Every grid point once, in order. */
export function gridProposer(space: ParsedParameterSpace): Proposer {
  const points = gridPoints(space);
  let next = 0;
  return { next: () => points[next++] };
}

/** Uniform random points of the unit cube, decoded; points already tried are drawn again (a few times). */
export function randomProposer(space: ParsedParameterSpace, random: SeededRandom): Proposer {
  const dims = Object.keys(space).length;
  return {
    next(done, running) {
      const seen = new Set([...done.map((o) => paramsKey(o.params)), ...running.map(paramsKey)]);
      let params = decode(space, draw(random, dims));
      for (let attempt = 0; attempt < 20 && seen.has(paramsKey(params)); attempt++) params = decode(space, draw(random, dims));
      return params;
    },
  };
}

/** Settings of {@link bayesianProposer}. */
export interface BayesianSettings {
  /** Random trials before the surrogate takes over. */
  readonly initialTrials: number;
  /** Exploration margin ξ of expected improvement, in standard deviations of the scores. */
  readonly xi: number;
  /** Random candidates scored by expected improvement at each step. */
  readonly candidates: number;
}

const LENGTH_SCALES = [0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.8, 1.2];
const NOISES = [1e-6, 1e-4, 1e-2];

/**
 * Bayesian optimization: a Gaussian-process surrogate (RBF kernel on the
 * unit cube, length scale and noise picked by marginal likelihood from a
 * small grid, scores standardized) and expected improvement, maximized
 * over random candidates plus perturbations of the best points so far.
 * Trials still running count at the surrogate's own prediction (the
 * "kriging believer"), so parallel proposals spread out. Never proposes a
 * point already tried while an untried one scores.
 */
export function bayesianProposer(space: ParsedParameterSpace, random: SeededRandom, settings: BayesianSettings): Proposer {
  const dims = Object.keys(space).length;
  const fallback = randomProposer(space, random);
  return {
    next(done, running) {
      if (done.length < settings.initialTrials) return fallback.next(done, running);
      const xs = done.map((o) => encode(space, o.params));
      const raw = done.map((o) => o.score);
      const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
      const sd = Math.sqrt(raw.reduce((a, b) => a + (b - mean) ** 2, 0) / raw.length) || 1;
      let ys = raw.map((y) => (y - mean) / sd);
      let gp = bestFit(xs, ys);
      if (gp === undefined) return fallback.next(done, running);
      if (running.length > 0) {
        const pending = running.map((p) => encode(space, p));
        const believed = pending.map((x) => (gp as GaussianProcess).predict(x).mean);
        const refit = GaussianProcess.fit([...xs, ...pending], [...ys, ...believed], gp.lengthScales, gp.noise);
        if (refit !== undefined) {
          gp = refit;
          ys = [...ys, ...believed];
        }
      }
      const best = Math.max(...ys);
      const seen = new Set([...done.map((o) => paramsKey(o.params)), ...running.map(paramsKey)]);
      const ranked = [...done].sort((a, b) => b.score - a.score).slice(0, 5);
      const candidates: number[][] = [];
      for (let i = 0; i < settings.candidates; i++) candidates.push(draw(random, dims));
      for (const o of ranked) {
        const centre = encode(space, o.params);
        for (let i = 0; i < 50; i++) candidates.push(centre.map((c) => Math.min(1, Math.max(0, c + 0.05 * random.normal()))));
      }
      const model = gp;
      // Score the decoded point: that is what will actually run.
      const score = (x: readonly number[]): { params: Params; ei: number } => {
        const params = decode(space, x);
        if (seen.has(paramsKey(params))) return { params, ei: Number.NEGATIVE_INFINITY };
        const p = model.predict(encode(space, params));
        return { params, ei: expectedImprovement(p.mean, Math.sqrt(p.variance), best, settings.xi) };
      };
      const scored = candidates.map((x) => ({ x, ...score(x) })).sort((a, b) => b.ei - a.ei);
      // Polish the most promising candidates by a shrinking random local search.
      let winner = scored[0];
      for (const start of scored.slice(0, 5)) {
        let current = start;
        for (let step = 0.1; step > 0.002; step /= 2) {
          for (let i = 0; i < 8; i++) {
            const x = current.x.map((c) => Math.min(1, Math.max(0, c + step * random.normal())));
            const next = { x, ...score(x) };
            if (next.ei > current.ei) current = next;
          }
        }
        if (winner === undefined || current.ei > winner.ei) winner = current;
      }
      return winner !== undefined && winner.ei > Number.NEGATIVE_INFINITY ? winner.params : fallback.next(done, running);
    },
  };
}

/**
 * The hyperparameters of highest marginal likelihood: a shared length scale
 * from a grid, then each dimension's own scale refined in turn (coordinate
 * ascent over the same grid), for each noise level.
 */
function bestFit(xs: readonly number[][], ys: readonly number[]): GaussianProcess | undefined {
  const dims = xs[0]?.length ?? 0;
  let best: GaussianProcess | undefined;
  const consider = (scales: readonly number[], noise: number): void => {
    const gp = GaussianProcess.fit(xs, ys, scales, noise);
    if (gp !== undefined && (best === undefined || gp.logMarginalLikelihood > best.logMarginalLikelihood)) best = gp;
  };
  for (const noise of NOISES) for (const l of LENGTH_SCALES) consider(new Array<number>(dims).fill(l), noise);
  for (let round = 0; round < 2 && dims > 1; round++) {
    for (let d = 0; d < dims; d++) {
      const base = best as GaussianProcess | undefined;
      if (base === undefined) return undefined;
      for (const l of LENGTH_SCALES)
        consider(
          base.lengthScales.map((s, i) => (i === d ? l : s)),
          base.noise,
        );
    }
  }
  return best;
}

function draw(random: SeededRandom, dims: number): number[] {
  return Array.from({ length: dims }, () => random.uniform());
}

/** Number of distinct points of a space without real parameters (to stop once all were tried); `undefined` otherwise. */
export function finiteSize(space: ParsedParameterSpace): number | undefined {
  return Object.values(space).every((s) => s.type !== 'float') ? gridSize(space) : undefined;
}
