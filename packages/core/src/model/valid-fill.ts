import type { Fill } from './order';
import { asNonNegativeDecimal, asPositiveDecimal, isId, isRecord, isSide, isTimestampMs } from './primitive-guards';

/**
 * What `FillSchema` outputs for `input` when it already passes the schema as
 * it is (a fill built by core or a venue: Decimals, known side and
 * liquidity), else `undefined`, and the caller runs the schema for its
 * result or its ValidationError. The ledger applies every simulated fill,
 * which are all of this kind. Not exported from the package.
 */
export function validFill(input: unknown): Fill | undefined {
  if (!isRecord(input)) return undefined;
  const { id, orderId, clientOrderId, venue, symbol, side, fee, liquidity, ts } = input;
  if (!isId(id) || !isId(orderId) || (clientOrderId !== undefined && typeof clientOrderId !== 'string')) return undefined;
  if (!isId(venue) || !isId(symbol) || !isSide(side) || (liquidity !== 'maker' && liquidity !== 'taker') || !isTimestampMs(ts)) {
    return undefined;
  }
  if (!isRecord(fee) || !isId(fee.asset)) return undefined;
  const price = asPositiveDecimal(input.price);
  const amount = asPositiveDecimal(input.amount);
  const feeAmount = asNonNegativeDecimal(fee.amount);
  if (price === undefined || amount === undefined || feeAmount === undefined) return undefined;
  const parsedFee = { asset: fee.asset, amount: feeAmount };
  // Fields in schema order; an optional key is kept when present, even if undefined, as zod does.
  return 'clientOrderId' in input
    ? { id, orderId, clientOrderId, venue, symbol, side, price, amount, fee: parsedFee, liquidity, ts }
    : { id, orderId, venue, symbol, side, price, amount, fee: parsedFee, liquidity, ts };
}
