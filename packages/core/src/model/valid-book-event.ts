import type { Level, OrderBookDelta, OrderBookSnapshot } from './book';
import { isId, isRecord, isSafeInt, isTimestampMs } from './primitive-guards';

// Replay and recording validate every book event, and zod spends most of that
// time on the levels (a tuple schema per level). These functions check a
// well-formed event with plain loops and build exactly what the schemas output
// (fields in schema order, unknown keys dropped, an optional key kept when
// present even if undefined, levels copied into frozen tuples inside frozen
// arrays). They return `undefined` on anything unexpected, and the caller then
// runs the zod schema, which produces the result or the usual ValidationError.

/**
 * What `OrderBookSnapshotSchema` outputs for `input`, or `undefined` when
 * `input` is not a plainly valid snapshot. Not exported from the package.
 */
export function validSnapshot(input: unknown): OrderBookSnapshot | undefined {
  if (!isRecord(input) || input.type !== 'snapshot') return undefined;
  const { venue, symbol, ts, recvTs, seq } = input;
  if (!isId(venue) || !isId(symbol) || !isTimestampMs(ts) || !isTimestampMs(recvTs)) return undefined;
  if (seq !== undefined && !isSafeInt(seq)) return undefined;
  const bids = validLevels(input.bids);
  const asks = bids === undefined ? undefined : validLevels(input.asks);
  if (bids === undefined || asks === undefined) return undefined;
  const event: Record<string, unknown> = { type: 'snapshot', venue, symbol, ts, recvTs };
  if ('seq' in input) event.seq = seq;
  event.bids = bids;
  event.asks = asks;
  return event as OrderBookSnapshot;
}

/**
 * What `OrderBookDeltaSchema` outputs for `input`, or `undefined` when
 * `input` is not a plainly valid delta. Not exported from the package.
 */
export function validDelta(input: unknown): OrderBookDelta | undefined {
  if (!isRecord(input) || input.type !== 'delta') return undefined;
  const { venue, symbol, ts, recvTs, seq, firstSeq, prevSeq } = input;
  if (!isId(venue) || !isId(symbol) || !isTimestampMs(ts) || !isTimestampMs(recvTs) || !isSafeInt(seq)) return undefined;
  if ((firstSeq !== undefined && !isSafeInt(firstSeq)) || (prevSeq !== undefined && !isSafeInt(prevSeq))) return undefined;
  const bids = validLevels(input.bids);
  const asks = bids === undefined ? undefined : validLevels(input.asks);
  if (bids === undefined || asks === undefined) return undefined;
  const event: Record<string, unknown> = { type: 'delta', venue, symbol, ts, recvTs, seq };
  if ('firstSeq' in input) event.firstSeq = firstSeq;
  if ('prevSeq' in input) event.prevSeq = prevSeq;
  event.bids = bids;
  event.asks = asks;
  return event as OrderBookDelta;
}

/** Frozen copies of `[price > 0, amount ≥ 0]` pairs of finite numbers, or `undefined` at the first bad one. */
function validLevels(levels: unknown): readonly Level[] | undefined {
  if (!Array.isArray(levels)) return undefined;
  const out: Level[] = [];
  for (let i = 0; i < levels.length; i++) {
    const level: unknown = levels[i];
    if (!Array.isArray(level) || level.length !== 2) return undefined;
    const price: unknown = level[0];
    const amount: unknown = level[1];
    // NaN fails both comparisons; ±Infinity is excluded explicitly, as z.number() refuses it.
    if (typeof price !== 'number' || !(price > 0) || price === Number.POSITIVE_INFINITY) return undefined;
    if (typeof amount !== 'number' || !(amount >= 0) || amount === Number.POSITIVE_INFINITY) return undefined;
    out.push(Object.freeze([price, amount] as const));
  }
  return Object.freeze(out);
}
