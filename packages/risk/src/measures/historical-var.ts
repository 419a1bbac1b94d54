import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { InsufficientDataError } from '../errors/insufficient-data-error';
import { type PortfolioRiskInput, PortfolioRiskInputSchema, portfolioReturns, type RiskMeasure, riskMeasure } from './portfolio-input';
import { tailRisk } from './tail-risk';

const HistoricalOptionsSchema = z.object({
  /**
   * How a multi-period horizon is built: `overlapping` (default) compounds
   * every run of `horizon` consecutive portfolio returns into one scenario,
   * `(1 + r_t)…(1 + r_{t+h−1}) − 1`, giving n − h + 1 overlapping
   * scenarios; `sqrtTime` scales the one-period figures by √horizon.
   */
  horizonMethod: z.enum(['overlapping', 'sqrtTime']).default('overlapping'),
});

/** What {@link historicalVar} accepts. */
export type HistoricalVarInput = PortfolioRiskInput & z.input<typeof HistoricalOptionsSchema>;

/**
 * Historical-simulation VaR and expected shortfall: the portfolio's own past
 * returns are the scenarios, with no distributional assumption. Tail
 * conventions are those of `tailRisk` (VaR = the ⌈n(1−c)⌉-th worst loss; ES
 * = Acerbi–Tasche mean of the worst n(1−c)). Throws `InsufficientDataError`
 * when the horizon is longer than the series (overlapping method).
 *
 * @example
 * ```ts
 * const r = historicalVar({ returns: [btcReturns, ethReturns], weights: [0.6, 0.4], confidence: 0.99, portfolioValue: 250_000 });
 * r.valueAtRiskAmount; // 1-day 99 % VaR in USDT
 * ```
 */
export function historicalVar(input: HistoricalVarInput): RiskMeasure {
  const parsed = parseWith(PortfolioRiskInputSchema, input, 'historicalVar input');
  const { horizonMethod } = parseWith(HistoricalOptionsSchema, { horizonMethod: input.horizonMethod }, 'historicalVar input');
  const returns = portfolioReturns(parsed.series, parsed.weights);
  const h = parsed.horizon;
  if (horizonMethod === 'sqrtTime' || h === 1) {
    const one = tailRisk(
      returns.map((r) => -r),
      parsed.confidence,
    );
    const k = Math.sqrt(h);
    return riskMeasure('historical', parsed, one.valueAtRisk * k, one.expectedShortfall * k, returns.length);
  }
  if (h > returns.length) {
    throw new InsufficientDataError(`A ${h}-period horizon needs at least ${h} returns, got ${returns.length}`, {
      field: 'horizon',
      horizon: h,
      observations: returns.length,
    });
  }
  const losses: number[] = [];
  for (let t = 0; t + h <= returns.length; t++) {
    let growth = 1;
    for (let j = 0; j < h; j++) growth *= 1 + (returns[t + j] ?? 0);
    losses.push(1 - growth);
  }
  const tail = tailRisk(losses, parsed.confidence);
  return riskMeasure('historical', parsed, tail.valueAtRisk, tail.expectedShortfall, losses.length);
}
