import { z } from 'zod';
import { parseWith } from './parse';
import { DecimalSchema, FiniteNumber, Id, PositiveDecimal, SideSchema, TimestampMs } from './primitives';

/** One leg of an opportunity: an order the executor would place. */
export const OpportunityLegSchema = z.object({
  venue: Id,
  symbol: Id,
  side: SideSchema,
  /** Base amount, already rounded to the market's amount step. */
  amount: PositiveDecimal,
  /** Worst acceptable price (a buy pays at most this, a sell receives at least this), rounded to the tick. */
  priceLimit: PositiveDecimal,
  /** Expected average fill price from the depth walk. */
  expectedPrice: PositiveDecimal,
});
/** An opportunity leg: see {@link OpportunityLegSchema}. */
export type OpportunityLeg = z.output<typeof OpportunityLegSchema>;

/** Where an input of the detector came from, and how fresh it was. */
export const SourceStampSchema = z.object({ venue: Id, symbol: Id, ts: TimestampMs, recvTs: TimestampMs });
/** An input's venue, symbol and timestamps. */
export type SourceStamp = z.output<typeof SourceStampSchema>;

/**
 * What a detector emits: a set of legs that together are expected to earn
 * `expected.net` in `expected.currency` after fees. Detectors never place
 * orders; risk and executors consume these.
 */
export const OpportunitySchema = z.object({
  id: Id,
  kind: z.enum(['spatial', 'triangular', 'statistical', 'signal']),
  /** Strategy or detector that produced it, for per-strategy metrics. */
  strategy: z.string().default(''),
  legs: z.array(OpportunityLegSchema).min(1),
  expected: z.object({
    /** Currency of the profit figures, e.g. `USDT`. */
    currency: Id,
    gross: DecimalSchema,
    fees: DecimalSchema,
    net: DecimalSchema,
    /** Net profit relative to the notional committed, in basis points. */
    netBps: FiniteNumber,
    /** Notional committed, in `currency`. */
    notional: DecimalSchema,
  }),
  sources: z.array(SourceStampSchema),
  /** Detection time from the Clock, ms. */
  detectedAt: TimestampMs,
});
/** An opportunity: see {@link OpportunitySchema}. */
export type Opportunity = z.output<typeof OpportunitySchema>;

/**
 * Validates an opportunity.
 *
 * @example
 * ```ts
 * parseOpportunity({
 *   id: 'op-1', kind: 'spatial', detectedAt: 0, sources: [],
 *   legs: [
 *     { venue: 'a', symbol: 'BTC/USDT', side: 'buy', amount: '1', priceLimit: '100', expectedPrice: '100' },
 *     { venue: 'b', symbol: 'BTC/USDT', side: 'sell', amount: '1', priceLimit: '101', expectedPrice: '101' },
 *   ],
 *   expected: { currency: 'USDT', gross: '1', fees: '0.2', net: '0.8', netBps: 80, notional: '100' },
 * });
 * ```
 */
export function parseOpportunity(input: unknown): Opportunity {
  return parseWith(OpportunitySchema, input, 'opportunity');
}
