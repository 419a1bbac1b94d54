import {
  Decimal,
  type DecimalLike,
  type Market,
  type Opportunity,
  type OpportunityLeg,
  orderViolations,
  PositiveDecimal,
  parseWith,
  roundAmount,
  roundToStep,
} from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import type { RiskDetails } from '../decision/verdict';
import type { MarketSource } from '../policy/market-source';
import { commonStep } from './common-step';

/** A successful resize: the smaller opportunity and its size relative to the input. */
export interface ResizeSuccess {
  readonly ok: true;
  readonly opportunity: Opportunity;
  /** The smallest leg ratio new/old amount; expected figures were scaled by it. */
  readonly ratio: Decimal;
}

/** A resize that cannot produce a valid order set, with the reason code and the numbers. */
export interface ResizeFailure {
  readonly ok: false;
  readonly code: typeof RiskReason.UNKNOWN_MARKET | typeof RiskReason.RESIZE_TO_ZERO | typeof RiskReason.RESIZE_INVALID;
  readonly details: RiskDetails;
}

/**
 * What {@link resizeOpportunity} returns.
 *
 * @example
 * ```ts
 * const r: ResizeResult = resizeOpportunity(op, 0.5, catalog);
 * if (!r.ok) console.log(r.code, r.details);
 * ```
 */
export type ResizeResult = ResizeSuccess | ResizeFailure;

const ScaleSchema = PositiveDecimal.refine((d) => d.lte(1), { message: 'must be <= 1 (a resize never enlarges)' });
const ResizeArgs = z.object({ scale: ScaleSchema });

interface LegGroup {
  readonly base: string;
  readonly amount: Decimal;
  readonly markets: Market[];
  step: Decimal;
  next: Decimal;
}

/**
 * Scales every leg of an opportunity by `scale` (0 < scale ≤ 1) and rounds
 * each amount down to its market's amount step, then re-checks each leg
 * against the market's limits with `orderViolations`.
 *
 * - Legs trading the same base asset with the same amount (the two legs of a
 *   spatial arbitrage) stay equal: they are rounded on the least common
 *   multiple of their steps.
 * - Other legs (the hops of a triangle) scale proportionally: the common
 *   factor is the smallest ratio any group reaches after rounding, and every
 *   group is rounded down at that factor, so no leg grows relative to
 *   another by more than one amount step.
 * - Expected gross, fees, net and notional are scaled by the final smallest
 *   leg ratio (Decimal); `netBps` is unchanged.
 *
 * Fails with `UNKNOWN_MARKET`, `RESIZE_TO_ZERO` (a leg rounds to nothing) or
 * `RESIZE_INVALID` (`details.violation` is the market's code, e.g.
 * `MIN_NOTIONAL`). Throws a `ValidationError` for a scale outside (0, 1].
 *
 * @example
 * ```ts
 * // legs of 0.5 BTC, amount step 0.0001 → 0.5 × 0.3333 = 0.16665 → 0.1666
 * const r = resizeOpportunity(op, '0.3333', catalog);
 * if (r.ok) r.opportunity.legs[0]?.amount.toString(); // '0.1666'
 * ```
 */
export function resizeOpportunity(opportunity: Opportunity, scale: DecimalLike, markets: MarketSource): ResizeResult {
  const { scale: factor } = parseWith(ResizeArgs, { scale }, 'resize scale');
  const legMarkets: Market[] = [];
  const groups: LegGroup[] = [];
  const groupOf: LegGroup[] = [];
  for (const [index, leg] of opportunity.legs.entries()) {
    const market = markets.find(leg.venue, leg.symbol);
    if (market === undefined)
      return { ok: false, code: RiskReason.UNKNOWN_MARKET, details: { leg: index, venue: leg.venue, symbol: leg.symbol } };
    legMarkets.push(market);
    let group = groups.find((g) => g.base === market.base && g.amount.eq(leg.amount));
    if (group === undefined) {
      group = { base: market.base, amount: leg.amount, markets: [], step: market.precision.amount, next: leg.amount };
      groups.push(group);
    }
    group.markets.push(market);
    groupOf.push(group);
  }
  for (const group of groups) {
    group.step = group.markets.length === 1 ? group.step : commonStep(group.markets.map((m) => m.precision.amount));
    group.next = roundToStep(group.amount.times(factor), group.step, 'down');
  }
  // The group that shrank most sets the common factor next_m / amount_m; the
  // others are rounded down at it. Multiplying before dividing keeps the
  // quotient exact whenever it lands on a grid point.
  let smallest = groups[0];
  for (const group of groups) {
    if (smallest !== undefined && group.next.times(smallest.amount).lt(smallest.next.times(group.amount))) smallest = group;
  }
  if (smallest !== undefined) {
    for (const group of groups) {
      if (group === smallest) continue;
      group.next = roundToStep(group.amount.times(smallest.next).div(smallest.amount), group.step, 'down');
    }
  }

  const legs: OpportunityLeg[] = [];
  let ratio = new Decimal(1);
  for (const [index, leg] of opportunity.legs.entries()) {
    const market = legMarkets[index];
    const group = groupOf[index];
    if (market === undefined || group === undefined) continue;
    const amount = roundAmount(market, group.next);
    const where = { leg: index, venue: leg.venue, symbol: leg.symbol };
    if (amount.isZero()) {
      return {
        ok: false,
        code: RiskReason.RESIZE_TO_ZERO,
        details: { ...where, amount: leg.amount.toString(), scaled: leg.amount.times(factor).toString(), step: group.step.toString() },
      };
    }
    const violation = orderViolations(market, { side: leg.side, amount, price: leg.priceLimit })[0];
    if (violation !== undefined) {
      return {
        ok: false,
        code: RiskReason.RESIZE_INVALID,
        details: { ...where, violation: violation.code, amount: amount.toString(), message: violation.message },
      };
    }
    ratio = Decimal.min(ratio, amount.div(leg.amount));
    legs.push({ ...leg, amount });
  }
  const { expected } = opportunity;
  return {
    ok: true,
    ratio,
    opportunity: {
      ...opportunity,
      legs,
      expected: {
        ...expected,
        gross: expected.gross.times(ratio),
        fees: expected.fees.times(ratio),
        net: expected.net.times(ratio),
        notional: expected.notional.times(ratio),
      },
    },
  };
}
