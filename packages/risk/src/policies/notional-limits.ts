import { type Clock, type Decimal, parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, type PolicyVerdict, type RiskDetails, reject, resizeBy } from '../decision/verdict';
import { decimalToNumber } from '../policy/decimal-number';
import type { CandidateLeg, RiskCandidate } from '../policy/risk-candidate';
import type { RiskPolicy } from '../policy/risk-policy';
import { CountedSum, CountedSums } from './counted-sums';
import { KeyedLimit, limitFor, PositiveAmount } from './limit-schemas';
import { PendingReservations } from './pending-reservations';

/** Options of {@link notionalLimits}; amounts are in the opportunities' currency. */
export const NotionalLimitsOptionsSchema = z
  .object({
    /** Largest notional of any single leg. */
    maxOrderNotional: PositiveAmount.optional(),
    /** Largest open exposure per base asset: one number for all, or `{ BTC: 50_000, '*': 10_000 }`. */
    maxAssetExposure: KeyedLimit.optional(),
    /** Largest open exposure per venue: one number for all, or `{ binance: 100_000, '*': 20_000 }`. */
    maxVenueExposure: KeyedLimit.optional(),
    /** Largest open exposure over everything. */
    maxTotalExposure: PositiveAmount.optional(),
    /** When set, opportunities in another currency are rejected with `CURRENCY_MISMATCH`. */
    currency: z.string().min(1).optional(),
    /** How long an approval holds its exposure when no execution report arrives, ms. */
    reservationTtlMs: z.number().int().positive().default(60_000),
    name: z.string().min(1).default('notionalLimits'),
  })
  .refine(
    (o) =>
      o.maxOrderNotional !== undefined ||
      o.maxAssetExposure !== undefined ||
      o.maxVenueExposure !== undefined ||
      o.maxTotalExposure !== undefined,
    { message: 'set at least one of maxOrderNotional, maxAssetExposure, maxVenueExposure, maxTotalExposure' },
  );
/** What {@link notionalLimits} accepts. */
export type NotionalLimitsOptions = z.input<typeof NotionalLimitsOptionsSchema>;

/** Open exposure as the policy counts it, in the policy's currency. */
export interface ExposureSnapshot {
  readonly total: number;
  readonly byAsset: Readonly<Record<string, number>>;
  readonly byVenue: Readonly<Record<string, number>>;
  /** Approvals still waiting for their execution report. */
  readonly pending: number;
  /** Residual base positions left open by executions (signed base units). */
  readonly positions: Readonly<Record<string, string>>;
}

/**
 * The notional-limits policy, with a view of the exposure it tracks.
 *
 * @example
 * ```ts
 * const limits = notionalLimits({ maxTotalExposure: 50_000 });
 * limits.exposure().byVenue; // { binance: 12_000, okx: 12_050 }
 * ```
 */
export interface NotionalLimitsPolicy extends RiskPolicy {
  /** The open exposure now (once a gate has connected, reservations expired by its clock are dropped first). */
  exposure(): ExposureSnapshot;
}

/** Reserved exposure of one base asset, and the value of one unit of it at the latest approval. */
interface AssetBook {
  readonly reserved: CountedSum;
  unitValue: number;
}

/** What an approval holds: its legs, and the running sums each leg added to (released without a lookup). */
interface Reservation {
  readonly legs: readonly CandidateLeg[];
  readonly assetBooks: readonly AssetBook[];
  readonly venueSums: readonly CountedSum[];
}

interface Position {
  amount: Decimal;
  unitValue: number;
  /** |amount| × unitValue, refreshed when the position changes. */
  value: number;
}

/**
 * Caps notional per order, and open exposure per base asset, per venue and
 * in total. Open exposure is the gross notional of approved legs still in
 * flight (both sides of an arbitrage count) plus the value of residual
 * positions executions left open:
 *
 * - an approval reserves its legs' notional (after any resize);
 * - an execution report (`reports$`) for that opportunity releases it and
 *   adds the report's `residual` base amounts to open positions (valued at
 *   the legs' prices); without a report the reservation expires after
 *   `reservationTtlMs`;
 * - notional is valued in the opportunity's currency through the legs' own
 *   prices (see `CandidateLeg.value`), else rejected with `UNVALUED_LEG`.
 *
 * When a limit would be crossed the opportunity is resized to the largest
 * scale every limit allows (code of the tightest: `ORDER_NOTIONAL_LIMIT`,
 * `ASSET_EXPOSURE_LIMIT`, `VENUE_EXPOSURE_LIMIT`, `TOTAL_EXPOSURE_LIMIT`;
 * details `key`, `exposure`, `requested`, `limit`; `key` is the asset, the
 * venue, `'*'` for the total, or for the per-order limit the index of the
 * binding leg, as a string), or rejected with that code
 * when no headroom is left.
 *
 * @example
 * ```ts
 * const limits = notionalLimits({ maxOrderNotional: 10_000, maxAssetExposure: { BTC: 40_000, '*': 10_000 }, maxTotalExposure: 60_000 });
 * const gate = riskGate([limits, minNetProfit({ minNet: 1 })], { clock, markets, reports$ });
 * limits.exposure().total;
 * ```
 */
export function notionalLimits(options: NotionalLimitsOptions): NotionalLimitsPolicy {
  const o = parseWith(NotionalLimitsOptionsSchema, options, 'notionalLimits options');
  const reservations = new PendingReservations<Reservation>(o.reservationTtlMs);
  const assets = new Map<string, AssetBook>();
  const byVenue = new CountedSums();
  const total = new CountedSum();
  const positions = new Map<string, Position>();
  let positionsValue = 0;
  let clock: Clock | undefined;

  const unreserve = (reservation: Reservation): void => {
    const { legs, assetBooks, venueSums } = reservation;
    for (let i = 0; i < legs.length; i++) {
      const value = (legs[i] as CandidateLeg).value;
      assetBooks[i]?.reserved.remove(value);
      venueSums[i]?.remove(value);
      total.remove(value);
    }
  };
  const assetBook = (asset: string): AssetBook => {
    let book = assets.get(asset);
    if (book === undefined) {
      book = { reserved: new CountedSum(), unitValue: Number.NaN };
      assets.set(asset, book);
    }
    return book;
  };
  const reservedOfAsset = (asset: string): number => assets.get(asset)?.reserved.get() ?? 0;
  // What the last evaluated candidate's legs reserve into: the gate approves the candidate it evaluated last
  // unless a later policy resized it, so onApproved usually reserves without looking anything up again.
  let resolved: Reservation | undefined;
  const resolve = (candidate: RiskCandidate): Reservation => {
    const legs = candidate.legs;
    if (resolved?.legs === legs) return resolved;
    const assetBooks: AssetBook[] = new Array(legs.length);
    const venueSums: CountedSum[] = new Array(legs.length);
    for (let i = 0; i < legs.length; i++) {
      const leg = legs[i] as CandidateLeg;
      assetBooks[i] = assetBook(leg.base);
      venueSums[i] = byVenue.slot(leg.venue);
    }
    resolved = { legs, assetBooks, venueSums };
    return resolved;
  };
  const expire = (now: number): void => reservations.expire(now, unreserve);
  const positionValue = (asset: string): number => (positions.size === 0 ? 0 : (positions.get(asset)?.value ?? 0));
  const revaluePositions = (): void => {
    positionsValue = 0;
    for (const p of positions.values()) {
      p.value = Math.abs(decimalToNumber(p.amount)) * p.unitValue;
      positionsValue += p.value;
    }
  };

  // The tightest limit found while evaluating; one object per policy, reset per opportunity.
  const binding = { scale: 1, code: '', key: '' as string | number, exposure: 0, requested: 0, limit: 0 };
  const consider = (code: string, key: string | number, exposure: number, requested: number, limit: number): void => {
    const s = (limit - exposure) / requested;
    if (s < binding.scale) {
      binding.scale = s;
      binding.code = code;
      binding.key = key;
      binding.exposure = exposure;
      binding.requested = requested;
      binding.limit = limit;
    }
  };

  const evaluate = (candidate: RiskCandidate, now: number): PolicyVerdict => {
    expire(now);
    if (o.currency !== undefined && candidate.currency !== o.currency) {
      return reject(RiskReason.CURRENCY_MISMATCH, { currency: candidate.currency, expected: o.currency });
    }
    const legs = candidate.legs;
    let requestedTotal = 0;
    for (const leg of legs) {
      if (!Number.isFinite(leg.value)) {
        return reject(RiskReason.UNVALUED_LEG, { leg: leg.index, venue: leg.venue, symbol: leg.symbol, currency: candidate.currency });
      }
      requestedTotal += leg.value;
    }
    binding.scale = 1;
    if (o.maxOrderNotional !== undefined) {
      for (const leg of legs)
        if (leg.value > o.maxOrderNotional) consider(RiskReason.ORDER_NOTIONAL_LIMIT, leg.index, 0, leg.value, o.maxOrderNotional);
    }
    if (o.maxAssetExposure !== undefined || o.maxVenueExposure !== undefined) {
      const { assetBooks, venueSums } = resolve(candidate);
      for (let i = 0; i < legs.length; i++) {
        const leg = legs[i];
        if (leg === undefined) continue;
        const assetLimit = limitFor(o.maxAssetExposure, leg.base);
        const venueLimit = limitFor(o.maxVenueExposure, leg.venue);
        let firstOfAsset = assetLimit !== undefined;
        let firstOfVenue = venueLimit !== undefined;
        for (let j = 0; j < i; j++) {
          if (legs[j]?.base === leg.base) firstOfAsset = false;
          if (legs[j]?.venue === leg.venue) firstOfVenue = false;
        }
        if (firstOfAsset && assetLimit !== undefined) {
          const open = (assetBooks[i] as AssetBook).reserved.get() + positionValue(leg.base);
          if (Number.isNaN(open)) return reject(RiskReason.UNVALUED_EXPOSURE, { asset: leg.base });
          let need = 0;
          for (let j = i; j < legs.length; j++) if (legs[j]?.base === leg.base) need += legs[j]?.value ?? 0;
          consider(RiskReason.ASSET_EXPOSURE_LIMIT, leg.base, open, need, assetLimit);
        }
        if (firstOfVenue && venueLimit !== undefined) {
          let need = 0;
          for (let j = i; j < legs.length; j++) if (legs[j]?.venue === leg.venue) need += legs[j]?.value ?? 0;
          consider(RiskReason.VENUE_EXPOSURE_LIMIT, leg.venue, (venueSums[i] as CountedSum).get(), need, venueLimit);
        }
      }
    }
    if (o.maxTotalExposure !== undefined) {
      const open = total.get() + positionsValue;
      if (Number.isNaN(open)) return reject(RiskReason.UNVALUED_EXPOSURE, { asset: '*' });
      consider(RiskReason.TOTAL_EXPOSURE_LIMIT, '*', open, requestedTotal, o.maxTotalExposure);
    }
    if (binding.scale >= 1) return approve();
    const details: RiskDetails = {
      key: String(binding.key),
      exposure: binding.exposure,
      requested: binding.requested,
      limit: binding.limit,
    };
    return binding.scale > 0 ? resizeBy(binding.scale, binding.code, details) : reject(binding.code, details);
  };

  return {
    name: o.name,
    requires: [],
    evaluate: (candidate, context) => evaluate(candidate, context.now),
    onApproved(candidate, now) {
      const reservation = resolve(candidate);
      resolved = undefined; // reserved once: a later approval of the same legs resolves again
      const { legs, assetBooks, venueSums } = reservation;
      for (let i = 0; i < legs.length; i++) {
        const leg = legs[i] as CandidateLeg;
        const book = assetBooks[i] as AssetBook;
        book.reserved.add(leg.value);
        book.unitValue = leg.value / leg.amount;
        venueSums[i]?.add(leg.value);
        total.add(leg.value);
      }
      const replaced = reservations.add(candidate.opportunity.id, reservation, now);
      if (replaced !== undefined) unreserve(replaced);
    },
    connect(env) {
      clock = env.clock;
      return env.reports$.subscribe((report) => {
        const released = reservations.release(report.opportunityId);
        if (released !== undefined) unreserve(released);
        let changed = false;
        for (const [asset, amount] of Object.entries(report.residual)) {
          if (amount.isZero()) continue;
          const leg = released?.legs.find((l) => l.base === asset);
          const unitValue = leg === undefined ? (assets.get(asset)?.unitValue ?? Number.NaN) : leg.value / leg.amount;
          const position = positions.get(asset);
          if (position === undefined) positions.set(asset, { amount, unitValue, value: Number.NaN });
          else {
            position.amount = position.amount.plus(amount);
            if (!Number.isNaN(unitValue)) position.unitValue = unitValue;
            if (position.amount.isZero()) positions.delete(asset);
          }
          changed = true;
        }
        if (changed) revaluePositions();
      });
    },
    exposure() {
      if (clock !== undefined) expire(clock.now());
      return {
        total: total.get() + positionsValue,
        byAsset: Object.fromEntries(
          [...new Set([...[...assets].filter(([, b]) => b.reserved.count > 0).map(([a]) => a), ...positions.keys()])].map((a) => [
            a,
            reservedOfAsset(a) + positionValue(a),
          ]),
        ),
        byVenue: Object.fromEntries(byVenue.entries()),
        pending: reservations.size,
        positions: Object.fromEntries([...positions].map(([a, p]) => [a, p.amount.toString()])),
      };
    },
  };
}
