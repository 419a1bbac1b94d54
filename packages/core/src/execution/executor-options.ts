import { isObservable, type Observable } from 'rxjs';
import { z } from 'zod';
import type { OrderBookView } from '../book/order-book-view';
import { MarketCatalog } from '../catalog/market-catalog';
import type { Clock } from '../clock/clock';
import { Journal } from '../journal/journal';
import { ClientOrderIdPrefixSchema } from './client-order-id';

/**
 * The latest book of a market, or `undefined` when none is known. The
 * executor reads it to choose how to repair a partial fill and to price
 * flattening; a `BookSet` fits: `(venue, symbol) => bookSet.get(venue, symbol)`.
 *
 * @example
 * ```ts
 * let latest = BookSet.of(firstView);
 * views$.subscribe((v) => { latest = latest.with(v); });
 * const books: BooksProvider = (venue, symbol) => latest.get(venue, symbol);
 * ```
 */
export type BooksProvider = (venue: string, symbol: string) => OrderBookView | undefined;

/**
 * A command an executor obeys, e.g. from the risk kill switch's `commands$`:
 * `cancel-all` cancels every open order on `venues` (default all) and stops
 * new work, `flatten` also closes residual positions, `halt` only stops new
 * work. `id` makes a repeated command a no-op.
 *
 * @example
 * ```ts
 * const command: ExecutorCommand = { type: 'cancel-all', id: 'kill-1', reason: 'drawdown', venues: 'all' };
 * ```
 */
export interface ExecutorCommand {
  readonly type: 'cancel-all' | 'flatten' | 'halt';
  readonly id?: string;
  readonly reason?: string;
  readonly venues?: readonly string[] | 'all';
}

const isClock = (v: unknown): v is Clock =>
  typeof v === 'object' && v !== null && typeof (v as { now?: unknown }).now === 'function' && 'scheduler' in v;
const Ms = z.number().int().positive();
const Bps = z.number().min(0).max(10_000);

/**
 * Options of an {@link Executor}.
 *
 * - `clock`: all time (timeouts, polling, stamps); a `VirtualClock` in tests and backtests.
 * - `catalog`: the markets legs trade on (precision, limits, fees).
 * - `journal`: where intents, orders, fills, decisions and reports are written ahead (recommended live).
 * - `books`: latest books, to choose between completing and unwinding a partial fill and to price flattening.
 * - `clientOrderIdPrefix`: first part of every client order id (default `arb`).
 * - `maxInFlightPerVenue`: executions touching a venue at once (default 4).
 * - `maxInFlightPerSymbol`: executions touching one market (venue + symbol) at
 *   once (default 1: no second execution on a market while one is in flight).
 * - `placementTimeoutMs`: wait for `placeOrder` before the order counts as unknown (default 5000).
 * - `pollIntervalMs`: `fetchOrder` polling while an order is not terminal (default 1000).
 * - `orderTimeoutMs`: an order still open this long after it was sent is cancelled (default 10000).
 * - `resolveAttempts`: "not found" answers for an unknown order, `pollIntervalMs`
 *   apart, before it is taken as never placed (default 5; make
 *   `resolveAttempts × pollIntervalMs` exceed the venue's request window).
 * - `repair`: `enabled` (default true), `maxSlippageBps` (default 50): repair
 *   orders never trade worse than this from the leg's expected price
 *   (completing) or its own average fill (unwinding); `maxAttempts` rounds (default 2).
 * - `flattenSlippageBps`: the same bound for flattening after an emergency stop (default 200).
 * - `commands$`: commands to obey, e.g. the kill switch's `commands$`.
 *
 * @example
 * ```ts
 * ExecutorOptionsSchema.parse({ clock: systemClock, catalog, journal, repair: { maxSlippageBps: 30 } });
 * ```
 */
export const ExecutorOptionsSchema = z.object({
  clock: z.custom<Clock>(isClock, { message: 'must be a Clock' }),
  catalog: z.custom<MarketCatalog>((v) => v instanceof MarketCatalog, { message: 'must be a MarketCatalog' }),
  journal: z.custom<Journal>((v) => v instanceof Journal, { message: 'must be a Journal' }).optional(),
  books: z.custom<BooksProvider>((v) => typeof v === 'function', { message: 'must be a function (venue, symbol) => book' }).optional(),
  clientOrderIdPrefix: ClientOrderIdPrefixSchema.default('arb'),
  maxInFlightPerVenue: z.number().int().positive().default(4),
  maxInFlightPerSymbol: z.number().int().positive().default(1),
  placementTimeoutMs: Ms.default(5_000),
  pollIntervalMs: Ms.default(1_000),
  orderTimeoutMs: Ms.default(10_000),
  resolveAttempts: z.number().int().positive().default(5),
  repair: z
    .object({
      enabled: z.boolean().default(true),
      maxSlippageBps: Bps.default(50),
      maxAttempts: z.number().int().min(0).max(10).default(2),
    })
    .prefault({}),
  flattenSlippageBps: Bps.default(200),
  commands$: z.custom<Observable<ExecutorCommand>>(isObservable, { message: 'must be an Observable' }).optional(),
});
/**
 * What an {@link Executor} accepts: see {@link ExecutorOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: ExecutorOptions = { clock, catalog, journal, books, commands$: kill.commands$ };
 * ```
 */
export type ExecutorOptions = z.input<typeof ExecutorOptionsSchema>;
/** Parsed {@link ExecutorOptions}. */
export type ResolvedExecutorOptions = z.output<typeof ExecutorOptionsSchema>;
