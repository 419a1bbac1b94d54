import type { Clock, MarketDataVenue } from '@arbot/core';

/**
 * A venue opened by the CLI, with a way to close its connections when the command ends.
 *
 * @example
 * ```ts
 * const venue: ClosableVenue = ccxtVenue('binance');
 * await venue.close?.();
 * ```
 */
export interface ClosableVenue extends MarketDataVenue {
  close?(): Promise<void>;
}

/**
 * Opens the market-data venue `arbot record` records from. The CLI binary
 * opens ccxt venues; tests and embedders can pass their own (e.g. a
 * `replayVenue`). `timeoutMs` is the `--timeout` flag; `clock` the CLI's clock
 * (for `recvTs` and timers).
 *
 * @example
 * ```ts
 * const openVenue: VenueFactory = async (id, { clock }) => ccxtVenue(id, { clock });
 * ```
 */
export type VenueFactory = (exchangeId: string, options: { readonly timeoutMs: number; readonly clock: Clock }) => Promise<ClosableVenue>;

/**
 * What a CLI run talks to: output streams, the venue factory, the clock, and the stop signal (Ctrl-C).
 *
 * @example
 * ```ts
 * const env: CliEnvironment = { out: process.stdout, err: process.stderr, clock: systemClock, openVenue: openCcxtVenue };
 * ```
 */
export interface CliEnvironment {
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly openVenue: VenueFactory;
  /** Clock for durations and timeouts. */
  readonly clock: Clock;
  /** Aborted to stop a running `record` gracefully (the file is flushed and closed). */
  readonly signal?: AbortSignal;
}
