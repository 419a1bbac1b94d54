import { Decimal } from '@arbot/core';
import type { RecordedFill } from './recorded-fill';
import type { RoundTrip } from './round-trip';

const ZERO = new Decimal(0);

interface OpenTrip {
  id: number;
  strategy: string;
  symbol: string;
  venues: Set<string>;
  direction: 'long' | 'short';
  openedAt: number;
  fills: number;
  position: Decimal;
  maxPosition: Decimal;
  volume: Decimal;
  fees: Decimal;
  cash: Decimal;
}

/**
 * Groups fills into {@link RoundTrip}s per (strategy, symbol), in fill
 * order. `markOf(symbol)` values what an open trade still holds (the
 * valuation-currency price of one base unit at the end); without a mark an
 * open trade's PnL is its cash flow alone.
 *
 * @example
 * ```ts
 * const trips = roundTrips(result.fills, (symbol) => finalMarks.get(symbol));
 * trips.filter((t) => t.status === 'closed').length;
 * ```
 */
export function roundTrips(fills: readonly RecordedFill[], markOf: (symbol: string) => Decimal | undefined = () => undefined): RoundTrip[] {
  const open = new Map<string, OpenTrip>();
  const done: RoundTrip[] = [];
  let nextId = 1;
  const start = (f: RecordedFill, sign: 1 | -1): OpenTrip => ({
    id: nextId++,
    strategy: f.strategy,
    symbol: f.fill.symbol,
    venues: new Set(),
    direction: sign > 0 ? 'long' : 'short',
    openedAt: f.fill.ts,
    fills: 0,
    position: ZERO,
    maxPosition: ZERO,
    volume: ZERO,
    fees: ZERO,
    cash: ZERO,
  });
  /** Books `share` (0–1] of a fill into a trip. */
  const book = (trip: OpenTrip, f: RecordedFill, sign: 1 | -1, amount: Decimal, share: Decimal): void => {
    const notional = f.notional.times(share);
    const fee = f.feeValue.times(share);
    trip.venues.add(f.fill.venue);
    trip.fills++;
    trip.position = trip.position.plus(amount.times(sign));
    if (trip.position.abs().gt(trip.maxPosition)) trip.maxPosition = trip.position.abs();
    trip.volume = trip.volume.plus(notional);
    trip.fees = trip.fees.plus(fee);
    trip.cash = trip.cash.minus(notional.times(sign)).minus(fee);
  };
  for (const f of fills) {
    const key = `${f.strategy}\u0000${f.fill.symbol}`;
    const sign: 1 | -1 = f.fill.side === 'buy' ? 1 : -1;
    const amount = new Decimal(f.fill.amount);
    let trip = open.get(key);
    if (trip === undefined) {
      trip = start(f, sign);
      open.set(key, trip);
      book(trip, f, sign, amount, new Decimal(1));
      continue;
    }
    const opposite = trip.position.isNeg() !== sign < 0 && !trip.position.isZero();
    if (!opposite || amount.lt(trip.position.abs())) {
      book(trip, f, sign, amount, new Decimal(1));
      continue;
    }
    // The fill reaches zero: the part that does closes this trip, any rest opens the next one.
    const closing = trip.position.abs();
    const share = closing.div(amount);
    book(trip, f, sign, closing, share);
    done.push(freeze(trip, 'closed', f.fill.ts, ZERO));
    open.delete(key);
    const rest = amount.minus(closing);
    if (rest.gt(0)) {
      const next = start(f, sign);
      open.set(key, next);
      book(next, f, sign, rest, new Decimal(1).minus(share));
    }
  }
  for (const trip of open.values()) {
    const mark = markOf(trip.symbol);
    done.push(freeze(trip, 'open', undefined, mark === undefined ? ZERO : trip.position.times(mark)));
  }
  return done.sort((a, b) => a.id - b.id);
}

function freeze(trip: OpenTrip, status: 'open' | 'closed', closedAt: number | undefined, heldValue: Decimal): RoundTrip {
  return {
    id: trip.id,
    strategy: trip.strategy,
    symbol: trip.symbol,
    venues: [...trip.venues].sort(),
    direction: trip.direction,
    status,
    openedAt: trip.openedAt,
    closedAt,
    fills: trip.fills,
    maxPosition: trip.maxPosition,
    position: trip.position,
    volume: trip.volume,
    fees: trip.fees,
    pnl: trip.cash.plus(heldValue),
  };
}
