import { Decimal, executeOpportunities, type Opportunity } from '@arbot/core';
import { combineLatest, filter, map, take } from 'rxjs';
import type { BacktestContext } from '../../src/index';
import { snapshot } from './events';
import { btcUsdt } from './markets';

/** Buys on a and sells on b once b's best bid exceeds a's best ask by more than 1, limits `limitSlack` worse than the touch. */
export function spatialPipeline(limitSlack: number) {
  return (ctx: BacktestContext) =>
    combineLatest([ctx.venues.a?.orderBook$('BTC/USDT') ?? [], ctx.venues.b?.orderBook$('BTC/USDT') ?? []]).pipe(
      filter(([a, b]) => (b.bestBid ?? 0) - (a.bestAsk ?? Number.POSITIVE_INFINITY) > 1),
      take(1),
      map(
        ([a, b]): Opportunity => ({
          id: `arb-${ctx.clock.now()}`,
          kind: 'spatial',
          strategy: 'spatial-test',
          legs: [
            {
              venue: 'a',
              symbol: 'BTC/USDT',
              side: 'buy',
              amount: new Decimal(1),
              priceLimit: new Decimal((a.bestAsk ?? 0) + limitSlack),
              expectedPrice: new Decimal(a.bestAsk ?? 0),
            },
            {
              venue: 'b',
              symbol: 'BTC/USDT',
              side: 'sell',
              amount: new Decimal(1),
              priceLimit: new Decimal((b.bestBid ?? 0) - limitSlack),
              expectedPrice: new Decimal(b.bestBid ?? 0),
            },
          ],
          expected: {
            currency: 'USDT',
            gross: new Decimal(2),
            fees: new Decimal(0.2),
            net: new Decimal(1.8),
            netBps: 180,
            notional: new Decimal(100),
          },
          sources: [],
          detectedAt: ctx.clock.now(),
        }),
      ),
      ctx.tapOpportunities(),
      executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
    );
}

/** Books of venues a and b: an arbitrage opens at t = 2000 (b bids 102, a asks 100). */
export const feeds = () => [
  [snapshot('a', 1_000, 99, 100), snapshot('a', 3_000, 99.5, 100.5)],
  [snapshot('b', 1_000, 98, 99.5), snapshot('b', 2_000, 102, 103), snapshot('b', 2_030, 101.5, 103), snapshot('b', 3_000, 99, 101)],
];

/** Markets, balances and sampling of the spatial scenario. */
export const base = {
  markets: [btcUsdt('a'), btcUsdt('b')],
  balances: { a: { USDT: '1000' }, b: { BTC: '1' } },
  startPrices: { BTC: '100' },
  sampleEveryMs: 1_000,
};
