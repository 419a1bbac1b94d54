import type { ClosableVenue, VenueFactory } from './cli-environment';

/**
 * The `arbot record` venue factory of the binary: a ccxt pro venue for the
 * exchange id. The ccxt venue module is loaded on first use only, so
 * `convert` and `replay` start fast.
 *
 * @example
 * ```ts
 * const venue = await openCcxtVenue('binance', { timeoutMs: 15_000 });
 * ```
 */
export const openCcxtVenue: VenueFactory = async (exchangeId, { timeoutMs }) => {
  const { ccxtVenue } = await import('../ccxt/index');
  const venue: ClosableVenue = ccxtVenue(exchangeId, { timeoutMs });
  return venue;
};
