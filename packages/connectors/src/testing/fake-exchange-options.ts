import { NonNegativeDecimal, PositiveDecimal, parseWith } from '@arbot/core';
import { z } from 'zod';
import type { FakeMarket } from './fake-events';

/**
 * One market the fake exchange lists. Decimals may be strings or numbers.
 *
 * @example
 * ```ts
 * FakeMarketSpecSchema.parse({ symbol: 'SOL/USDT', tickSize: '0.001' });
 * ```
 */
export const FakeMarketSpecSchema = z.strictObject({
  /** Unified symbol `BASE/QUOTE` in capitals; the Binance id is `BASEQUOTE`, the OKX id `BASE-QUOTE`. */
  symbol: z.string().regex(/^[A-Z0-9]+\/[A-Z0-9]+$/, { message: 'must look like BASE/QUOTE in capitals' }),
  /** Price step (default `0.01`). */
  tickSize: PositiveDecimal.prefault('0.01'),
  /** Amount step (default `0.00001`). */
  stepSize: PositiveDecimal.prefault('0.00001'),
  /** Smallest order amount (default `0.00001`). */
  minQty: NonNegativeDecimal.prefault('0.00001'),
  /** Smallest limit order notional in quote (default `5`). */
  minNotional: NonNegativeDecimal.prefault('5'),
});
/**
 * One listed market, as given: see {@link FakeMarketSpecSchema}.
 *
 * @example
 * ```ts
 * const spec: FakeMarketSpec = { symbol: 'SOL/USDT', tickSize: '0.001' };
 * ```
 */
export type FakeMarketSpec = z.input<typeof FakeMarketSpecSchema>;

/**
 * Options of `startFakeExchange`; every field is optional.
 *
 * @example
 * ```ts
 * FakeExchangeOptionsSchema.parse({ balances: { USDT: '10000' }, serverTimeOffsetMs: 250 });
 * ```
 */
export const FakeExchangeOptionsSchema = z.strictObject({
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port: z.number().int().min(0).max(65_535).default(0),
  /** Listed markets (default `BTC/USDT` and `ETH/USDT`). */
  markets: z
    .array(FakeMarketSpecSchema)
    .min(1)
    .prefault([{ symbol: 'BTC/USDT' }, { symbol: 'ETH/USDT' }]),
  /** The local time the exchange clock is based on, ms (default `Date.now`). */
  now: z.custom<() => number>((v) => typeof v === 'function', { message: 'must be a function returning ms' }).default(() => Date.now),
  /** How far the exchange clock runs ahead of `now()` (negative: behind), ms; every exchange timestamp includes it. */
  serverTimeOffsetMs: z.number().int().default(0),
  /** Starting free balances of the single trading account, by asset (e.g. `{ USDT: '10000' }`). */
  balances: z.record(z.string().min(1), NonNegativeDecimal).default({}),
  /** Maker fee rate as a fraction (default `0.001`). */
  makerFee: NonNegativeDecimal.prefault('0.001'),
  /** Taker fee rate as a fraction (default `0.001`). */
  takerFee: NonNegativeDecimal.prefault('0.001'),
  /** Update id every book starts at (Binance `lastUpdateId`, OKX `seqId`; default 1000). */
  firstUpdateId: z.number().int().positive().default(1_000),
});
/**
 * What `startFakeExchange` accepts: see {@link FakeExchangeOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: FakeExchangeOptions = { markets: [{ symbol: 'BTC/USDT' }], balances: { USDT: '1000' } };
 * ```
 */
export type FakeExchangeOptions = z.input<typeof FakeExchangeOptionsSchema>;

/** Validated fake exchange options, markets resolved to both protocols' ids. */
export interface ResolvedFakeExchangeOptions extends Omit<z.output<typeof FakeExchangeOptionsSchema>, 'markets'> {
  readonly markets: readonly FakeMarket[];
  /** The exchange clock: `now() + serverTimeOffsetMs`. */
  readonly exchangeNow: () => number;
}

/**
 * Validates `startFakeExchange` options; throws a `ValidationError` naming
 * every bad field (e.g. `markets.0.symbol`).
 */
export function parseFakeExchangeOptions(input: unknown): ResolvedFakeExchangeOptions {
  const options = parseWith(FakeExchangeOptionsSchema, input ?? {}, 'fake exchange options');
  const markets = options.markets.map((spec): FakeMarket => {
    const [base = '', quote = ''] = spec.symbol.split('/');
    return { ...spec, base, quote, binanceId: `${base}${quote}`, okxId: `${base}-${quote}` };
  });
  const { now, serverTimeOffsetMs } = options;
  return { ...options, markets, exchangeNow: () => Math.round(now() + serverTimeOffsetMs) };
}
