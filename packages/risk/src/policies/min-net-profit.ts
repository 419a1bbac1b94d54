import { DecimalSchema, parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, reject } from '../decision/verdict';
import { decimalToNumber } from '../policy/decimal-number';
import type { RiskPolicy } from '../policy/risk-policy';

/** Options of {@link minNetProfit}. */
export const MinNetProfitOptionsSchema = z.object({
  /** Smallest acceptable expected net profit after fees, in the opportunity's currency. */
  minNet: DecimalSchema,
  /** When set, opportunities in another currency are rejected with `CURRENCY_MISMATCH`. */
  currency: z.string().min(1).optional(),
  name: z.string().min(1).default('minNetProfit'),
});
/** What {@link minNetProfit} accepts. */
export type MinNetProfitOptions = z.input<typeof MinNetProfitOptionsSchema>;

/**
 * Rejects opportunities whose expected net profit (after fees) is below
 * `minNet` with `MIN_NET_PROFIT` (details: `net`, `minNet`). The comparison
 * is exact (Decimal). Place it after sizing policies: a resize shrinks the
 * profit, and the floor then judges the resized opportunity.
 *
 * @example
 * ```ts
 * const gate = riskGate([notionalLimits({ maxOrderNotional: 1_000 }), minNetProfit({ minNet: '0.5', currency: 'USDT' })], ctx);
 * ```
 */
export function minNetProfit(options: MinNetProfitOptions): RiskPolicy {
  const { minNet, currency, name } = parseWith(MinNetProfitOptionsSchema, options, 'minNetProfit options');
  const minNetText = minNet.toString();
  const minNetNumber = decimalToNumber(minNet);
  return {
    name,
    evaluate(candidate) {
      if (currency !== undefined && candidate.currency !== currency) {
        return reject(RiskReason.CURRENCY_MISMATCH, { currency: candidate.currency, expected: currency });
      }
      // Correctly rounded conversion keeps order: unequal doubles decide exactly; equal ones need the decimals.
      if (candidate.net > minNetNumber) return approve();
      const { net } = candidate.opportunity.expected;
      if (candidate.net === minNetNumber && net.gte(minNet)) return approve();
      return reject(RiskReason.MIN_NET_PROFIT, { net: net.toString(), minNet: minNetText });
    },
  };
}
