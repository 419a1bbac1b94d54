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
import { RiskReason } from '../../src/decision/reason-code';
import type { MarketSource } from '../../src/policy/market-source';
import { commonStep } from '../../src/sizing/common-step';
import type { ResizeResult } from '../../src/sizing/resize-opportunity';

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
 * The Decimal-only resize, kept as the reference `resizeOpportunity` must
 * equal: every rounding done in decimal.js, as the first implementation did.
 */
export function resizeOpportunityReference(opportunity: Opportunity, scale: DecimalLike, markets: MarketSource): ResizeResult {
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
