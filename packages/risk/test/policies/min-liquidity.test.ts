import { type OrderBookView, ValidationError, VirtualClock } from '@arbot/core';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { depthWithin, type MinLiquidityOptions, minLiquidity, riskGate } from '../../src/index';
import { bookView } from '../support/books';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();
const op = (amount: string) => spatial({ amount, buyPrice: '30000', sellPrice: '30100' });

// Within 10 bp: binance asks up to 30 000 × 1.001 = 30 030 → 0.2 + 0.3 = 0.5 BTC;
// okx bids down to 30 100 × 0.999 = 30 069.9 → 0.4 + 0.4 = 0.8 BTC.
const binance = bookView({
  venue: 'binance',
  bids: [[29_990, 1]],
  asks: [
    [30_000, 0.2],
    [30_010, 0.3],
    [30_100, 5],
  ],
});
const okx = bookView({
  venue: 'okx',
  bids: [
    [30_100, 0.4],
    [30_090, 0.4],
    [30_000, 10],
  ],
  asks: [[30_110, 1]],
});

function setup(options: MinLiquidityOptions, views: readonly OrderBookView[] = [binance, okx]) {
  const books$ = new Subject<OrderBookView>();
  const gate = riskGate([minLiquidity(options)], { clock: new VirtualClock(), markets, books$ });
  gate.connect();
  for (const v of views) books$.next(v);
  return gate;
}

describe('depthWithin', () => {
  it('sums the levels within the band, edges inclusive', () => {
    expect(depthWithin(binance, 'buy', 10)).toBe(0.5);
    expect(depthWithin(okx, 'sell', 10)).toBe(0.8);
    const edge = bookView({
      venue: 'x',
      bids: [
        [100, 1],
        [99.9, 2],
        [99.8, 4],
      ],
      asks: [
        [100.1, 1],
        [100.2, 2],
        [100.3, 4],
      ],
    });
    expect(depthWithin(edge, 'buy', 10 / 1.001)).toBe(3); // edge 100.1 × (1 + 0.000999) = 100.2
    expect(depthWithin(edge, 'sell', 10)).toBe(3); // edge 100 × 0.999 = 99.9
    expect(depthWithin(bookView({ venue: 'x', bids: [], asks: [] }), 'buy', 10)).toBe(0);
  });
});

describe('minLiquidity', () => {
  it('approves legs covered within the band', () => {
    expect(setup({ withinBps: 10 }).evaluate(op('0.5')).outcome).toBe('approved');
  });

  it('resizes to the depth of the thinnest leg with INSUFFICIENT_LIQUIDITY', () => {
    const d = setup({ withinBps: 10 }).evaluate(op('1'));
    expect(d.opportunity?.legs.map((l) => l.amount.toString())).toEqual(['0.5', '0.5']);
    expect(d.resizes[0]).toEqual({
      policy: 'minLiquidity',
      code: 'INSUFFICIENT_LIQUIDITY',
      scale: 0.5,
      details: { venue: 'binance', symbol: 'BTC/USDT', depth: 0.5, required: 1, withinBps: 10 },
    });
    // coverage 2: 0.5 BTC needs 1 BTC within the band → scale 0.5 → 0.25.
    expect(setup({ withinBps: 10, coverage: 2 }).evaluate(op('0.5')).opportunity?.legs[0]?.amount.toString()).toBe('0.25');
  });

  it('rejects in reject mode, on an empty band, and without a book', () => {
    expect(setup({ withinBps: 10, mode: 'reject' }).evaluate(op('1')).rejection?.code).toBe('INSUFFICIENT_LIQUIDITY');
    const empty = bookView({ venue: 'binance', bids: [[29_990, 1]], asks: [] });
    expect(setup({ withinBps: 10 }, [empty, okx]).evaluate(op('0.5')).rejection).toMatchObject({
      code: 'INSUFFICIENT_LIQUIDITY',
      details: { venue: 'binance', depth: 0 },
    });
    expect(setup({ withinBps: 10 }, [okx]).evaluate(op('0.5')).rejection?.code).toBe('MISSING_BOOK');
  });

  it('validates its options', () => {
    expect(() => minLiquidity({ withinBps: -1 })).toThrow(ValidationError);
    expect(() => minLiquidity({ withinBps: 5, coverage: 0 })).toThrow(ValidationError);
  });
});
