import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, reject, resizeBy } from '../decision/verdict';
import type { RiskPolicy } from '../policy/risk-policy';
import { depthWithin } from './depth-within';

/** Options of {@link minLiquidity}. */
export const MinLiquidityOptionsSchema = z.object({
  /** Width of the band from the touch in which depth counts, basis points. */
  withinBps: z.number().nonnegative().refine(Number.isFinite, { message: 'must be finite' }),
  /** Depth required as a multiple of the leg amount (default 1: the whole leg must rest within the band; 2 = twice the leg). */
  coverage: z.number().positive().refine(Number.isFinite, { message: 'must be finite' }).default(1),
  /** `resize` (default) shrinks the legs to what the depth covers; `reject` refuses instead. */
  mode: z.enum(['resize', 'reject']).default('resize'),
  name: z.string().min(1).default('minLiquidity'),
});
/** What {@link minLiquidity} accepts. */
export type MinLiquidityOptions = z.input<typeof MinLiquidityOptionsSchema>;

/**
 * Requires enough depth within `withinBps` of the touch on the side each leg
 * takes (asks for a buy, bids for a sell), read from the gate's latest books:
 * `depth ≥ coverage × amount`. Short of it, the opportunity is resized to
 * the scale the thinnest leg covers, or rejected in `reject` mode (or when
 * the band is empty), with `INSUFFICIENT_LIQUIDITY` (details `venue`,
 * `symbol`, `depth`, `required`, `withinBps`). `MISSING_BOOK` when a leg's
 * market has no book yet.
 *
 * @example
 * ```ts
 * minLiquidity({ withinBps: 10, coverage: 2 }); // twice each leg within 0.1 % of the touch
 * ```
 */
export function minLiquidity(options: MinLiquidityOptions): RiskPolicy {
  const o = parseWith(MinLiquidityOptionsSchema, options, 'minLiquidity options');
  return {
    name: o.name,
    requires: ['books$'],
    evaluate(candidate, context) {
      let scale = 1;
      let binding: { venue: string; symbol: string; depth: number; required: number; withinBps: number } | undefined;
      for (const leg of candidate.legs) {
        const book = context.book(leg.venue, leg.symbol);
        if (book === undefined) return reject(RiskReason.MISSING_BOOK, { venue: leg.venue, symbol: leg.symbol });
        const required = o.coverage * leg.amount;
        const depth = depthWithin(book, leg.side, o.withinBps, required);
        const s = depth / required;
        if (s < scale) {
          scale = s;
          binding = { venue: leg.venue, symbol: leg.symbol, depth, required, withinBps: o.withinBps };
        }
      }
      if (binding === undefined || scale >= 1) return approve();
      if (o.mode === 'reject' || scale <= 0) return reject(RiskReason.INSUFFICIENT_LIQUIDITY, binding);
      return resizeBy(scale, RiskReason.INSUFFICIENT_LIQUIDITY, binding);
    },
  };
}
