import { z } from 'zod';
import { parseWith } from './parse';
import { Id, NonNegativeDecimal, PositiveDecimal, SideSchema, TimestampMs } from './primitives';

/** Order types every venue implements. */
export const OrderTypeSchema = z.enum(['market', 'limit']);
/** `market` or `limit`. */
export type OrderType = z.infer<typeof OrderTypeSchema>;

/** Time in force: good-till-cancel, immediate-or-cancel, fill-or-kill. */
export const TimeInForceSchema = z.enum(['GTC', 'IOC', 'FOK']);
/** `GTC`, `IOC` or `FOK`. */
export type TimeInForce = z.infer<typeof TimeInForceSchema>;

/**
 * A request to place an order. Amount and price are `Decimal`s already
 * rounded to the market's precision (see `roundAmount` / `roundPrice`).
 */
export const OrderRequestSchema = z
  .object({
    venue: Id,
    symbol: Id,
    side: SideSchema,
    type: OrderTypeSchema,
    amount: PositiveDecimal,
    price: PositiveDecimal.optional(),
    timeInForce: TimeInForceSchema.default('GTC'),
    postOnly: z.boolean().default(false),
    /** Idempotency key; the venue echoes it back on the order. */
    clientOrderId: z.string().min(1).max(64).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.type === 'limit' && r.price === undefined)
      ctx.addIssue({ code: 'custom', path: ['price'], message: 'a limit order needs a price' });
    if (r.type === 'market' && r.postOnly)
      ctx.addIssue({ code: 'custom', path: ['postOnly'], message: 'a market order cannot be post-only' });
  });
/** A validated order request. */
export type OrderRequest = z.output<typeof OrderRequestSchema>;
/** What {@link parseOrderRequest} accepts (decimals as strings or numbers, defaults optional). */
export type OrderRequestInput = z.input<typeof OrderRequestSchema>;

/**
 * Order lifecycle. `new` (accepted, not yet on the book) → `open` →
 * `partially_filled` → one terminal state: `filled`, `canceled`, `rejected`
 * or `expired` (IOC/FOK remainder). `unknown` marks an order whose placement
 * outcome is not known yet (e.g. a timeout); it must be resolved by querying.
 */
export const OrderStatusSchema = z.enum(['new', 'open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired', 'unknown']);
/** An order's status: see {@link OrderStatusSchema}. */
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

/** Statuses after which an order never changes again. */
export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set(['filled', 'canceled', 'rejected', 'expired']);

/**
 * `true` when the status is terminal (`filled`, `canceled`, `rejected`, `expired`).
 *
 * @example
 * ```ts
 * isTerminalStatus('partially_filled'); // false
 * ```
 */
export function isTerminalStatus(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.has(status);
}

const ALLOWED_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  unknown: ['new', 'open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired'],
  new: ['open', 'partially_filled', 'filled', 'canceled', 'rejected', 'expired'],
  open: ['partially_filled', 'filled', 'canceled', 'expired'],
  partially_filled: ['partially_filled', 'filled', 'canceled', 'expired'],
  filled: [],
  canceled: [],
  rejected: [],
  expired: [],
};

/**
 * Whether an order may move from one status to another. Used by trackers to
 * refuse out-of-order or impossible updates.
 *
 * @example
 * ```ts
 * canTransition('open', 'filled'); // true
 * canTransition('filled', 'open'); // false
 * ```
 */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || ALLOWED_TRANSITIONS[from].includes(to);
}

/** A fee charged in some asset. */
export const FeeSchema = z.object({ asset: Id, amount: NonNegativeDecimal });
/** A fee: asset and amount. */
export type Fee = z.output<typeof FeeSchema>;

/** The venue's view of an order at one moment. */
export const OrderSchema = z.object({
  id: Id,
  clientOrderId: z.string().optional(),
  venue: Id,
  symbol: Id,
  side: SideSchema,
  type: OrderTypeSchema,
  timeInForce: TimeInForceSchema,
  postOnly: z.boolean().default(false),
  price: PositiveDecimal.optional(),
  amount: PositiveDecimal,
  filled: NonNegativeDecimal,
  /** Quote spent (buy) or received (sell) so far, before fees. */
  cost: NonNegativeDecimal,
  /** Average fill price, when anything filled. */
  average: PositiveDecimal.optional(),
  status: OrderStatusSchema,
  fees: z.array(FeeSchema).default([]),
  /** Creation time, ms. */
  ts: TimestampMs,
  /** Time of the last change, ms. */
  updatedTs: TimestampMs,
  /** Why the venue rejected or expired it, when known. */
  reason: z.string().optional(),
});
/** An order: see {@link OrderSchema}. */
export type Order = z.output<typeof OrderSchema>;

/** One execution of an order against the book. */
export const FillSchema = z.object({
  id: Id,
  orderId: Id,
  clientOrderId: z.string().optional(),
  venue: Id,
  symbol: Id,
  side: SideSchema,
  price: PositiveDecimal,
  amount: PositiveDecimal,
  fee: FeeSchema,
  /** `maker` when the order rested on the book, `taker` when it crossed. */
  liquidity: z.enum(['maker', 'taker']),
  ts: TimestampMs,
});
/** A fill: see {@link FillSchema}. */
export type Fill = z.output<typeof FillSchema>;

/** One change of one order, as emitted by `TradingVenue.orders$()`; carries the fill that caused it, if any. */
export interface OrderUpdate {
  readonly order: Order;
  readonly fill?: Fill;
}

/**
 * Validates an order request.
 *
 * @example
 * ```ts
 * const req = parseOrderRequest({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit',
 *   amount: '0.01', price: '30000', timeInForce: 'IOC' });
 * ```
 */
export function parseOrderRequest(input: unknown): OrderRequest {
  return parseWith(OrderRequestSchema, input, 'order request');
}

/**
 * Validates an order.
 *
 * @example
 * ```ts
 * parseOrder({ id: '1', venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', timeInForce: 'GTC',
 *   price: '100', amount: '1', filled: '0', cost: '0', status: 'open', ts: 0, updatedTs: 0 });
 * ```
 */
export function parseOrder(input: unknown): Order {
  return parseWith(OrderSchema, input, 'order');
}

/**
 * Validates a fill.
 *
 * @example
 * ```ts
 * parseFill({ id: 'f1', orderId: '1', venue: 'binance', symbol: 'BTC/USDT', side: 'buy', price: '100',
 *   amount: '0.5', fee: { asset: 'BTC', amount: '0.0005' }, liquidity: 'taker', ts: 0 });
 * ```
 */
export function parseFill(input: unknown): Fill {
  return parseWith(FillSchema, input, 'fill');
}
