import { type Clock, type MarketDataVenue, systemClock } from '@arbot/core';
import type { SimLatency } from './sim-latency';
import { type SimVenue, simVenue } from './sim-venue';
import type { SimVenueOptions } from './sim-venue-options';

/**
 * Latency `paperVenue` assumes unless told otherwise: a typical REST round
 * trip to a major exchange from a nearby region (placement and cancel
 * 40–60 ms) and a fast user-data stream (fills reported 5–10 ms after they happen).
 *
 * @example
 * ```ts
 * const venue = paperVenue(live, { latency: { ...PAPER_LATENCY, placement: { fixedMs: 120, jitterMs: 40 } } });
 * ```
 */
export const PAPER_LATENCY: Readonly<SimLatency> = Object.freeze({
  placement: { fixedMs: 40, jitterMs: 20 },
  cancel: { fixedMs: 40, jitterMs: 20 },
  fillReport: { fixedMs: 5, jitterMs: 5 },
});

/** Starting balance `paperVenue` gives when neither `balances` nor a `ledger` is passed: 10,000 of the valuation currency. */
const DEFAULT_PAPER_CASH = '10000';

/**
 * Options of {@link paperVenue}: those of `simVenue`, all optional.
 *
 * @example
 * ```ts
 * const options: PaperVenueOptions = { balances: { USDT: '5000' }, symbols: ['ETH/USDT'] };
 * ```
 */
export type PaperVenueOptions = Omit<SimVenueOptions, 'clock'> & { readonly clock?: Clock };

/**
 * Paper trading in one line: live or replayed market data in, simulated
 * fills out. A {@link SimVenue} with defaults for everything: the system
 * clock, {@link PAPER_LATENCY}, the markets of the market-data venue, and
 * 10,000 of the valuation currency (USDT unless set) when neither `balances`
 * nor a `ledger` is given. Books are tracked from the first order on a
 * symbol unless `symbols` lists them (do list them to place market orders
 * at once, and with a replay, which must be subscribed to from the start).
 *
 * @example
 * ```ts
 * const paper = paperVenue(ccxtVenue('binance'), { symbols: ['BTC/USDT'] });
 * paper.orders$().subscribe(({ order, fill }) => console.log(order.status, fill?.price.toString()));
 * await paper.placeOrder({ venue: paper.id, symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: '0.001' });
 * ```
 */
export function paperVenue(marketData: MarketDataVenue, options: PaperVenueOptions = {}): SimVenue {
  const { clock, latency, balances, ...rest } = options;
  const cash = rest.valuationCurrency ?? rest.ledger?.valuationCurrency ?? 'USDT';
  const startingBalances = balances ?? (rest.ledger === undefined ? { [cash]: DEFAULT_PAPER_CASH } : {});
  return simVenue(marketData, {
    ...rest,
    clock: clock ?? systemClock,
    latency: latency ?? PAPER_LATENCY,
    balances: startingBalances,
  });
}
