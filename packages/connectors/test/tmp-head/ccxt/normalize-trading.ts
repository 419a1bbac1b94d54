import {
  type Balance,
  type BalanceSnapshot,
  Decimal,
  type Fill,
  type Order,
  type OrderRequest,
  type OrderStatus,
  parseFill,
  parseOrder,
  type TimeInForce,
  toDecimal,
} from '@arbot/core';
import type { Balances, Fee as CcxtFee, Order as CcxtOrder, Trade as CcxtTrade } from 'ccxt';

const decimalOrUndefined = (value: unknown): Decimal | undefined =>
  typeof value === 'number' && Number.isFinite(value)
    ? toDecimal(value)
    : typeof value === 'string' && value !== ''
      ? new Decimal(value)
      : undefined;

/**
 * ccxt's order status → core's. ccxt `open` is `partially_filled` once
 * something filled; `closed` is `filled`; an unknown status stays `unknown`
 * (to be resolved by querying).
 */
function statusOf(order: CcxtOrder, filled: Decimal): OrderStatus {
  switch (order.status) {
    case 'open':
      return filled.gt(0) ? 'partially_filled' : 'open';
    case 'closed':
      return 'filled';
    case 'canceled':
    case 'cancelled':
      return 'canceled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    default:
      return 'unknown';
  }
}

function timeInForceOf(order: CcxtOrder, fallback: OrderRequest | undefined): { timeInForce: TimeInForce; postOnly: boolean } {
  const raw = order.timeInForce;
  if (raw === 'PO') return { timeInForce: 'GTC', postOnly: true };
  const postOnly = order.postOnly === true || fallback?.postOnly === true;
  if (raw === 'GTC' || raw === 'IOC' || raw === 'FOK') return { timeInForce: raw, postOnly };
  return { timeInForce: fallback?.timeInForce ?? 'GTC', postOnly };
}

function feesOf(order: CcxtOrder): { asset: string; amount: Decimal }[] {
  const listed = (order as unknown as { fees?: unknown }).fees;
  const raw: CcxtFee[] = Array.isArray(listed) && listed.length > 0 ? (listed as CcxtFee[]) : order.fee ? [order.fee] : [];
  const byAsset = new Map<string, Decimal>();
  for (const fee of raw) {
    const amount = decimalOrUndefined(fee?.cost);
    if (fee?.currency === undefined || fee.currency === null || amount === undefined) continue;
    byAsset.set(fee.currency, (byAsset.get(fee.currency) ?? new Decimal(0)).plus(amount.abs()));
  }
  return [...byAsset].map(([asset, amount]) => ({ asset, amount }));
}

/**
 * A ccxt order → a validated core `Order`. Fields some exchanges leave out of
 * an acknowledgement (side, type, amount, price) are taken from `request`
 * when given; `cost` falls back to `filled × average`. Throws
 * `ValidationError` when the result is still incomplete.
 *
 * @example
 * ```ts
 * const order = toOrder(await exchange.fetchOrder('42', 'BTC/USDT'), 'binance', clock.now());
 * ```
 */
export function toOrder(order: CcxtOrder, venue: string, now: number, request?: OrderRequest): Order {
  const filled = decimalOrUndefined(order.filled) ?? new Decimal(0);
  const average = decimalOrUndefined(order.average);
  const cost = decimalOrUndefined(order.cost) ?? (average === undefined ? new Decimal(0) : filled.times(average));
  const price = decimalOrUndefined(order.price) ?? request?.price;
  const ts = typeof order.timestamp === 'number' ? order.timestamp : now;
  const updated = order.lastUpdateTimestamp ?? order.lastTradeTimestamp ?? ts;
  const clientOrderId = order.clientOrderId ?? request?.clientOrderId;
  return parseOrder({
    id: order.id ?? undefined,
    ...(clientOrderId === undefined || clientOrderId === null ? {} : { clientOrderId }),
    venue,
    symbol: order.symbol ?? request?.symbol,
    side: order.side ?? request?.side,
    type: order.type === 'market' || order.type === 'limit' ? order.type : request?.type,
    ...timeInForceOf(order, request),
    ...(price === undefined || price.lte(0) ? {} : { price }),
    amount: decimalOrUndefined(order.amount) ?? request?.amount,
    filled,
    cost,
    ...(average === undefined || average.lte(0) ? {} : { average }),
    status: statusOf(order, filled),
    fees: feesOf(order),
    ts,
    updatedTs: typeof updated === 'number' ? Math.max(updated, ts) : ts,
  });
}

/**
 * A ccxt private trade (an execution of one of our orders) → a validated core
 * `Fill`. The fee is the trade's own; a trade without fee information gets a
 * zero fee in the quote asset.
 *
 * @example
 * ```ts
 * const fill = toFill(myTrade, 'binance', 'USDT');
 * ```
 */
export function toFill(trade: CcxtTrade, venue: string, quoteAsset: string, clientOrderId?: string): Fill {
  const fee = decimalOrUndefined(trade.fee?.cost);
  return parseFill({
    id: trade.id ?? undefined,
    orderId: trade.order ?? undefined,
    ...(clientOrderId === undefined ? {} : { clientOrderId }),
    venue,
    symbol: trade.symbol ?? undefined,
    side: trade.side ?? undefined,
    price: decimalOrUndefined(trade.price),
    amount: decimalOrUndefined(trade.amount),
    fee: { asset: trade.fee?.currency ?? quoteAsset, amount: fee?.abs() ?? new Decimal(0) },
    liquidity: trade.takerOrMaker === 'maker' ? 'maker' : 'taker',
    ts: trade.timestamp ?? 0,
  });
}

/**
 * Every asset of a ccxt balance structure → core balances (`locked` is
 * ccxt's `used`, or `total − free` when `used` is missing).
 *
 * @example
 * ```ts
 * const balances = toBalances(await exchange.fetchBalance(), 'binance');
 * ```
 */
export function toBalances(balance: Balances, venue: string): Balance[] {
  const out: Balance[] = [];
  const skip = new Set(['info', 'timestamp', 'datetime', 'free', 'used', 'total', 'debt']);
  for (const [asset, entry] of Object.entries(balance)) {
    if (skip.has(asset) || typeof entry !== 'object' || entry === null) continue;
    const free = decimalOrUndefined(entry.free);
    const total = decimalOrUndefined(entry.total);
    const used = decimalOrUndefined(entry.used) ?? (total !== undefined && free !== undefined ? total.minus(free) : undefined);
    const freeValue = free ?? (total !== undefined && used !== undefined ? total.minus(used) : new Decimal(0));
    out.push({ venue, asset, free: Decimal.max(freeValue, 0), locked: Decimal.max(used ?? new Decimal(0), 0) });
  }
  return out;
}

/** A balance snapshot from a map of the latest balance per asset. */
export function balanceSnapshot(venue: string, ts: number, byAsset: ReadonlyMap<string, Balance>): BalanceSnapshot {
  return { venue, ts, balances: [...byAsset.values()] };
}
