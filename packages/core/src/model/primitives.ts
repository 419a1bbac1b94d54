import { z } from 'zod';
import { type Decimal, isDecimal, toDecimal } from '../money/decimal';

/** A finite number (no NaN, no ±Infinity). */
export const FiniteNumber = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

/** A strictly positive finite number (prices and amounts on the hot path). */
export const PositiveNumber = z.number().positive().refine(Number.isFinite, { message: 'must be a finite number' });

/** A finite number ≥ 0. */
export const NonNegativeNumber = z.number().nonnegative().refine(Number.isFinite, { message: 'must be a finite number' });

/** A timestamp in milliseconds since the Unix epoch. */
export const TimestampMs = z.number().int().nonnegative();

/** A non-empty identifier string. */
export const Id = z.string().min(1);

/**
 * Schema for money values: accepts a `Decimal`, a decimal string or a finite
 * number and yields a `Decimal`. Rejects NaN, infinities and malformed strings.
 *
 * @example
 * ```ts
 * DecimalSchema.parse('0.001').toString(); // '0.001'
 * ```
 */
export const DecimalSchema = z
  .union([z.custom<Decimal>(isDecimal, { message: 'must be a Decimal' }), z.string(), z.number()])
  .transform((value, ctx) => {
    try {
      const d = toDecimal(value);
      if (!d.isFinite()) {
        ctx.addIssue({ code: 'custom', message: 'must be a finite decimal' });
        return z.NEVER;
      }
      return d;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a decimal number' });
      return z.NEVER;
    }
  });

/** A {@link DecimalSchema} value that must be ≥ 0. */
export const NonNegativeDecimal = DecimalSchema.refine((d) => d.gte(0), { message: 'must be >= 0' });

/** A {@link DecimalSchema} value that must be > 0. */
export const PositiveDecimal = DecimalSchema.refine((d) => d.gt(0), { message: 'must be > 0' });

/** Order side: `buy` takes asks, `sell` takes bids. */
export const SideSchema = z.enum(['buy', 'sell']);
/** Order side. */
export type Side = z.infer<typeof SideSchema>;
