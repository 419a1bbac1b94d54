import { Decimal, type ExecutionReport, type Fill, MissingPriceError, type Opportunity } from '@arbot/core';
import type { RecordedFill } from '../metrics/recorded-fill';

/**
 * The strategy name of fills no execution report claims (orders placed
 * outside an executor, or opportunities not seen by `tapOpportunities`).
 *
 * @example
 * ```ts
 * const stray = result.fills.filter((f) => f.strategy === UNATTRIBUTED);
 * ```
 */
export const UNATTRIBUTED = 'unattributed';

interface PendingFill {
  readonly fill: Fill;
  readonly base: string;
  readonly quote: string;
  readonly notional: Decimal;
  readonly feeValue: Decimal;
}

/**
 * Collects fills as the venues report them, valued in the valuation
 * currency at that moment, plus the opportunities and execution reports
 * that say which strategy each fill served. Attribution happens at the end
 * (`fills()`), since a report arrives after its fills.
 */
export class FillRecorder {
  private readonly pending: PendingFill[] = [];
  private readonly strategies = new Map<string, string>();
  private readonly opportunityOfOrder = new Map<string, string>();
  private readonly reportList: ExecutionReport[] = [];
  private opportunityCount = 0;

  constructor(
    private readonly valuationCurrency: string,
    /** Current mark of an asset in the valuation currency. */
    private readonly markOf: (asset: string) => Decimal | undefined,
  ) {}

  /** Records a fill on a market of `base`/`quote`. Throws `MissingPriceError` when the quote (or fee asset) has no mark. */
  fill(fill: Fill, base: string, quote: string): void {
    const price = new Decimal(fill.price);
    const amount = new Decimal(fill.amount);
    const quoteMark = this.mark(quote);
    const notional = price.times(amount).times(quoteMark);
    const fee = new Decimal(fill.fee.amount);
    let feeValue: Decimal;
    if (fee.isZero()) feeValue = new Decimal(0);
    else if (fill.fee.asset === quote) feeValue = fee.times(quoteMark);
    else if (fill.fee.asset === base) feeValue = fee.times(price).times(quoteMark);
    else feeValue = fee.times(this.mark(fill.fee.asset));
    this.pending.push({ fill, base, quote, notional, feeValue });
  }

  /** Remembers an opportunity's strategy. */
  opportunity(opportunity: Opportunity): void {
    this.opportunityCount++;
    this.strategies.set(opportunity.id, opportunity.strategy === '' ? opportunity.kind : opportunity.strategy);
  }

  /** Remembers a report and the orders it covers. */
  report(report: ExecutionReport): void {
    this.reportList.push(report);
    for (const leg of [...report.legs, ...report.repairs]) {
      for (const order of leg.orders) this.opportunityOfOrder.set(order.id, report.opportunityId);
      for (const fill of leg.fills) this.opportunityOfOrder.set(fill.orderId, report.opportunityId);
    }
  }

  /** Number of opportunities seen by `tapOpportunities`. */
  get opportunities(): number {
    return this.opportunityCount;
  }

  /** Every report, in arrival order. */
  reports(): readonly ExecutionReport[] {
    return this.reportList;
  }

  /** Every fill, by fill time (ties in arrival order), attributed to its opportunity and strategy. */
  fills(): RecordedFill[] {
    // Fill reports of different venues may arrive out of time order (their latencies differ).
    const ordered = [...this.pending].sort((a, b) => a.fill.ts - b.fill.ts);
    return ordered.map((p) => {
      const opportunityId = this.opportunityOfOrder.get(p.fill.orderId);
      const strategy = opportunityId === undefined ? UNATTRIBUTED : (this.strategies.get(opportunityId) ?? UNATTRIBUTED);
      return { ...p, strategy, opportunityId };
    });
  }

  private mark(asset: string): Decimal {
    if (asset === this.valuationCurrency) return new Decimal(1);
    const mark = this.markOf(asset);
    if (mark === undefined) throw new MissingPriceError(asset, this.valuationCurrency);
    return mark;
  }
}
