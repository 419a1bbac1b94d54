import {
  Decimal,
  type Market,
  type OpportunityLeg,
  type OrderBookView,
  orderViolations,
  PositiveDecimal,
  parseWith,
  roundAmount,
  roundToStep,
  ValidationError,
} from '@arbot/core';
import { z } from 'zod';
import { SplitOrderError } from '../errors/split-order-error';
import { depthWithin } from '../policies/depth-within';

const isObject = (v: unknown): boolean => v !== null && typeof v === 'object';

/** Options of {@link splitOrder}. */
export const SplitOrderOptionsSchema = z
  .object({
    /** The leg's market (steps and limits). */
    market: z.custom<Market>((v) => isObject(v) && 'precision' in (v as object), { message: 'must be a Market' }),
    /** The leg's current book: children are capped at `participation` × the depth within `withinBps` of the touch. */
    book: z.custom<OrderBookView>((v) => isObject(v) && typeof (v as { askPrice?: unknown }).askPrice === 'function').optional(),
    /** Largest notional of one child, in quote, at the leg's price limit. */
    maxChildNotional: PositiveDecimal.optional(),
    /** Fraction of the depth within the band one child may take (default 0.5). */
    participation: z.number().gt(0).lte(1).default(0.5),
    /** Band from the touch in which depth counts, basis points (default 10). */
    withinBps: z.number().nonnegative().refine(Number.isFinite, { message: 'must be finite' }).default(10),
    /** Refuse to produce more children than this (default 1000). */
    maxChildren: z.number().int().positive().default(1000),
  })
  .refine((o) => o.book !== undefined || o.maxChildNotional !== undefined, { message: 'give a book and/or maxChildNotional' });
/** What {@link splitOrder} accepts. */
export type SplitOrderOptions = z.input<typeof SplitOrderOptionsSchema>;

/**
 * Cuts a large leg into child legs an executor can work one after another.
 * The child cap is the smaller of `maxChildNotional / priceLimit` and
 * `participation × depth within withinBps of the touch`, rounded down to the
 * amount step. The leg is cut into `n = ⌈amount / cap⌉` children as equal as
 * the step allows (sizes differ by at most one step, larger first), so they
 * add up exactly to the leg (rounded down to its step) and none exceeds the
 * cap. Every child keeps the leg's price limit and expected price and is
 * checked against the market's limits.
 *
 * Throws `SplitOrderError`: `NO_LIQUIDITY` (cap rounds to zero),
 * `CHILD_BELOW_MINIMUM` (children that small break the market's minimums;
 * `context.violation` holds the market's code) or `TOO_MANY_CHILDREN`;
 * a `ValidationError` for bad options or a market that is not the leg's.
 *
 * @example
 * ```ts
 * // 1 BTC at limit 30 000, at most 10 000 USDT per child → cap 0.3333 → 4 children
 * splitOrder(leg, { market: btcUsdt, maxChildNotional: 10_000 }).map((c) => c.amount.toString());
 * // ['0.25', '0.25', '0.25', '0.25']
 * ```
 */
export function splitOrder(leg: OpportunityLeg, options: SplitOrderOptions): OpportunityLeg[] {
  const o = parseWith(SplitOrderOptionsSchema, options, 'splitOrder options');
  const { market } = o;
  if (market.venue !== leg.venue || market.symbol !== leg.symbol) {
    throw new ValidationError('splitOrder options', [
      { field: 'market', value: `${market.venue} ${market.symbol}`, message: `is not the leg's market ${leg.venue} ${leg.symbol}` },
    ]);
  }
  const step = market.precision.amount;
  const total = roundAmount(market, leg.amount);
  let cap = total;
  const where = { venue: leg.venue, symbol: leg.symbol, amount: total.toString(), step: step.toString() };
  let depth: number | undefined;
  if (o.maxChildNotional !== undefined) cap = Decimal.min(cap, roundToStep(o.maxChildNotional.div(leg.priceLimit), step, 'down'));
  if (o.book !== undefined) {
    depth = depthWithin(o.book, leg.side, o.withinBps);
    cap = Decimal.min(cap, roundToStep(new Decimal(depth).times(o.participation), step, 'down'));
  }
  if (cap.isZero()) {
    throw new SplitOrderError('NO_LIQUIDITY', `${leg.venue} ${leg.symbol}: the child cap rounds to zero`, {
      ...where,
      depth: depth ?? null,
      maxChildNotional: o.maxChildNotional?.toString() ?? null,
    });
  }
  const units = total.div(step);
  const count = total.div(cap).ceil();
  if (count.gt(o.maxChildren)) {
    throw new SplitOrderError('TOO_MANY_CHILDREN', `${leg.venue} ${leg.symbol}: ${count.toString()} children would be needed`, {
      ...where,
      cap: cap.toString(),
      children: count.toNumber(),
      maxChildren: o.maxChildren,
    });
  }
  const n = count.toNumber();
  const baseUnits = units.div(n).floor();
  const larger = units.minus(baseUnits.times(n)).toNumber();
  const small = baseUnits.times(step);
  const big = small.plus(step);
  for (const amount of larger > 0 ? [small, big] : [small]) {
    if (amount.isZero()) continue;
    const violation = orderViolations(market, { side: leg.side, amount, price: leg.priceLimit })[0];
    if (violation !== undefined) {
      throw new SplitOrderError(
        'CHILD_BELOW_MINIMUM',
        `${leg.venue} ${leg.symbol}: a child of ${amount.toString()} is refused (${violation.code})`,
        {
          ...where,
          child: amount.toString(),
          violation: violation.code,
        },
      );
    }
  }
  const children: OpportunityLeg[] = [];
  for (let i = 0; i < n; i++) children.push({ ...leg, amount: i < larger ? big : small });
  return children;
}
