import { Decimal, type ExecutionReport, type LegExecution, type Market } from '@arbot/core';

/**
 * The base a strategy holds on one market, from the execution reports of its
 * own opportunities (those whose id starts with `idPrefix`): every fill on
 * the market, legs and repairs alike, counts — a buy adds its amount, a sell
 * removes it, and a fee paid in the base (as Binance takes a buy's fee from
 * the coins received) removes the fee. Reports of other opportunities and
 * fills of other markets are ignored. Not exported from the package.
 */
export class ReportedPosition {
  private held = new Decimal(0);

  constructor(
    private readonly market: Market,
    private readonly idPrefix: string,
  ) {}

  /** Base held now (never below 0, even if the reports undercount the buys). */
  get base(): Decimal {
    return Decimal.max(this.held, 0);
  }

  apply(report: ExecutionReport): void {
    if (!report.opportunityId.startsWith(this.idPrefix)) return;
    for (const leg of [...report.legs, ...report.repairs]) this.applyLeg(leg);
  }

  private applyLeg(leg: LegExecution): void {
    const { venue, symbol, base } = this.market;
    for (const fill of leg.fills) {
      if (fill.venue !== venue || fill.symbol !== symbol) continue;
      const baseFee = fill.fee.asset === base ? fill.fee.amount : 0;
      this.held = fill.side === 'buy' ? this.held.plus(fill.amount).minus(baseFee) : this.held.minus(fill.amount).minus(baseFee);
    }
  }
}
