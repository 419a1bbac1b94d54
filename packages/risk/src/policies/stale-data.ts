import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, reject } from '../decision/verdict';
import type { RiskPolicy } from '../policy/risk-policy';

/** Options of {@link staleData}. */
export const StaleDataOptionsSchema = z.object({
  /** Oldest acceptable input, ms between its local receive time and the decision (by the Clock). */
  maxAgeMs: z.number().int().positive(),
  /** Reject opportunities that carry no `sources` (default true): freshness cannot be shown without them. */
  requireSources: z.boolean().default(true),
  /** Also check the gate's latest book for every leg's venue and symbol (needs `books$`; default false). */
  checkBooks: z.boolean().default(false),
  name: z.string().min(1).default('staleData'),
});
/** What {@link staleData} accepts. */
export type StaleDataOptions = z.input<typeof StaleDataOptionsSchema>;

/**
 * Rejects opportunities built from stale data: any of the opportunity's
 * `sources` whose local receive time (`recvTs`) is more than `maxAgeMs` before
 * the decision time, and with `checkBooks`, any leg whose latest book in the
 * gate's `books$` is that old (the feed may have died since detection).
 * Codes: `STALE_DATA` (details `kind` = `source` | `book`, `venue`,
 * `symbol`, `ageMs`, `maxAgeMs`), `NO_SOURCE_DATA`, `MISSING_BOOK`.
 * Ages are measured on the Clock, so backtests see the same decisions.
 *
 * @example
 * ```ts
 * riskGate([staleData({ maxAgeMs: 750, checkBooks: true })], { clock, markets, books$ });
 * ```
 */
export function staleData(options: StaleDataOptions): RiskPolicy {
  const o = parseWith(StaleDataOptionsSchema, options, 'staleData options');
  return {
    name: o.name,
    requires: o.checkBooks ? ['books$'] : [],
    evaluate(candidate, context) {
      const { now } = context;
      const sources = candidate.opportunity.sources;
      if (sources.length === 0 && o.requireSources) return reject(RiskReason.NO_SOURCE_DATA, { opportunityId: candidate.opportunity.id });
      for (const source of sources) {
        const ageMs = now - source.recvTs;
        if (ageMs > o.maxAgeMs) {
          return reject(RiskReason.STALE_DATA, { kind: 'source', venue: source.venue, symbol: source.symbol, ageMs, maxAgeMs: o.maxAgeMs });
        }
      }
      if (o.checkBooks) {
        for (const leg of candidate.legs) {
          const book = context.book(leg.venue, leg.symbol);
          if (book === undefined) return reject(RiskReason.MISSING_BOOK, { venue: leg.venue, symbol: leg.symbol });
          const ageMs = now - book.recvTs;
          if (ageMs > o.maxAgeMs) {
            return reject(RiskReason.STALE_DATA, { kind: 'book', venue: leg.venue, symbol: leg.symbol, ageMs, maxAgeMs: o.maxAgeMs });
          }
        }
      }
      return approve();
    },
  };
}
