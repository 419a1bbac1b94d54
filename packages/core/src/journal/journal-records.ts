import { z } from 'zod';
import { BalanceSchema } from '../model/balance';
import { ExecutionReportSchema } from '../model/execution-report';
import { FillSchema, OrderSchema, OrderTypeSchema, TimeInForceSchema } from '../model/order';
import { parseWith } from '../model/parse';
import { DecimalSchema, Id, PositiveDecimal, SideSchema } from '../model/primitives';

/**
 * What an order was for: a leg of an opportunity, a repair of a partial
 * fill, a flatten after an emergency stop, or an order found on the venue
 * and adopted during reconciliation.
 *
 * @example
 * ```ts
 * OrderRoleSchema.parse('repair');
 * ```
 */
export const OrderRoleSchema = z.enum(['leg', 'repair', 'flatten', 'adopted']);
/**
 * `'leg' | 'repair' | 'flatten' | 'adopted'`: see {@link OrderRoleSchema}.
 *
 * @example
 * ```ts
 * const role: OrderRole = 'leg';
 * ```
 */
export type OrderRole = z.infer<typeof OrderRoleSchema>;

const IntentLeg = z.object({
  legIndex: z.number().int().nonnegative(),
  venue: Id,
  symbol: Id,
  side: SideSchema,
  amount: PositiveDecimal,
  price: PositiveDecimal,
  clientOrderId: Id,
});

const OrderSent = z.object({
  opportunityId: Id,
  role: OrderRoleSchema,
  legIndex: z.number().int().nonnegative(),
  clientOrderId: Id,
  venue: Id,
  symbol: Id,
  side: SideSchema,
  type: OrderTypeSchema,
  amount: PositiveDecimal,
  price: PositiveDecimal.optional(),
  timeInForce: TimeInForceSchema,
});

/**
 * Every record the journal holds, by `type`:
 * - `intent`: an execution is about to send these legs (written before any order);
 * - `order-sent`: an order is about to be placed (written before `placeOrder`);
 * - `order`: the latest known state of an order;
 * - `fill`: one fill of an order;
 * - `decision`: a choice the executor made (repair, skip, resolve), with details;
 * - `report`: an execution finished;
 * - `halt`: trading stopped (emergency stop, journal failure, shutdown);
 * - `resume`: trading resumed after a halt;
 * - `balances`: a venue's balances, the baseline expected balances start from;
 * - `reconcile`: the outcome of a restart reconciliation.
 *
 * @example
 * ```ts
 * const record = JournalRecordSchema.parse({ type: 'halt', data: { reason: 'kill switch', source: 'kill-switch' } });
 * ```
 */
export const JournalRecordSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('intent'),
    data: z.object({ opportunityId: Id, currency: Id, legs: z.array(IntentLeg) }),
  }),
  z.object({ type: z.literal('order-sent'), data: OrderSent }),
  z.object({ type: z.literal('order'), data: z.object({ opportunityId: Id.optional(), order: OrderSchema }) }),
  z.object({ type: z.literal('fill'), data: z.object({ opportunityId: Id.optional(), fill: FillSchema }) }),
  z.object({
    type: z.literal('decision'),
    data: z.object({ opportunityId: Id.optional(), action: Id, detail: z.record(z.string(), z.unknown()).default({}) }),
  }),
  z.object({ type: z.literal('report'), data: z.object({ report: ExecutionReportSchema }) }),
  z.object({ type: z.literal('halt'), data: z.object({ reason: z.string(), source: Id }) }),
  z.object({ type: z.literal('resume'), data: z.object({ reason: z.string() }) }),
  z.object({ type: z.literal('balances'), data: z.object({ venue: Id, balances: z.array(BalanceSchema) }) }),
  z.object({
    type: z.literal('reconcile'),
    data: z.object({
      resolved: z.number().int().nonnegative(),
      strays: z.number().int().nonnegative(),
      drift: z.array(z.object({ venue: Id, asset: Id, expected: DecimalSchema, actual: DecimalSchema, diff: DecimalSchema })),
    }),
  }),
]);
/**
 * A journal record as read back (decimals as `Decimal`): see {@link JournalRecordSchema}.
 *
 * @example
 * ```ts
 * if (record.type === 'fill') console.log(record.data.fill.amount.toString());
 * ```
 */
export type JournalRecord = z.output<typeof JournalRecordSchema>;
/**
 * A record to append (decimals as `Decimal`, strings or numbers).
 *
 * @example
 * ```ts
 * const input: JournalRecordInput = { type: 'resume', data: { reason: 'operator' } };
 * ```
 */
export type JournalRecordInput = z.input<typeof JournalRecordSchema>;

/**
 * Validates an entry's `type` and `data` as a {@link JournalRecord}.
 *
 * @example
 * ```ts
 * for (const entry of await readJournal(path)) {
 *   const record = parseJournalRecord(entry);
 *   if (record.type === 'order') console.log(record.data.order.status);
 * }
 * ```
 */
export function parseJournalRecord(entry: { readonly type: string; readonly data: unknown }): JournalRecord {
  return parseWith(JournalRecordSchema, { type: entry.type, data: entry.data }, 'journal record');
}
