import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { OrderRole } from '../journal/journal-records';
import { parseWith } from '../model/parse';
import { Id } from '../model/primitives';

const ROLE_LETTER: Readonly<Record<OrderRole, string>> = { leg: 'L', repair: 'R', flatten: 'F', adopted: 'A' };

/**
 * A client order id prefix: 1–8 letters or digits. Every id the executor
 * makes starts with it followed by `-`, which is how reconciliation tells
 * this bot's orders from others.
 *
 * @example
 * ```ts
 * ClientOrderIdPrefixSchema.parse('arb'); // 'arb'
 * ```
 */
export const ClientOrderIdPrefixSchema = z.string().regex(/^[A-Za-z0-9]{1,8}$/, { message: 'must be 1-8 letters or digits' });

const Args = z.object({
  prefix: ClientOrderIdPrefixSchema,
  opportunityId: Id,
  role: z.enum(['leg', 'repair', 'flatten', 'adopted']),
  legIndex: z.number().int().min(0).max(99),
  attempt: z.number().int().min(0).max(999),
});

/**
 * The idempotent client order id of one order of an execution:
 * `<prefix>-<first 16 hex of SHA-256(opportunityId)>-<role letter><leg index>-<attempt>`
 * (role letters: `L` leg, `R` repair, `F` flatten, `A` adopted). The same
 * opportunity, leg and attempt always give the same id, so a retried or
 * replayed placement is refused by the venue as a duplicate instead of
 * trading twice. At most 36 characters of `[A-Za-z0-9-]`, which every major
 * venue accepts (Binance allows 36).
 *
 * @example
 * ```ts
 * clientOrderIdFor('arb', 'op-42', 'leg', 1, 0); // 'arb-<16 hex>-L1-0'
 * ```
 */
export function clientOrderIdFor(prefix: string, opportunityId: string, role: OrderRole, legIndex: number, attempt: number): string {
  const a = parseWith(Args, { prefix, opportunityId, role, legIndex, attempt }, 'client order id');
  const digest = createHash('sha256').update(a.opportunityId, 'utf8').digest('hex').slice(0, 16);
  return `${a.prefix}-${digest}-${ROLE_LETTER[a.role]}${a.legIndex}-${a.attempt}`;
}

/**
 * `true` when `clientOrderId` was made by {@link clientOrderIdFor} with this prefix.
 *
 * @example
 * ```ts
 * isOwnClientOrderId('arb', order.clientOrderId); // true for the bot's own orders
 * ```
 */
export function isOwnClientOrderId(prefix: string, clientOrderId: string | undefined): boolean {
  return clientOrderId !== undefined && new RegExp(`^${prefix}-[0-9a-f]{16}-[LRFA]\\d{1,2}-\\d{1,3}$`).test(clientOrderId);
}
