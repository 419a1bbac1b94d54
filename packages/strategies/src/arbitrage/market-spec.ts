import { type Decimal, type Market, toDecimal } from '@arbot/core';
import type { VenueFee } from './arbitrage-schemas';

/**
 * The numbers of one market a detector reads on its hot path, plus the
 * market itself for the exact final checks. Unbounded limits are `Infinity`.
 */
export interface MarketSpec {
  readonly market: Market;
  /** Amount step (lot size) as a number. */
  readonly amountStep: number;
  /** Smallest valid amount: the larger of one step and the market's minimum. */
  readonly minAmount: number;
  readonly maxAmount: number;
  /** Notional (amount × limit price) bounds. */
  readonly minCost: number;
  readonly maxCost: number;
  /** Taker rate used by the detectors (the override when one is given). */
  readonly taker: number;
  readonly takerDecimal: Decimal;
  /** Share of a buy's cost that must stay free in quote for its fee: the taker rate when the fee is paid in quote, else 0. */
  readonly quoteFeeReserve: number;
  readonly quoteFeeReserveDecimal: Decimal;
}

/** Builds the {@link MarketSpec} of `market`, applying the venue's fee override when there is one. */
export function marketSpec(market: Market, fee: VenueFee | undefined): MarketSpec {
  const takerDecimal = fee?.taker ?? market.fees.taker;
  const feeInQuote = (fee?.feeCurrency ?? 'quote') === 'quote';
  const quoteFeeReserveDecimal = feeInQuote && takerDecimal.gt(0) ? takerDecimal : toDecimal(0);
  const { amount, cost } = market.limits;
  const step = market.precision.amount;
  return {
    market,
    amountStep: step.toNumber(),
    minAmount: Math.max(step.toNumber(), amount.min?.toNumber() ?? 0),
    maxAmount: amount.max?.toNumber() ?? Number.POSITIVE_INFINITY,
    minCost: cost.min?.toNumber() ?? 0,
    maxCost: cost.max?.toNumber() ?? Number.POSITIVE_INFINITY,
    taker: takerDecimal.toNumber(),
    takerDecimal,
    quoteFeeReserve: quoteFeeReserveDecimal.toNumber(),
    quoteFeeReserveDecimal,
  };
}
