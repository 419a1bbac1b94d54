import type { MarketCatalog } from '../catalog/market-catalog';
import type { ExecutionReport, LegExecution } from '../model/execution-report';
import type { Market } from '../model/market';
import type { Opportunity } from '../model/opportunity';
import type { Fill, Order } from '../model/order';
import { Decimal } from '../money/decimal';
import { executedFills } from './executed-fills';
import { realizedPnlOf, type UnitPrice } from './execution-pnl';
import type { OrderTracker } from './order-tracker';
import { type LegPosition, legExcess } from './repair-plan';

const ZERO = new Decimal(0);

/** One leg of an execution in progress: its market and the trackers of its own orders. */
export interface LegRun {
  readonly legIndex: number;
  readonly market: Market;
  readonly side: 'buy' | 'sell';
  readonly amount: Decimal;
  readonly price: Decimal;
  readonly expectedPrice: Decimal;
  readonly orders: OrderTracker[];
}

/** Where each leg stands: its own orders plus repairs on it (same side adds, opposite side subtracts). */
export function legPositions(legs: readonly LegRun[], repairs: readonly OrderTracker[]): LegPosition[] {
  return legs.map((leg) => {
    let executed = ZERO;
    let cost = ZERO;
    let own = ZERO;
    let baseFees = ZERO;
    const feesInBase = (t: OrderTracker): Decimal => {
      const order = t.order;
      if (order === undefined || order.side !== 'buy') return ZERO;
      return executedFills(order, t.fills, leg.market)
        .filter((f) => f.fee.asset === leg.market.base)
        .reduce((s, f) => s.plus(f.fee.amount), ZERO);
    };
    for (const t of leg.orders) {
      executed = executed.plus(t.filled);
      own = own.plus(t.filled);
      cost = cost.plus(t.order?.cost ?? ZERO);
      baseFees = baseFees.plus(feesInBase(t));
    }
    for (const r of repairs) {
      if (r.legIndex !== leg.legIndex) continue;
      executed = r.request.side === leg.side ? executed.plus(r.filled) : executed.minus(r.filled);
      if (r.request.side === leg.side) baseFees = baseFees.plus(feesInBase(r));
    }
    return {
      legIndex: leg.legIndex,
      market: leg.market,
      side: leg.side,
      requested: leg.amount,
      executed,
      averagePrice: own.gt(0) && cost.gt(0) ? cost.div(own) : undefined,
      expectedPrice: leg.expectedPrice,
      baseFees,
    };
  });
}

/** The price of one unit of `asset` in `currency`: a book mid on the opportunity's venues, else a leg's expected price. */
export function valuation(
  opportunity: Opportunity,
  books: ((venue: string, symbol: string) => { readonly mid: number | undefined } | undefined) | undefined,
): UnitPrice {
  const currency = opportunity.expected.currency;
  return (asset) => {
    if (asset === currency) return new Decimal(1);
    const symbol = `${asset}/${currency}`;
    for (const leg of opportunity.legs) {
      const mid = books?.(leg.venue, symbol)?.mid;
      if (mid !== undefined && Number.isFinite(mid) && mid > 0) return new Decimal(mid);
    }
    return opportunity.legs.find((l) => l.symbol === symbol)?.expectedPrice;
  };
}

function legExecution(
  legIndex: number,
  market: Market,
  side: 'buy' | 'sell',
  requested: Decimal,
  trackers: readonly OrderTracker[],
): { leg: LegExecution; fills: Fill[] } {
  const orders: Order[] = [];
  const fills: Fill[] = [];
  let filled = ZERO;
  let cost = ZERO;
  for (const t of trackers) {
    const order = t.order;
    if (order === undefined) continue;
    orders.push(order);
    fills.push(...executedFills(order, t.fills, market));
    filled = filled.plus(order.filled);
    cost = cost.plus(order.cost);
  }
  const average = filled.gt(0) && cost.gt(0) ? cost.div(filled) : undefined;
  const leg: LegExecution = {
    legIndex,
    venue: market.venue,
    symbol: market.symbol,
    side,
    requested,
    filled,
    ...(average === undefined ? {} : { average }),
    orders,
    fills,
  };
  return { leg, fills };
}

/** Everything a report needs beyond the trackers. */
export interface ReportContext {
  readonly opportunity: Opportunity;
  readonly catalog: MarketCatalog;
  readonly unitPrice: UnitPrice;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly notes: readonly string[];
}

/**
 * Builds the execution report: legs and repairs with their orders and
 * fills, realized PnL and fees in the opportunity's currency, the residual
 * base exposure per asset, and the status (see `ExecutionReportSchema`).
 */
export function buildReport(legs: readonly LegRun[], repairs: readonly OrderTracker[], ctx: ReportContext): ExecutionReport {
  const currency = ctx.opportunity.expected.currency;
  const legReports = legs.map((l) => legExecution(l.legIndex, l.market, l.side, l.amount, l.orders));
  const repairReports = repairs.map((r) => {
    const market = legs.find((l) => l.legIndex === r.legIndex)?.market;
    if (market === undefined) throw new RangeError(`repair of an unknown leg ${r.legIndex}`);
    return legExecution(r.legIndex, market, r.request.side, r.request.amount, [r]);
  });
  const fills = [...legReports, ...repairReports].flatMap((x) => x.fills);
  const assetsOf = (fill: Fill): { base: string; quote: string } => {
    const market = ctx.catalog.find(fill.venue, fill.symbol);
    if (market !== undefined) return { base: market.base, quote: market.quote };
    const [base = fill.symbol, quote = ''] = fill.symbol.split(/[/:]/);
    return { base, quote };
  };
  const { pnl, fees, unvalued } = realizedPnlOf(fills, currency, assetsOf, ctx.unitPrice);

  const positions = legPositions(legs, repairs);
  const residual: Record<string, Decimal> = {};
  for (const e of legExcess(positions)) {
    const signed = e.side === 'buy' ? e.excess : e.excess.negated();
    residual[e.market.base] = (residual[e.market.base] ?? ZERO).plus(signed);
  }
  for (const [asset, amount] of Object.entries(residual)) if (amount.isZero()) delete residual[asset];

  const all = [...legs.flatMap((l) => l.orders), ...repairs];
  const unresolved = all.filter((t) => !t.done);
  const anyFill = all.some((t) => t.filled.gt(0));
  const allComplete = legs.every((l) => l.orders.reduce((s, t) => s.plus(t.filled), ZERO).gte(l.amount));
  const flat = Object.keys(residual).length === 0 && unresolved.length === 0;
  let status: ExecutionReport['status'];
  if (!anyFill && unresolved.length === 0) status = 'failed';
  else if (allComplete && repairs.length === 0 && flat) status = 'filled';
  else if (flat && repairs.length > 0) status = 'repaired';
  else status = 'partial';

  const notes = [...ctx.notes];
  for (const t of all) {
    const reason = t.order?.reason;
    if (t.order?.status === 'rejected' && reason !== undefined) notes.push(`${t.clientOrderId} rejected: ${reason}`);
  }
  if (unresolved.length > 0) notes.push(`unresolved orders: ${unresolved.map((t) => `${t.clientOrderId} (${t.status})`).join(', ')}`);
  if (status === 'partial' && flat) notes.push('every leg filled the same fraction short of its request; no exposure');
  if (unvalued.length > 0) notes.push(`no price in ${currency} for ${unvalued.join(', ')}; counted as 0`);

  return {
    opportunityId: ctx.opportunity.id,
    status,
    legs: legReports.map((x) => x.leg),
    repairs: repairReports.map((x) => x.leg),
    currency,
    realizedPnl: pnl,
    fees,
    residual,
    startedAt: ctx.startedAt,
    finishedAt: ctx.finishedAt,
    ...(notes.length === 0 ? {} : { reason: notes.join('; ') }),
  };
}

/** A report for an opportunity refused before any order was sent. */
export function rejectedReport(opportunity: Pick<Opportunity, 'id' | 'expected'>, reason: string, at: number): ExecutionReport {
  return {
    opportunityId: opportunity.id,
    status: 'rejected',
    legs: [],
    repairs: [],
    currency: opportunity.expected.currency,
    realizedPnl: ZERO,
    fees: ZERO,
    residual: {},
    startedAt: at,
    finishedAt: at,
    reason,
  };
}
