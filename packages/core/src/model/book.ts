import { z } from 'zod';
import { parseWith } from './parse';
import { Id, NonNegativeNumber, PositiveNumber, TimestampMs } from './primitives';
import { validDelta, validSnapshot } from './valid-book-event';

/** One price level `[price, amount]`; in a delta an amount of 0 removes the level. */
export const LevelSchema = z.tuple([PositiveNumber, NonNegativeNumber]).readonly();
/** One price level `[price, amount]`. */
export type Level = readonly [price: number, amount: number];

const EventHeader = {
  venue: Id,
  symbol: Id,
  /** Exchange timestamp, ms. */
  ts: TimestampMs,
  /** Local receive time from the `Clock`, ms. */
  recvTs: TimestampMs,
};

/**
 * A full L2 order book at one moment. `seq` is the exchange's update id of
 * the snapshot (Binance `lastUpdateId`), used to sequence the deltas after it.
 */
export const OrderBookSnapshotSchema = z.object({
  type: z.literal('snapshot'),
  ...EventHeader,
  seq: z.number().int().optional(),
  bids: z.array(LevelSchema).readonly(),
  asks: z.array(LevelSchema).readonly(),
});
/** A full L2 book: see {@link OrderBookSnapshotSchema}. */
export type OrderBookSnapshot = z.output<typeof OrderBookSnapshotSchema>;

/**
 * An incremental L2 update. Levels carry the new absolute amount at a price
 * (0 removes the level). Sequencing: `seq` is the last update id the delta
 * contains; `firstSeq` (Binance `U`) its first one; `prevSeq` (OKX/Bybit
 * style) the `seq` the book must be at for the delta to apply.
 */
export const OrderBookDeltaSchema = z.object({
  type: z.literal('delta'),
  ...EventHeader,
  seq: z.number().int(),
  firstSeq: z.number().int().optional(),
  prevSeq: z.number().int().optional(),
  bids: z.array(LevelSchema).readonly(),
  asks: z.array(LevelSchema).readonly(),
});
/** An incremental L2 update: see {@link OrderBookDeltaSchema}. */
export type OrderBookDelta = z.output<typeof OrderBookDeltaSchema>;

/** A snapshot or a delta. */
export type OrderBookEvent = OrderBookSnapshot | OrderBookDelta;

/**
 * Validates an order book snapshot.
 *
 * @example
 * ```ts
 * parseOrderBookSnapshot({ type: 'snapshot', venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 2,
 *   seq: 10, bids: [[100, 1]], asks: [[101, 2]] });
 * ```
 */
export function parseOrderBookSnapshot(input: unknown): OrderBookSnapshot {
  // A plain-loop check first (replay validates every event); zod only for what it refuses, so errors stay zod's.
  return validSnapshot(input) ?? parseWith(OrderBookSnapshotSchema, input, 'order book snapshot');
}

/**
 * Validates an order book delta.
 *
 * @example
 * ```ts
 * parseOrderBookDelta({ type: 'delta', venue: 'binance', symbol: 'BTC/USDT', ts: 1, recvTs: 2,
 *   seq: 11, bids: [[100, 0]], asks: [] });
 * ```
 */
export function parseOrderBookDelta(input: unknown): OrderBookDelta {
  return validDelta(input) ?? parseWith(OrderBookDeltaSchema, input, 'order book delta');
}
