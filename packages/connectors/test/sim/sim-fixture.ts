import { type BalanceSnapshot, type Level, type OrderRequestInput, type OrderUpdate, VirtualClock } from '@arbot/core';
import { type SimVenue, type SimVenueOptions, simVenue } from '../../src/sim/index';
import { btcUsdt, HandFedMarketData } from './hand-fed-market-data';

/** The book most hand-worked tests start from. */
export const BIDS: readonly Level[] = [
  [100, 1],
  [99, 3],
  [97, 5],
];
export const ASKS: readonly Level[] = [
  [101, 1],
  [102, 2],
  [104, 5],
];

export interface SimFixture {
  readonly clock: VirtualClock;
  readonly data: HandFedMarketData;
  readonly venue: SimVenue;
  readonly updates: OrderUpdate[];
  readonly snapshots: BalanceSnapshot[];
}

/**
 * A simulated venue `sim` trading BTC/USDT (see `btcUsdt`) on a virtual clock
 * at 0, with 10,000 USDT and 5 BTC (cost 100), instantaneous unless the
 * options say otherwise, recording every order update and balance snapshot.
 */
export function simFixture(options: Partial<SimVenueOptions> = {}): SimFixture {
  const clock = new VirtualClock(0);
  const data = new HandFedMarketData('sim', [btcUsdt()]);
  const venue = simVenue(data, {
    clock,
    balances: { USDT: '10000', BTC: '5' },
    startPrices: { BTC: '100' },
    markets: [btcUsdt()],
    ...options,
  });
  const updates: OrderUpdate[] = [];
  const snapshots: BalanceSnapshot[] = [];
  venue.orders$().subscribe((u) => updates.push(u));
  venue.balances$().subscribe((s) => snapshots.push(s));
  return { clock, data, venue, updates, snapshots };
}

/** A BTC/USDT order request on venue `sim`. */
export function btcOrder(request: Omit<OrderRequestInput, 'venue' | 'symbol'>): OrderRequestInput {
  return { venue: 'sim', symbol: 'BTC/USDT', ...request };
}

/** Free and locked of one asset as strings. */
export function balanceOf(venue: SimVenue, asset: string): { free: string; locked: string } {
  const b = venue.ledger.balance(venue.id, asset);
  return { free: b.free.toString(), locked: b.locked.toString() };
}

/** Fills of the recorded updates as `[price, amount, fee, liquidity]` strings. */
export function fillsOf(updates: readonly OrderUpdate[]): [string, string, string, string][] {
  return updates.flatMap(({ fill }) =>
    fill === undefined
      ? []
      : [[fill.price.toString(), fill.amount.toString(), `${fill.fee.amount.toString()} ${fill.fee.asset}`, fill.liquidity]],
  ) as [string, string, string, string][];
}

/** Statuses of the recorded updates, in order. */
export function statusesOf(updates: readonly OrderUpdate[]): string[] {
  return updates.map((u) => u.order.status);
}
