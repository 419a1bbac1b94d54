import type { ClosableVenue, VenueFactory } from './cli-environment';
import { CliError } from './cli-error';

/**
 * The `arbot record` venue factory of the binary: a ccxt pro venue for the
 * exchange id, on the CLI's clock, with ccxt's own request timeout set to
 * `--timeout`. The ccxt venue module is loaded on first use only, so
 * `convert` and `replay` start fast.
 *
 * @throws {CliError} `CLI_USAGE` when ccxt does not know the exchange id.
 * @example
 * ```ts
 * const venue = await openCcxtVenue('binance', { timeoutMs: 15_000, clock: systemClock });
 * ```
 */
export const openCcxtVenue: VenueFactory = async (exchangeId, { timeoutMs, clock }) => {
  const { ccxtVenue, UnknownExchangeError } = await import('../ccxt/index');
  try {
    const venue: ClosableVenue = ccxtVenue(exchangeId, { clock, exchangeConfig: { enableRateLimit: true, timeout: timeoutMs } });
    return venue;
  } catch (error) {
    if (error instanceof UnknownExchangeError) {
      throw new CliError(
        'CLI_USAGE',
        `record: ccxt has no exchange "${exchangeId}" (ids look like binance, okx, bybit, kucoin, gate, bitget)`,
        { exchangeId },
      );
    }
    throw error;
  }
};
