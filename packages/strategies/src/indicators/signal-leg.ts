import { Decimal, type Market, type OpportunityLeg, roundPrice, type Side, toDecimal, ValidationError } from '@arbot/core';

/**
 * The order leg of a trading decision on one market: `amount` base at a
 * limit `slippageBps` worse than `referencePrice` (above it for a buy, below
 * for a sell), rounded to the tick in the direction that keeps the
 * allowance (a buy rounds down, a sell up). `expectedPrice` is the reference
 * price itself. `amount` must already be on the market's amount grid.
 *
 * @example
 * ```ts
 * // tick 0.01, 10 bps: 30000 × 1.001 = 30030
 * const leg = signalLeg(btcUsdt, 'buy', new Decimal('0.01'), 30000, 10);
 * leg.priceLimit.toString(); // '30030'
 * ```
 */
export function signalLeg(market: Market, side: Side, amount: Decimal, referencePrice: number, slippageBps: number): OpportunityLeg {
  const reference = toDecimal(referencePrice);
  const allowance = new Decimal(slippageBps).div(10_000);
  const raw = side === 'buy' ? reference.times(allowance.plus(1)) : reference.times(new Decimal(1).minus(allowance));
  const priceLimit = roundPrice(market, raw, side);
  if (!priceLimit.gt(0)) {
    throw new ValidationError(`price limit for ${market.venue} ${market.symbol}`, [
      { field: 'priceLimit', value: priceLimit.toString(), message: `rounds to a non-positive price from ${reference.toString()}` },
    ]);
  }
  return { venue: market.venue, symbol: market.symbol, side, amount, priceLimit, expectedPrice: reference };
}
