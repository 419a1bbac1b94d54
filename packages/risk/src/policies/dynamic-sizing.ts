import { type OrderBookView, parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, reject, resizeBy } from '../decision/verdict';
import type { RiskPolicy } from '../policy/risk-policy';
import { RollingMoments } from '../stats/rolling-moments';

/** Options of {@link dynamicSizing}. */
export const DynamicSizingOptionsSchema = z
  .object({
    /** Mid prices are sampled once per `sampleMs` (the last mid of each interval, by book `recvTs`). */
    sampleMs: z.number().int().positive(),
    /** Number of sampled log returns in the volatility estimate (default 60). */
    window: z.number().int().min(2).default(60),
    /** Returns needed before the estimate is trusted (default: `window`). */
    minSamples: z.number().int().min(2).optional(),
    /** Volatility at or below which size is kept: standard deviation of log returns per `sampleMs`, e.g. 0.0005. */
    targetVolatility: z.number().positive().refine(Number.isFinite, { message: 'must be finite' }),
    /** Below this scale the opportunity is rejected (`VOLATILITY_TOO_HIGH`) instead of shrunk (default 0.1). */
    minScale: z.number().gt(0).lte(1).default(0.1),
    /** What to do before `minSamples` returns exist: `reject` (default, `VOLATILITY_WARMUP`) or `approve`. */
    whenWarmingUp: z.enum(['reject', 'approve']).default('reject'),
    name: z.string().min(1).default('dynamicSizing'),
  })
  .refine((o) => o.minSamples === undefined || o.minSamples <= o.window, { message: 'minSamples must be <= window', path: ['minSamples'] });
/** What {@link dynamicSizing} accepts. */
export type DynamicSizingOptions = z.input<typeof DynamicSizingOptionsSchema>;

/**
 * The volatility-sizing policy, with a view of its estimates.
 *
 * @example
 * ```ts
 * const sizing = dynamicSizing({ sampleMs: 1_000, targetVolatility: 0.0005 });
 * sizing.volatility('binance', 'BTC/USDT'); // e.g. 0.0007
 * ```
 */
export interface DynamicSizingPolicy extends RiskPolicy {
  /** Realized volatility per `sampleMs` of a market (sample std of its last `window` log returns), `undefined` while warming up. */
  volatility(venue: string, symbol: string): number | undefined;
}

interface Sampler {
  interval: number;
  lastMid: number;
  previousSample: number;
  readonly returns: RollingMoments;
}

/**
 * Scales size down as realized volatility rises: `scale = min(1,
 * targetVolatility / σ)`, where σ is the sample standard deviation of the
 * last `window` log returns of the mid sampled every `sampleMs` (the most
 * volatile leg market sets the scale). Resizes with `VOLATILITY_SCALING`
 * (details `venue`, `symbol`, `volatility`, `targetVolatility`), rejects with
 * `VOLATILITY_TOO_HIGH` below `minScale`, and with `VOLATILITY_WARMUP` (by
 * default) until `minSamples` returns exist. Sampling is previous-tick: an
 * interval without any book closes at the last mid seen, a zero return (a
 * dead feed is `staleData`'s business).
 *
 * @example
 * ```ts
 * // keep full size up to 5 bp per second of volatility; halve it at 10 bp
 * dynamicSizing({ sampleMs: 1_000, window: 120, targetVolatility: 0.0005 });
 * ```
 */
export function dynamicSizing(options: DynamicSizingOptions): DynamicSizingPolicy {
  const o = parseWith(DynamicSizingOptionsSchema, options, 'dynamicSizing options');
  const minSamples = o.minSamples ?? o.window;
  const samplers = new Map<string, Map<string, Sampler>>();

  const onBook = (view: OrderBookView): void => {
    const mid = view.mid;
    if (mid === undefined || !(mid > 0)) return;
    let bySymbol = samplers.get(view.venue);
    if (bySymbol === undefined) {
      bySymbol = new Map();
      samplers.set(view.venue, bySymbol);
    }
    const interval = Math.floor(view.recvTs / o.sampleMs);
    const sampler = bySymbol.get(view.symbol);
    if (sampler === undefined) {
      bySymbol.set(view.symbol, { interval, lastMid: mid, previousSample: Number.NaN, returns: new RollingMoments(o.window) });
      return;
    }
    if (interval > sampler.interval) {
      // The interval that just ended closes at its last mid; intervals with no
      // book at all close at that same mid (previous-tick sampling), i.e. zero returns.
      const sample = sampler.lastMid;
      if (!Number.isNaN(sampler.previousSample)) sampler.returns.push(Math.log(sample / sampler.previousSample));
      const empty = Math.min(interval - sampler.interval - 1, o.window);
      for (let k = 0; k < empty; k++) sampler.returns.push(0);
      sampler.previousSample = sample;
      sampler.interval = interval;
    }
    sampler.lastMid = mid;
  };

  const volatility = (venue: string, symbol: string): number | undefined => {
    const returns = samplers.get(venue)?.get(symbol)?.returns;
    return returns === undefined || returns.count < minSamples ? undefined : returns.std;
  };

  return {
    name: o.name,
    requires: ['books$'],
    connect: (env) => env.books$.subscribe(onBook),
    volatility,
    evaluate(candidate) {
      let worst = 0;
      let venue = '';
      let symbol = '';
      for (const leg of candidate.legs) {
        const sigma = volatility(leg.venue, leg.symbol);
        if (sigma === undefined) {
          if (o.whenWarmingUp === 'approve') continue;
          return reject(RiskReason.VOLATILITY_WARMUP, { venue: leg.venue, symbol: leg.symbol, minSamples });
        }
        if (sigma > worst) {
          worst = sigma;
          venue = leg.venue;
          symbol = leg.symbol;
        }
      }
      if (worst <= o.targetVolatility) return approve();
      const scale = o.targetVolatility / worst;
      const details = { venue, symbol, volatility: worst, targetVolatility: o.targetVolatility, scale };
      return scale < o.minScale
        ? reject(RiskReason.VOLATILITY_TOO_HIGH, { ...details, minScale: o.minScale })
        : resizeBy(scale, RiskReason.VOLATILITY_SCALING, details);
    },
  };
}
