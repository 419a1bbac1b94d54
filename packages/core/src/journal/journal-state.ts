import type { MarketCatalog } from '../catalog/market-catalog';
import { executedFills } from '../execution/executed-fills';
import type { Balance } from '../model/balance';
import { type Fill, isTerminalStatus, type Order } from '../model/order';
import { Decimal } from '../money/decimal';
import type { JournalRecord, OrderRole } from './journal-records';

const ZERO = new Decimal(0);

/** One order as the journal knows it. */
export interface JournaledOrder {
  readonly venue: string;
  readonly symbol: string;
  readonly clientOrderId: string;
  readonly opportunityId: string | undefined;
  readonly role: OrderRole;
  readonly side: 'buy' | 'sell';
  /** Latest state journaled, `undefined` when only the intent to send it was. */
  latest: Order | undefined;
  readonly fills: Map<string, Fill>;
  /** Balance effect already counted in the venue's baseline. */
  baselineEffect: Map<string, Decimal>;
}

/**
 * Everything a journal says about the money: orders and their fills, which
 * opportunities were started and which finished, and the balances baseline
 * of each venue with the order effects it already contains.
 */
export interface JournalState {
  readonly orders: Map<string, JournaledOrder>;
  readonly started: Set<string>;
  readonly reported: Set<string>;
  readonly baselines: Map<string, Map<string, Decimal>>;
}

/** Key of an order in {@link JournalState.orders}. */
export function orderKey(venue: string, clientOrderId: string): string {
  return `${venue}\u0000${clientOrderId}`;
}

/** `true` when the journal has a final state for the order. */
export function isSettled(order: JournaledOrder): boolean {
  return order.latest !== undefined && isTerminalStatus(order.latest.status);
}

/** Replays journal records into a {@link JournalState}. */
export function replayJournal(records: readonly JournalRecord[], catalog: MarketCatalog): JournalState {
  const state: JournalState = { orders: new Map(), started: new Set(), reported: new Set(), baselines: new Map() };
  const byOrderId = new Map<string, JournaledOrder>();
  const find = (venue: string, clientOrderId: string | undefined, orderId: string): JournaledOrder | undefined =>
    (clientOrderId === undefined ? undefined : state.orders.get(orderKey(venue, clientOrderId))) ?? byOrderId.get(orderKey(venue, orderId));
  for (const record of records) {
    switch (record.type) {
      case 'intent':
        state.started.add(record.data.opportunityId);
        break;
      case 'order-sent': {
        const d = record.data;
        const key = orderKey(d.venue, d.clientOrderId);
        if (!state.orders.has(key)) {
          state.orders.set(key, {
            venue: d.venue,
            symbol: d.symbol,
            clientOrderId: d.clientOrderId,
            opportunityId: d.opportunityId,
            role: d.role,
            side: d.side,
            latest: undefined,
            fills: new Map(),
            baselineEffect: new Map(),
          });
        }
        break;
      }
      case 'order': {
        const order = record.data.order;
        const known = find(order.venue, order.clientOrderId, order.id);
        if (known === undefined) break;
        if (known.latest === undefined || !isTerminalStatus(known.latest.status) || isTerminalStatus(order.status)) {
          if (known.latest === undefined || order.filled.gte(known.latest.filled)) known.latest = order;
        }
        if (order.status !== 'unknown') byOrderId.set(orderKey(order.venue, order.id), known);
        break;
      }
      case 'fill': {
        const fill = record.data.fill;
        const known = find(fill.venue, fill.clientOrderId, fill.orderId);
        known?.fills.set(fill.id, fill);
        break;
      }
      case 'report':
        state.reported.add(record.data.report.opportunityId);
        break;
      case 'balances': {
        const totals = new Map<string, Decimal>();
        for (const b of record.data.balances) totals.set(b.asset, b.free.plus(b.locked));
        state.baselines.set(record.data.venue, totals);
        for (const order of state.orders.values()) {
          if (order.venue === record.data.venue) order.baselineEffect = orderEffect(order, catalog);
        }
        break;
      }
      default:
        break;
    }
  }
  return state;
}

/**
 * The fills that explain an order's executed amount: the journaled fills when
 * they add up to it, else those plus a remainder (see `executedFills`).
 */
export function fillsOf(order: JournaledOrder, catalog: MarketCatalog): Fill[] {
  const latest = order.latest;
  if (latest === undefined) return [];
  const all = [...order.fills.values()];
  const real = all.filter((f) => !f.id.endsWith(':rest'));
  const sum = (fills: readonly Fill[]): Decimal => fills.reduce((s, f) => s.plus(f.amount), ZERO);
  if (sum(real).eq(latest.filled)) return real;
  if (sum(all).eq(latest.filled)) return all;
  const market = catalog.find(latest.venue, latest.symbol);
  return market === undefined ? real : executedFills(latest, real, market);
}

/** Net change of each asset's balance caused by an order's fills, fees included. */
export function orderEffect(order: JournaledOrder, catalog: MarketCatalog): Map<string, Decimal> {
  const effect = new Map<string, Decimal>();
  const add = (asset: string, amount: Decimal): void => {
    effect.set(asset, (effect.get(asset) ?? ZERO).plus(amount));
  };
  for (const fill of fillsOf(order, catalog)) {
    const market = catalog.find(fill.venue, fill.symbol);
    const [base = fill.symbol, quote = ''] = market === undefined ? fill.symbol.split(/[/:]/) : [market.base, market.quote];
    const cost = fill.amount.times(fill.price);
    const sign = fill.side === 'buy' ? 1 : -1;
    add(base, fill.amount.times(sign));
    add(quote, cost.times(-sign));
    add(fill.fee.asset, fill.fee.amount.negated());
  }
  return effect;
}

/**
 * Expected total (free + locked) balances per venue: each venue's last
 * journaled baseline plus every order's effect since. Venues without a
 * baseline are absent.
 */
export function expectedBalances(state: JournalState, catalog: MarketCatalog): Map<string, Map<string, Decimal>> {
  const out = new Map<string, Map<string, Decimal>>();
  for (const [venue, baseline] of state.baselines) out.set(venue, new Map(baseline));
  for (const order of state.orders.values()) {
    const balances = out.get(order.venue);
    if (balances === undefined) continue;
    const now = orderEffect(order, catalog);
    for (const asset of new Set([...now.keys(), ...order.baselineEffect.keys()])) {
      const delta = (now.get(asset) ?? ZERO).minus(order.baselineEffect.get(asset) ?? ZERO);
      if (!delta.isZero()) balances.set(asset, (balances.get(asset) ?? ZERO).plus(delta));
    }
  }
  return out;
}

/** Totals (free + locked) by asset of a balance list. */
export function totalsOf(balances: readonly Balance[]): Map<string, Decimal> {
  const out = new Map<string, Decimal>();
  for (const b of balances) out.set(b.asset, (out.get(b.asset) ?? ZERO).plus(b.free).plus(b.locked));
  return out;
}
