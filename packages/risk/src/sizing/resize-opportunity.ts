import {
  Decimal,
  type DecimalLike,
  type Market,
  type Opportunity,
  type OpportunityLeg,
  orderViolations,
  PositiveDecimal,
  parseWith,
  toDecimal,
} from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import type { RiskDetails } from '../decision/verdict';
import { decimalToNumber } from '../policy/decimal-number';
import type { MarketSource } from '../policy/market-source';
import { groupStep } from './common-step';
import { floorToStep, safeFloor } from './scaled-units';
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

/** Legs trading the same base asset with the same amount; they are rounded together. */
interface LegGroup {
  readonly base: string;
  readonly amount: Decimal;
  readonly amountNumber: number;
  readonly steps: Decimal[];
  step: Decimal;
  next: Decimal;
  /** `next` as a number, for comparing groups. */
  nextNumber: number;
  /** next / amount, computed once the common factor is settled. */
  ratio: Decimal | undefined;
}

/** The scale as both a number (estimates) and a Decimal (exact checks, built only when one is needed). */
class ScaleFactor {
  readonly number: number;
  #decimal: Decimal | undefined;

  constructor(number: number, decimal?: Decimal) {
    this.number = number;
    this.#decimal = decimal;
  }

  get decimal(): Decimal {
    this.#decimal ??= toDecimal(this.number);
    return this.#decimal;
  }
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
 * Rounding is estimated in floating point and settled in Decimal whenever
 * the estimate lies near a grid point, so the result is exactly that of the
 * Decimal arithmetic at a fraction of its cost.
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
  const factor = scaleFactor(scale);
  const legMarkets: Market[] = [];
  const groups: LegGroup[] = [];
  const groupOf: LegGroup[] = [];
  for (const [index, leg] of opportunity.legs.entries()) {
    const market = markets.find(leg.venue, leg.symbol);
    if (market === undefined)
      return { ok: false, code: RiskReason.UNKNOWN_MARKET, details: { leg: index, venue: leg.venue, symbol: leg.symbol } };
    legMarkets.push(market);
    let group = groups.find((g) => g.base === market.base && (g.amount === leg.amount || g.amount.eq(leg.amount)));
    if (group === undefined) {
      const amountNumber = decimalToNumber(leg.amount);
      group = {
        base: market.base,
        amount: leg.amount,
        amountNumber,
        steps: [],
        step: market.precision.amount,
        next: leg.amount,
        nextNumber: amountNumber,
        ratio: undefined,
      };
      groups.push(group);
    }
    group.steps.push(market.precision.amount);
    groupOf.push(group);
  }
  for (const group of groups) {
    group.step = groupStep(group.steps);
    const units = safeFloor((group.amountNumber * factor.number) / decimalToNumber(group.step));
    setNext(group, units, () => group.amount.times(factor.decimal));
  }
  // The group that shrank most sets the common factor next_m / amount_m; the others are rounded down at it.
  if (groups.length > 1) {
    let smallest = groups[0] as LegGroup;
    for (const group of groups) if (shrankMore(group, smallest)) smallest = group;
    for (const group of groups) {
      if (group === smallest) continue;
      const units = safeFloor((group.amountNumber * smallest.nextNumber) / smallest.amountNumber / decimalToNumber(group.step));
      // Multiplying before dividing keeps the quotient exact whenever it lands on a grid point.
      setNext(group, units, () => group.amount.times(smallest.next).div(smallest.amount));
    }
  }

  const legs: OpportunityLeg[] = [];
  let ratio: Decimal | undefined;
  for (const [index, leg] of opportunity.legs.entries()) {
    const market = legMarkets[index];
    const group = groupOf[index];
    if (market === undefined || group === undefined) continue;
    // The group's step is a multiple of this market's step, so `next` is already on the market's grid.
    const amount = group.next;
    const where = { leg: index, venue: leg.venue, symbol: leg.symbol };
    if (amount.isZero()) {
      return {
        ok: false,
        code: RiskReason.RESIZE_TO_ZERO,
        details: {
          ...where,
          amount: leg.amount.toString(),
          scaled: leg.amount.times(factor.decimal).toString(),
          step: group.step.toString(),
        },
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
    group.ratio ??= amount.div(group.amount);
    if (ratio === undefined || group.ratio.lt(ratio)) ratio = group.ratio;
    legs.push({ ...leg, amount });
  }
  const finalRatio = ratio ?? ONE;
  const { expected } = opportunity;
  return {
    ok: true,
    ratio: finalRatio,
    opportunity: {
      ...opportunity,
      legs,
      expected: {
        ...expected,
        gross: expected.gross.times(finalRatio),
        fees: expected.fees.times(finalRatio),
        net: expected.net.times(finalRatio),
        notional: expected.notional.times(finalRatio),
      },
    },
  };
}

const ONE = new Decimal(1);

/** The scale argument checked: a number in (0, 1] is taken as it is; anything else goes through the schema. */
function scaleFactor(scale: DecimalLike): ScaleFactor {
  if (typeof scale === 'number' && scale > 0 && scale <= 1) return new ScaleFactor(scale);
  const { scale: parsed } = parseWith(ResizeArgs, { scale }, 'resize scale');
  return new ScaleFactor(decimalToNumber(parsed), parsed);
}

/** Sets a group's rounded amount: `units` steps when the estimate settled it, else ⌊exact / step⌋ in Decimal. */
function setNext(group: LegGroup, units: number | undefined, exact: () => Decimal): void {
  if (units !== undefined) {
    group.next = units === 0 ? ZERO : group.step.times(units);
    group.nextNumber = units * decimalToNumber(group.step);
  } else {
    group.next = floorToStep(exact(), group.step);
    group.nextNumber = decimalToNumber(group.next);
  }
}

const ZERO = new Decimal(0);

/** `true` when `a` kept a smaller fraction of its amount than `b` (next_a / amount_a < next_b / amount_b). */
function shrankMore(a: LegGroup, b: LegGroup): boolean {
  const left = a.nextNumber * b.amountNumber;
  const right = b.nextNumber * a.amountNumber;
  // Clearly apart in floating point, or too close to call: then compare exactly.
  if (Math.abs(left - right) > 1e-9 * Math.max(Math.abs(left), Math.abs(right))) return left < right;
  return a.next.times(b.amount).lt(b.next.times(a.amount));
}
