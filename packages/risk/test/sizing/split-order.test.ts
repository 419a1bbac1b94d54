import { Decimal, isMultipleOfStep, type OpportunityLeg, ValidationError } from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SplitOrderError, splitOrder } from '../../src/index';
import { bookView } from '../support/books';
import { binanceBtc, bybitBtc, okxBtc } from '../support/markets';
import { spatial } from '../support/opportunities';

const buyLeg = (amount: string, price = '30000'): OpportunityLeg => {
  const leg = spatial({ amount, buyPrice: price, sellPrice: '40000' }).legs[0];
  if (leg === undefined) throw new Error('no leg');
  return leg;
};
const amounts = (legs: readonly OpportunityLeg[]) => legs.map((l) => l.amount.toString());

describe('splitOrder', () => {
  it('cuts by the max child notional into near-equal children', () => {
    // cap = ⌊10 000 / 30 000⌋ on 0.0001 = 0.3333 → n = ⌈1 / 0.3333⌉ = 4 → 4 × 0.25.
    expect(amounts(splitOrder(buyLeg('1'), { market: binanceBtc, maxChildNotional: 10_000 }))).toEqual(['0.25', '0.25', '0.25', '0.25']);
    // 1.0001 = 10 001 steps over 4 children: 2 501 + 2 500 × 3.
    expect(amounts(splitOrder(buyLeg('1.0001'), { market: binanceBtc, maxChildNotional: 10_000 }))).toEqual([
      '0.2501',
      '0.25',
      '0.25',
      '0.25',
    ]);
  });

  it('cuts by a share of the depth within the band of the touch', () => {
    // asks within 10 bp of 30 000 (≤ 30 030): 0.2 + 0.3 = 0.5; participation 0.5 → cap 0.25 → 0.9 = 4 children (0.225 each).
    const book = bookView({
      venue: 'binance',
      bids: [[29_990, 1]],
      asks: [
        [30_000, 0.2],
        [30_010, 0.3],
        [30_100, 5],
      ],
    });
    const children = splitOrder(buyLeg('0.9'), { market: binanceBtc, book, participation: 0.5, withinBps: 10 });
    expect(amounts(children)).toEqual(['0.225', '0.225', '0.225', '0.225']);
    expect(children[0]).toMatchObject({ venue: 'binance', side: 'buy', priceLimit: new Decimal('30000') });
    // Both caps: the tighter wins (5 000 / 30 000 → 0.1666).
    expect(splitOrder(buyLeg('0.9'), { market: binanceBtc, book, maxChildNotional: 5_000 })).toHaveLength(6);
  });

  it('returns the leg whole when it fits in one child', () => {
    expect(amounts(splitOrder(buyLeg('0.1'), { market: binanceBtc, maxChildNotional: 10_000 }))).toEqual(['0.1']);
  });

  it('throws NO_LIQUIDITY, CHILD_BELOW_MINIMUM and TOO_MANY_CHILDREN with the numbers', () => {
    const empty = bookView({ venue: 'binance', bids: [[29_990, 1]], asks: [] });
    expect(() => splitOrder(buyLeg('1'), { market: binanceBtc, book: empty })).toThrow(SplitOrderError);
    try {
      // cap ⌊12 / 30 000⌋ = 0.0004 → 0.001 over 3 children: 0.0004, 0.0003, 0.0003; 0.0003 × 30 000 = 9 < 10 minimum.
      splitOrder(buyLeg('0.001'), { market: binanceBtc, maxChildNotional: 12 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(SplitOrderError);
      expect((err as SplitOrderError).code).toBe('CHILD_BELOW_MINIMUM');
      expect((err as SplitOrderError).context).toMatchObject({ child: '0.0003', violation: 'MIN_NOTIONAL' });
    }
    expect(() => splitOrder(buyLeg('10'), { market: binanceBtc, maxChildNotional: 12, maxChildren: 100 })).toThrow(
      /children would be needed/,
    );
  });

  it('refuses another market and missing caps', () => {
    expect(() => splitOrder(buyLeg('1'), { market: okxBtc, maxChildNotional: 1_000 })).toThrow(ValidationError);
    expect(() => splitOrder(buyLeg('1'), { market: binanceBtc })).toThrow(ValidationError);
  });

  it('property: children add up to the leg, stay on the step, never exceed the cap and differ by at most one step', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 100, max: 50_000 }), (units, maxNotional) => {
        // bybit: step 0.00001, no minimums, so every split is valid.
        const amount = new Decimal(units).times('0.00001');
        const leg = { ...buyLeg('1'), venue: 'bybit', amount };
        const children = splitOrder(leg, { market: bybitBtc, maxChildNotional: maxNotional });
        const cap = new Decimal(maxNotional).div(30_000);
        const sizes = children.map((c) => c.amount);
        const total = sizes.reduce((x, y) => x.plus(y), new Decimal(0));
        const spread = Decimal.max(...sizes).minus(Decimal.min(...sizes));
        return total.eq(amount) && sizes.every((s) => isMultipleOfStep(s, '0.00001') && s.lte(cap) && s.gt(0)) && spread.lte('0.00001');
      }),
      { numRuns: 300 },
    );
  });
});
