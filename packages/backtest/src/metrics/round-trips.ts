import { Decimal } from '@arbot/core';
import type { RecordedFill } from './recorded-fill';
import type { RoundTrip } from './round-trip';

const ZERO = new Decimal(0);
const ONE = new Decimal(1);

interface OpenTrip {
  id: number;
  strategy: string;
  symbol: string;
  venues: Set<string>;
  direction: 'long' | 'short';
  openedAt: number;
  fills: number;
  position: Decimal;
  /** Σ signed fill amounts, fees in the base not taken off: what PnL values, as the fees are already in `cash`. */
  gross: Decimal;
  maxPosition: Decimal;
  volume: Decimal;
  fees: Decimal;
  /** Quote cash flow valued in the valuation currency, less the fees not paid in the base (those are in `position`). */
  cash: Decimal;
  /** Valuation-currency price of one base unit at the last fill booked. */
  lastPrice: Decimal;
}

/**
 * Groups fills into {@link RoundTrip}s per (strategy, symbol), in fill
 * order. The position counts what the fills leave: a buy adds its amount, a
 * sell removes it, and a fee paid in the base asset removes the fee (a buy
 * of 1 BTC with a 0.001 BTC fee holds 0.999). A trade closes when a fill
 * brings the position below `amountStepOf(venue, symbol)` (the fill
 * market's amount step: what is left can no longer be sold, so it counts as
 * flat; exact zero when the step is unknown), or when as many units have
 * been sold as bought (a spatial arbitrage covers the base fee from
 * inventory); a fill past zero is split, its rest opening the next trade. `markOf(symbol)` values what an open trade still holds (the
 * valuation-currency price of one base unit at the end); without a mark an
 * open trade's PnL is its cash flow alone.
 *
 * @example
 * ```ts
 * const trips = roundTrips(result.fills, (symbol) => finalMarks.get(symbol), (venue, symbol) => catalog.get(venue, symbol)?.precision.amount);
 * trips.filter((t) => t.status === 'closed').length;
 * ```
 */
export function roundTrips(
  fills: readonly RecordedFill[],
  markOf: (symbol: string) => Decimal | undefined = () => undefined,
  amountStepOf: (venue: string, symbol: string) => Decimal | undefined = () => undefined,
): RoundTrip[] {
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
    gross: ZERO,
    maxPosition: ZERO,
    volume: ZERO,
    fees: ZERO,
    cash: ZERO,
    lastPrice: ZERO,
  });
  /** Books `share` (0–1] of a fill into a trip, moving its net position by `delta`. */
  const book = (trip: OpenTrip, f: RecordedFill, share: Decimal, delta: Decimal): void => {
    const sign = f.fill.side === 'buy' ? 1 : -1;
    const notional = f.notional.times(share);
    const fee = f.feeValue.times(share);
    trip.venues.add(f.fill.venue);
    trip.fills++;
    trip.position = trip.position.plus(delta);
    trip.gross = trip.gross.plus(f.fill.amount.times(sign).times(share));
    if (trip.position.abs().gt(trip.maxPosition)) trip.maxPosition = trip.position.abs();
    trip.volume = trip.volume.plus(notional);
    trip.fees = trip.fees.plus(fee);
    // A fee paid in the base already shrank the position; charging its value to the cash too would count it twice.
    const cashFee = f.fill.fee.asset === f.base ? ZERO : fee;
    trip.cash = trip.cash.minus(notional.times(sign)).minus(cashFee);
    if (f.fill.amount.gt(0)) trip.lastPrice = f.notional.div(f.fill.amount);
  };
  /** Closes `trip` with `share` of `f` (net `delta`) and opens the next trip with the rest, if any. */
  const split = (key: string, trip: OpenTrip, f: RecordedFill, share: Decimal, delta: Decimal, rest: Decimal): void => {
    book(trip, f, share, delta);
    // What is left (dust below the step, or the base fees a spatial arbitrage covered from inventory) is valued at the closing price.
    done.push(freeze(trip, 'closed', f.fill.ts, trip.position.times(trip.lastPrice)));
    open.delete(key);
    if (share.gte(1)) return;
    const next = start(f, f.fill.side === 'buy' ? 1 : -1);
    open.set(key, next);
    book(next, f, ONE.minus(share), rest);
  };
  for (const f of fills) {
    const key = `${f.strategy}\u0000${f.fill.symbol}`;
    const sign: 1 | -1 = f.fill.side === 'buy' ? 1 : -1;
    const amount = f.fill.amount;
    const baseFee = f.fill.fee.asset === f.base ? f.fill.fee.amount : ZERO;
    const delta = amount.times(sign).minus(baseFee);
    const step = amountStepOf(f.fill.venue, f.fill.symbol) ?? ZERO;
    const trip = open.get(key);
    if (trip === undefined) {
      const first = start(f, sign);
      open.set(key, first);
      book(first, f, ONE, delta);
      continue;
    }
    const net = trip.position.plus(delta);
    const gross = trip.gross.plus(amount.times(sign));
    const reduces = (position: Decimal): boolean => !position.isZero() && position.isNeg() !== sign < 0;
    if (reduces(trip.position) && (net.isZero() || net.abs().lt(step))) {
      // Flat up to dust the market cannot trade: the whole fill closes the trip.
      split(key, trip, f, ONE, delta, ZERO);
    } else if (reduces(trip.gross) && (gross.isZero() || gross.isNeg() !== trip.gross.isNeg())) {
      // As many units sold as bought (or the other way round), the base fees covered from elsewhere — as a
      // spatial arbitrage does: closed at the gross zero, what the fees took stays in the fees.
      const share = trip.gross.abs().div(amount);
      const closing = delta.times(share);
      split(key, trip, f, share, closing, delta.minus(closing));
    } else if (reduces(trip.position) && net.isNeg() !== trip.position.isNeg()) {
      // Past zero counting the base fees: the part that reaches zero closes the trip, the rest opens the next.
      split(key, trip, f, trip.position.abs().div(delta.abs()), trip.position.neg(), net);
    } else {
      book(trip, f, ONE, delta);
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
