import { firstValueFrom, take } from 'rxjs';
import { z } from 'zod';
import { MarketCatalog } from '../catalog/market-catalog';
import type { Clock } from '../clock/clock';
import { ClientOrderIdPrefixSchema, isOwnClientOrderId } from '../execution/client-order-id';
import { TIMED_OUT, withTimeout } from '../execution/clock-wait';
import { executedFills } from '../execution/executed-fills';
import { describeError, isOrderNotFound } from '../execution/venue-errors';
import type { Balance, BalanceSnapshot } from '../model/balance';
import { isTerminalStatus, type Order } from '../model/order';
import { parseWith } from '../model/parse';
import { Decimal } from '../money/decimal';
import type { TradingVenue } from '../venue/venue';
import { Journal } from './journal';
import { BalancesUnavailableError } from './journal-errors';
import { parseJournalRecord } from './journal-records';
import { expectedBalances, isSettled, type JournaledOrder, replayJournal, totalsOf } from './journal-state';
import { readJournal } from './verify-journal';

const isClock = (v: unknown): v is Clock =>
  typeof v === 'object' && v !== null && typeof (v as { now?: unknown }).now === 'function' && 'scheduler' in v;

/**
 * Options of {@link reconcile}.
 *
 * - `journal`: the open journal of the previous run (read, then appended to).
 * - `clock`, `catalog`: as for the executor.
 * - `strays`: what to do with open orders the journal does not know:
 *   `cancel` (default), `adopt` (journal them so they count from now on) or `ignore`.
 * - `clientOrderIdPrefix`: the executor's prefix (default `arb`); open orders
 *   with it that the journal does not know are reported as the bot's own.
 * - `balancesTimeoutMs`: wait for each venue's first `balances$()` snapshot (default 10000).
 * - `tolerance`: a per-asset difference up to this counts as no drift (default 0).
 * - `rebaseline`: journal the actual balances as the new baseline (default true).
 *
 * @example
 * ```ts
 * ReconcileOptionsSchema.parse({ journal, clock, catalog, strays: 'adopt' });
 * ```
 */
export const ReconcileOptionsSchema = z.object({
  journal: z.custom<Journal>((v) => v instanceof Journal, { message: 'must be a Journal' }),
  clock: z.custom<Clock>(isClock, { message: 'must be a Clock' }),
  catalog: z.custom<MarketCatalog>((v) => v instanceof MarketCatalog, { message: 'must be a MarketCatalog' }),
  strays: z.enum(['cancel', 'adopt', 'ignore']).default('cancel'),
  clientOrderIdPrefix: ClientOrderIdPrefixSchema.default('arb'),
  balancesTimeoutMs: z.number().int().positive().default(10_000),
  tolerance: z.union([z.string(), z.number()]).default(0),
  rebaseline: z.boolean().default(true),
});
/**
 * What {@link reconcile} accepts: see {@link ReconcileOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: ReconcileOptions = { journal, clock: systemClock, catalog, strays: 'cancel' };
 * ```
 */
export type ReconcileOptions = z.input<typeof ReconcileOptionsSchema>;

/**
 * One asset whose balance differs from what the journal implies.
 *
 * @example
 * ```ts
 * const d: BalanceDrift = { venue: 'binance', asset: 'USDT', expected, actual, diff: actual.minus(expected) };
 * ```
 */
export interface BalanceDrift {
  readonly venue: string;
  readonly asset: string;
  readonly expected: Decimal;
  readonly actual: Decimal;
  /** `actual − expected`. */
  readonly diff: Decimal;
}

/**
 * The outcome of {@link reconcile}. `ok` is true when every order is
 * settled and no balance drifted: trading may resume.
 *
 * @example
 * ```ts
 * const r: Reconciliation = await reconcile(venues, options);
 * if (!r.ok) console.table(r.drift.map((d) => ({ ...d, diff: d.diff.toString() })));
 * ```
 */
export interface Reconciliation {
  readonly ok: boolean;
  /** Orders the journal left open or unknown, in their state now. */
  readonly resolved: readonly Order[];
  /** Orders the journal left open that the venue never had. */
  readonly absent: readonly string[];
  /** Orders whose state could not be learned (venue errors); trading them again would be unsafe. */
  readonly unresolved: readonly { readonly venue: string; readonly clientOrderId: string; readonly error: string }[];
  /** Open orders found on the venues and what was done with them. */
  readonly strays: readonly {
    readonly order: Order;
    readonly own: boolean;
    readonly action: 'canceled' | 'adopted' | 'ignored' | 'cancel-failed';
  }[];
  /** Opportunities that were started but have no report (the process stopped mid-execution). */
  readonly interrupted: readonly string[];
  /** Every opportunity id the journal started: never execute these again. */
  readonly executedOpportunityIds: readonly string[];
  /** Expected total balances per venue (baseline + journaled effects). */
  readonly expected: ReadonlyMap<string, ReadonlyMap<string, Decimal>>;
  /** Actual balances per venue. */
  readonly actual: ReadonlyMap<string, readonly Balance[]>;
  readonly drift: readonly BalanceDrift[];
  /** Venues whose balances could not be compared (no baseline journaled, or no snapshot in time). */
  readonly unchecked: readonly string[];
}

/**
 * Restart reconciliation, before trading resumes. From the journal of the
 * previous run plus the venues it rebuilds the state: every order the
 * journal left open or unknown is queried by client order id and its final
 * state journaled (an order the venue never had is recorded as absent);
 * open orders the journal does not know are cancelled, adopted or left
 * (`strays`); and each venue's actual balances are compared with the
 * journal's expectation (last baseline + every order's fills since), the
 * differences reported as drift. With `rebaseline` the actual balances
 * become the journal's new baseline.
 *
 * @example
 * ```ts
 * const journal = await Journal.open('state/journal.ndjson');
 * const r = await reconcile([binance, okx], { journal, clock: systemClock, catalog });
 * if (!r.ok) throw new Error(`refusing to trade: ${r.drift.length} balances drifted`);
 * executor.rememberExecuted(r.executedOpportunityIds);
 * ```
 */
export async function reconcile(venues: readonly TradingVenue[], options: ReconcileOptions): Promise<Reconciliation> {
  const o = parseWith(ReconcileOptionsSchema, options, 'reconcile options');
  const tolerance = new Decimal(o.tolerance);
  await o.journal.flush();
  const records = (await readJournal(o.journal.path)).map(parseJournalRecord);
  const state = replayJournal(records, o.catalog);
  const byId = new Map(venues.map((v) => [v.id, v]));

  const resolved: Order[] = [];
  const absent: string[] = [];
  const unresolved: { venue: string; clientOrderId: string; error: string }[] = [];
  for (const order of state.orders.values()) {
    if (isSettled(order)) continue;
    const venue = byId.get(order.venue);
    if (venue === undefined) {
      unresolved.push({ venue: order.venue, clientOrderId: order.clientOrderId, error: 'venue not given' });
      continue;
    }
    try {
      const now = await venue.fetchOrder(order.clientOrderId, order.symbol, { byClientOrderId: true });
      await settle(o.journal, order, now, o.catalog);
      resolved.push(now);
    } catch (err) {
      if (isOrderNotFound(err)) {
        absent.push(order.clientOrderId);
        await o.journal.append({
          type: 'decision',
          data: {
            opportunityId: order.opportunityId,
            action: 'order-absent',
            detail: { venue: order.venue, clientOrderId: order.clientOrderId },
          },
        });
      } else unresolved.push({ venue: order.venue, clientOrderId: order.clientOrderId, error: describeError(err) });
    }
  }

  const strays: { order: Order; own: boolean; action: 'canceled' | 'adopted' | 'ignored' | 'cancel-failed' }[] = [];
  for (const venue of venues) {
    let open: readonly Order[];
    try {
      open = await venue.fetchOpenOrders();
    } catch (err) {
      unresolved.push({ venue: venue.id, clientOrderId: '*', error: `fetchOpenOrders: ${describeError(err)}` });
      continue;
    }
    for (const order of open) {
      const known = order.clientOrderId === undefined ? undefined : state.orders.get(`${venue.id}\u0000${order.clientOrderId}`);
      if (known?.role === 'adopted' && o.strays === 'adopt') continue;
      const own = known !== undefined || isOwnClientOrderId(o.clientOrderIdPrefix, order.clientOrderId);
      // The bot's own open orders are always cancelled: the run that sent them is gone.
      const policy = known !== undefined ? 'cancel' : o.strays;
      strays.push({ order, own, action: await handleStray(venue, order, policy, o.journal) });
    }
  }

  // Expected balances come from the journal as it stands now, resolutions included.
  const after = replayJournal((await readJournal(o.journal.path)).map(parseJournalRecord), o.catalog);
  const expected = expectedBalances(after, o.catalog);
  const actual = new Map<string, readonly Balance[]>();
  const unchecked: string[] = [];
  const drift: BalanceDrift[] = [];
  for (const venue of venues) {
    let snapshot: BalanceSnapshot | typeof TIMED_OUT;
    try {
      snapshot = await withTimeout(firstValueFrom(venue.balances$().pipe(take(1))), o.balancesTimeoutMs, o.clock);
    } catch {
      snapshot = TIMED_OUT;
    }
    if (snapshot === TIMED_OUT) {
      unchecked.push(venue.id);
      continue;
    }
    actual.set(venue.id, snapshot.balances);
    const want = expected.get(venue.id);
    if (want === undefined) unchecked.push(venue.id);
    else {
      const have = totalsOf(snapshot.balances);
      for (const asset of [...new Set([...want.keys(), ...have.keys()])].sort()) {
        const e = want.get(asset) ?? new Decimal(0);
        const a = have.get(asset) ?? new Decimal(0);
        const diff = a.minus(e);
        if (diff.abs().gt(tolerance)) drift.push({ venue: venue.id, asset, expected: e, actual: a, diff });
      }
    }
    if (o.rebaseline) await o.journal.append({ type: 'balances', data: { venue: venue.id, balances: snapshot.balances } });
  }

  await o.journal.append({
    type: 'reconcile',
    data: {
      resolved: resolved.length,
      strays: strays.length,
      drift: drift.map((d) => ({ venue: d.venue, asset: d.asset, expected: d.expected, actual: d.actual, diff: d.diff })),
    },
  });
  return {
    ok: drift.length === 0 && unresolved.length === 0,
    resolved,
    absent,
    unresolved,
    strays,
    interrupted: [...state.started].filter((id) => !state.reported.has(id)),
    executedOpportunityIds: [...state.started],
    expected,
    actual,
    drift,
    unchecked,
  };
}

/** Journals an order's state found on the venue, with a remainder fill when the journal's fills fall short of it. */
async function settle(journal: Journal, order: JournaledOrder, now: Order, catalog: MarketCatalog): Promise<void> {
  await journal.append({ type: 'order', data: { opportunityId: order.opportunityId, order: now } });
  order.latest = now;
  const market = catalog.find(now.venue, now.symbol);
  if (market === undefined || !isTerminalStatus(now.status)) return;
  const real = [...order.fills.values()].filter((f) => !f.id.endsWith(':rest'));
  for (const fill of executedFills(now, real, market)) {
    if (order.fills.has(fill.id)) continue;
    await journal.append({ type: 'fill', data: { opportunityId: order.opportunityId, fill } });
  }
}

async function handleStray(
  venue: TradingVenue,
  order: Order,
  policy: 'cancel' | 'adopt' | 'ignore',
  journal: Journal,
): Promise<'canceled' | 'adopted' | 'ignored' | 'cancel-failed'> {
  if (policy === 'ignore') return 'ignored';
  if (policy === 'adopt') {
    const clientOrderId = order.clientOrderId ?? order.id;
    await journal.append({
      type: 'order-sent',
      data: {
        opportunityId: `adopted:${venue.id}:${order.id}`,
        role: 'adopted',
        legIndex: 0,
        clientOrderId,
        venue: venue.id,
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        amount: order.amount,
        ...(order.price === undefined ? {} : { price: order.price }),
        timeInForce: order.timeInForce,
      },
    });
    await journal.append({ type: 'order', data: { order: { ...order, clientOrderId } } });
    return 'adopted';
  }
  try {
    const canceled = await venue.cancelOrder(order.id, order.symbol);
    await journal.append({ type: 'decision', data: { action: 'stray-canceled', detail: { venue: venue.id, orderId: order.id } } });
    if (order.clientOrderId !== undefined) await journal.append({ type: 'order', data: { order: canceled } });
    return 'canceled';
  } catch (err) {
    await journal.append({
      type: 'decision',
      data: { action: 'stray-cancel-failed', detail: { venue: venue.id, orderId: order.id, error: describeError(err) } },
    });
    return 'cancel-failed';
  }
}

/**
 * Journals each venue's current balances (its first `balances$()`
 * snapshot) as the baseline expected balances are counted from; throws
 * {@link BalancesUnavailableError} when a venue sends none in time. Call it
 * when no order is in flight, e.g. at startup after {@link reconcile}
 * (which does it itself with `rebaseline`) or on a fresh journal.
 *
 * @example
 * ```ts
 * const journal = await Journal.open(path);
 * await recordBalances(journal, [binance, okx], { clock: systemClock });
 * ```
 */
export async function recordBalances(
  journal: Journal,
  venues: readonly TradingVenue[],
  options: { readonly clock: Clock; readonly timeoutMs?: number },
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  for (const venue of venues) {
    const snapshot = await withTimeout(firstValueFrom(venue.balances$().pipe(take(1))), timeoutMs, options.clock);
    if (snapshot === TIMED_OUT) throw new BalancesUnavailableError(venue.id, timeoutMs);
    await journal.append({ type: 'balances', data: { venue: venue.id, balances: snapshot.balances } });
  }
}
