import { z } from 'zod';
import { FillSchema, OrderSchema } from './order';
import { parseWith } from './parse';
import { DecimalSchema, Id, NonNegativeDecimal, TimestampMs } from './primitives';

/** What happened to one leg of an executed opportunity. */
export const LegExecutionSchema = z.object({
  legIndex: z.number().int().nonnegative(),
  venue: Id,
  symbol: Id,
  side: z.enum(['buy', 'sell']),
  requested: NonNegativeDecimal,
  filled: NonNegativeDecimal,
  /** Average fill price, when anything filled. */
  average: DecimalSchema.optional(),
  orders: z.array(OrderSchema),
  fills: z.array(FillSchema),
});
/** One leg's execution: see {@link LegExecutionSchema}. */
export type LegExecution = z.output<typeof LegExecutionSchema>;

/**
 * The outcome of executing one opportunity: every order and fill, any repair
 * orders placed to close residual exposure, and the realized PnL including
 * fees. `status` is `filled` (all legs complete), `repaired` (partial fills
 * were completed or unwound), `partial` (exposure remains), `failed` (nothing
 * filled) or `rejected` (refused before sending).
 */
export const ExecutionReportSchema = z.object({
  opportunityId: Id,
  status: z.enum(['filled', 'repaired', 'partial', 'failed', 'rejected']),
  legs: z.array(LegExecutionSchema),
  repairs: z.array(LegExecutionSchema).default([]),
  currency: Id,
  /** Realized PnL of the whole execution in `currency`, fees included. */
  realizedPnl: DecimalSchema,
  /** Fees of the whole execution, valued in `currency`. */
  fees: DecimalSchema,
  /** Residual base exposure per asset left open (empty when flat). */
  residual: z.record(z.string(), DecimalSchema).default({}),
  startedAt: TimestampMs,
  finishedAt: TimestampMs,
  reason: z.string().optional(),
});
/** An execution report: see {@link ExecutionReportSchema}. */
export type ExecutionReport = z.output<typeof ExecutionReportSchema>;

/**
 * Validates an execution report.
 *
 * @example
 * ```ts
 * parseExecutionReport({ opportunityId: 'op-1', status: 'failed', legs: [], currency: 'USDT',
 *   realizedPnl: '0', fees: '0', startedAt: 0, finishedAt: 1 });
 * ```
 */
export function parseExecutionReport(input: unknown): ExecutionReport {
  return parseWith(ExecutionReportSchema, input, 'execution report');
}
