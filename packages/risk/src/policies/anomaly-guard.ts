import { type OrderBookView, parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, type PolicyVerdict, reject } from '../decision/verdict';
import type { CandidateLeg } from '../policy/risk-candidate';
import type { RiskPolicy } from '../policy/risk-policy';
import { medianInPlace } from '../stats/median';
import { RollingMoments } from '../stats/rolling-moments';
import { WindowExtremes } from '../stats/window-extremes';

const positive = () => z.number().positive().refine(Number.isFinite, { message: 'must be finite' });

/** Options of {@link anomalyGuard}; each check is on when its block is given. */
export const AnomalyGuardOptionsSchema = z
  .object({
    /** Reject while a market's mid has ranged more than `maxMovePct` % of its high within the last `windowMs`. */
    flashCrash: z.object({ maxMovePct: positive(), windowMs: z.number().int().positive() }).optional(),
    /**
     * Reject while a market's latest spread (bps of mid) has a z-score above
     * `maxZScore` against its previous `window` spreads (needs `minSamples`
     * first; the standard deviation is floored at `minStdBps` so that a spread
     * stuck at one tick does not make every widening infinitely abnormal).
     */
    abnormalSpread: z
      .object({
        maxZScore: positive(),
        window: z.number().int().min(2).default(300),
        minSamples: z.number().int().min(2).default(30),
        minStdBps: z.number().nonnegative().default(0.5),
      })
      .optional(),
    /** Reject legs whose book is crossed (best bid > best ask) or locked (equal) (default true). */
    crossedBooks: z.boolean().default(true),
    /**
     * Reject a leg whose venue's mid deviates from the median mid of the same
     * symbol across venues by more than `maxDeviationPct` %, when at least
     * `minVenues` venues have a book (no older than `maxAgeMs`, when given).
     */
    priceDeviation: z
      .object({
        maxDeviationPct: positive(),
        minVenues: z.number().int().min(2).default(3),
        maxAgeMs: z.number().int().positive().optional(),
      })
      .optional(),
    name: z.string().min(1).default('anomalyGuard'),
  })
  .refine((o) => o.flashCrash !== undefined || o.abnormalSpread !== undefined || o.crossedBooks || o.priceDeviation !== undefined, {
    message: 'enable at least one check',
  });
/** What {@link anomalyGuard} accepts. */
export type AnomalyGuardOptions = z.input<typeof AnomalyGuardOptionsSchema>;

/** One venue's market of a symbol: its latest book and, once a book had a mid, its rolling state. */
interface VenueEntry {
  book: OrderBookView;
  state: MarketState | undefined;
}

/** Every venue quoting a symbol, and their median mid (cached until a book of the symbol changes). */
interface SymbolEntry {
  readonly venues: Map<string, VenueEntry>;
  medianValid: boolean;
  median: number;
  medianVenues: number;
}

interface MarketState {
  readonly extremes: WindowExtremes | undefined;
  readonly spreads: RollingMoments | undefined;
  /** z-score of the latest spread against the spreads before it; NaN until warmed up. */
  z: number;
  spreadBps: number;
  meanBps: number;
  stdBps: number;
}

/**
 * Rejects opportunities touching a market that looks wrong, from the gate's
 * `books$`:
 *
 * - `FLASH_CRASH`: the mid's high−low range within `windowMs` exceeds
 *   `maxMovePct` % of the high (details `high`, `low`, `movePct`);
 * - `ABNORMAL_SPREAD`: the latest spread's z-score against its rolling
 *   history exceeds `maxZScore` (details `z`, `spreadBps`, `meanBps`, `stdBps`);
 * - `CROSSED_BOOK` / `LOCKED_BOOK`: best bid above / equal to best ask;
 * - `PRICE_DEVIATION`: the leg venue's mid is more than `maxDeviationPct` %
 *   from the cross-venue median (details `mid`, `median`, `deviationPct`, `venues`);
 * - `MISSING_BOOK` when a leg's market has no book yet.
 *
 * Windows are on the Clock (book `recvTs` and decision time). Guards only
 * reject: an anomalous market is not made safe by trading less of it.
 *
 * @example
 * ```ts
 * anomalyGuard({
 *   flashCrash: { maxMovePct: 3, windowMs: 60_000 },
 *   abnormalSpread: { maxZScore: 6 },
 *   priceDeviation: { maxDeviationPct: 1.5 },
 * });
 * ```
 */
export function anomalyGuard(options: AnomalyGuardOptions): RiskPolicy {
  const o = parseWith(AnomalyGuardOptionsSchema, options, 'anomalyGuard options');
  const symbols = new Map<string, SymbolEntry>();
  let scratch = new Float64Array(8);

  const newState = (): MarketState => ({
    extremes: o.flashCrash === undefined ? undefined : new WindowExtremes(o.flashCrash.windowMs),
    spreads: o.abnormalSpread === undefined ? undefined : new RollingMoments(o.abnormalSpread.window),
    z: Number.NaN,
    spreadBps: Number.NaN,
    meanBps: Number.NaN,
    stdBps: Number.NaN,
  });

  const onBook = (view: OrderBookView): void => {
    let symbol = symbols.get(view.symbol);
    if (symbol === undefined) {
      symbol = { venues: new Map(), medianValid: false, median: Number.NaN, medianVenues: 0 };
      symbols.set(view.symbol, symbol);
    }
    let entry = symbol.venues.get(view.venue);
    if (entry === undefined) {
      entry = { book: view, state: undefined };
      symbol.venues.set(view.venue, entry);
    } else entry.book = view;
    symbol.medianValid = false;
    const { mid, spread } = view;
    if (mid === undefined || spread === undefined) return;
    entry.state ??= newState();
    const state = entry.state;
    state.extremes?.push(view.recvTs, mid);
    const spreads = state.spreads;
    const spreadOptions = o.abnormalSpread;
    if (spreads !== undefined && spreadOptions !== undefined) {
      const spreadBps = (spread / mid) * 10_000;
      state.spreadBps = spreadBps;
      if (spreads.count >= spreadOptions.minSamples) {
        state.meanBps = spreads.mean;
        state.stdBps = Math.max(spreads.std, spreadOptions.minStdBps);
        state.z = state.stdBps > 0 ? (spreadBps - state.meanBps) / state.stdBps : spreadBps > state.meanBps ? Number.POSITIVE_INFINITY : 0;
      }
      spreads.push(spreadBps);
    }
  };

  const deviationVerdict = (leg: CandidateLeg, symbol: SymbolEntry, mid: number, now: number): PolicyVerdict | undefined => {
    const check = o.priceDeviation;
    const venues = symbol.venues;
    if (check === undefined || venues.size < check.minVenues) return undefined;
    let venueCount: number;
    let median: number;
    // Without an age filter the median only changes when a book of the symbol does.
    if (check.maxAgeMs === undefined && symbol.medianValid) {
      venueCount = symbol.medianVenues;
      median = symbol.median;
    } else {
      if (scratch.length < venues.size) scratch = new Float64Array(venues.size * 2);
      venueCount = 0;
      for (const { book } of venues.values()) {
        if (check.maxAgeMs !== undefined && now - book.recvTs > check.maxAgeMs) continue;
        const venueMid = book.mid;
        if (venueMid !== undefined) scratch[venueCount++] = venueMid;
      }
      median = medianInPlace(scratch, venueCount);
      if (check.maxAgeMs === undefined) {
        symbol.medianValid = true;
        symbol.median = median;
        symbol.medianVenues = venueCount;
      }
    }
    if (venueCount < check.minVenues) return undefined;
    const deviationPct = (Math.abs(mid - median) * 100) / median;
    if (deviationPct <= check.maxDeviationPct) return undefined;
    return reject(RiskReason.PRICE_DEVIATION, {
      venue: leg.venue,
      symbol: leg.symbol,
      mid,
      median,
      deviationPct,
      maxDeviationPct: check.maxDeviationPct,
      venues: venueCount,
    });
  };

  return {
    name: o.name,
    requires: ['books$'],
    connect: (env) => env.books$.subscribe(onBook),
    evaluate(candidate, context) {
      const { now } = context;
      for (const leg of candidate.legs) {
        const symbol = symbols.get(leg.symbol);
        const entry = symbol?.venues.get(leg.venue);
        if (symbol === undefined || entry === undefined) return reject(RiskReason.MISSING_BOOK, { venue: leg.venue, symbol: leg.symbol });
        const { book, state } = entry;
        const { bestBid, bestAsk, mid } = book;
        if (o.crossedBooks && bestBid !== undefined && bestAsk !== undefined && bestBid >= bestAsk) {
          const code = bestBid > bestAsk ? RiskReason.CROSSED_BOOK : RiskReason.LOCKED_BOOK;
          return reject(code, { venue: leg.venue, symbol: leg.symbol, bestBid, bestAsk });
        }
        const flash = o.flashCrash;
        if (flash !== undefined && state?.extremes !== undefined) {
          const high = state.extremes.max(now);
          const low = state.extremes.min(now);
          const movePct = ((high - low) * 100) / high;
          if (movePct > flash.maxMovePct) {
            return reject(RiskReason.FLASH_CRASH, {
              venue: leg.venue,
              symbol: leg.symbol,
              high,
              low,
              movePct,
              maxMovePct: flash.maxMovePct,
              windowMs: flash.windowMs,
            });
          }
        }
        const spread = o.abnormalSpread;
        if (spread !== undefined && state !== undefined && state.z > spread.maxZScore) {
          return reject(RiskReason.ABNORMAL_SPREAD, {
            venue: leg.venue,
            symbol: leg.symbol,
            z: state.z,
            spreadBps: state.spreadBps,
            meanBps: state.meanBps,
            stdBps: state.stdBps,
            maxZScore: spread.maxZScore,
          });
        }
        if (mid !== undefined) {
          const deviation = deviationVerdict(leg, symbol, mid, now);
          if (deviation !== undefined) return deviation;
        }
      }
      return approve();
    },
  };
}
