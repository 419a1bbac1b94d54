import type { BalanceSnapshot, Clock, DecimalLike, ExecutionReport, OrderBookView } from '@arbot/core';
import { isObservable, type Observable } from 'rxjs';
import { z } from 'zod';
import type { MarketSource } from './market-source';

/** Portfolio equity in the policies' currency: a number, a decimal string or a `Decimal`. */
export type EquityValue = DecimalLike;

/**
 * What a risk gate runs against: the clock, the market catalog and the
 * streams its policies need. Each stream is subscribed once per connected
 * gate and shared by every policy.
 *
 * @example
 * ```ts
 * const context: RiskContext = {
 *   clock: systemClock,
 *   markets: catalog,
 *   books$: merge(binance.orderBook$('BTC/USDT'), okx.orderBook$('BTC/USDT')),
 *   balances$: merge(binance.balances$(), okx.balances$()),
 *   reports$: executor.reports$,
 *   equity$: ledger.equity$,
 * };
 * ```
 */
export interface RiskContext {
  /** The only source of time: windows, cooldowns, staleness and decision times. */
  readonly clock: Clock;
  /** Markets for rounding resized legs, limits and fees. */
  readonly markets: MarketSource;
  /** Order book views of every venue and symbol traded (latest per venue+symbol is kept). */
  readonly books$?: Observable<OrderBookView> | undefined;
  /** Balance snapshots of every venue traded. */
  readonly balances$?: Observable<BalanceSnapshot> | undefined;
  /** Execution reports of approved opportunities (release reservations, feed the circuit breaker). */
  readonly reports$?: Observable<ExecutionReport> | undefined;
  /** Portfolio equity, for the drawdown guard. */
  readonly equity$?: Observable<EquityValue> | undefined;
}

/** The names of the optional streams of a {@link RiskContext}. */
export type RiskStreamName = 'books$' | 'balances$' | 'reports$' | 'equity$';

function isClock(value: unknown): value is Clock {
  if (value === null || typeof value !== 'object') return false;
  const c = value as { now?: unknown; scheduler?: unknown };
  return typeof c.now === 'function' && c.scheduler !== null && typeof c.scheduler === 'object';
}

function isMarketSource(value: unknown): value is MarketSource {
  return value !== null && typeof value === 'object' && typeof (value as { find?: unknown }).find === 'function';
}

const stream = <T>(what: string) => z.custom<Observable<T>>(isObservable, { message: `must be an Observable of ${what}` }).optional();

/**
 * Schema of {@link RiskContext}: checks that the clock has `now()` and a
 * scheduler, that `markets` has `find()`, and that streams are Observables.
 *
 * @example
 * ```ts
 * parseWith(RiskContextSchema, { clock: systemClock, markets: catalog }, 'risk context');
 * ```
 */
export const RiskContextSchema = z.object({
  clock: z.custom<Clock>(isClock, { message: 'must be a Clock with now() and a scheduler' }),
  markets: z.custom<MarketSource>(isMarketSource, { message: 'must have find(venue, symbol)' }),
  books$: stream<OrderBookView>('order book views'),
  balances$: stream<BalanceSnapshot>('balance snapshots'),
  reports$: stream<ExecutionReport>('execution reports'),
  equity$: stream<EquityValue>('equity values'),
});
