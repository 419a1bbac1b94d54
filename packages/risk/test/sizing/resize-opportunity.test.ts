import { Decimal, isMultipleOfStep, type Opportunity, VirtualClock } from '@arbot/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commonStep, resizeBy, resizeOpportunity, riskGate } from '../../src/index';
import { testCatalog } from '../support/markets';
import { spatial, triangle } from '../support/opportunities';
import { resizeOpportunityReference } from './resize-reference';

const markets = testCatalog();
const amounts = (op: Opportunity) => op.legs.map((l) => l.amount.toString());

describe('commonStep', () => {
  it('is the least common multiple of decimal steps', () => {
    expect(commonStep([new Decimal('0.001'), new Decimal('0.0004')]).toString()).toBe('0.002'); // 10 and 4 units of 1e-4 → 20
    expect(commonStep([new Decimal('0.0001'), new Decimal('0.001')]).toString()).toBe('0.001');
    expect(commonStep([new Decimal('0.3'), new Decimal('0.7')]).toString()).toBe('2.1');
    expect(commonStep([new Decimal('5')]).toString()).toBe('5');
  });
});

describe('resizeOpportunity', () => {
  it('keeps spatial legs equal on the common grid of their steps', () => {
    // okx step 0.001, kraken step 0.0004 → grid 0.002; 1 × 0.3337 = 0.3337 → ⌊166.85⌋ × 0.002 = 0.332.
    const op = spatial({
      buyVenue: 'okx',
      sellVenue: 'kraken',
      amount: '1',
      buyPrice: '30000',
      sellPrice: '30100',
      gross: '100',
      fees: '40',
    });
    const r = resizeOpportunity(op, '0.3337', markets);
    if (!r.ok) throw new Error(r.code);
    expect(amounts(r.opportunity)).toEqual(['0.332', '0.332']);
    expect(r.ratio.toString()).toBe('0.332');
    // gross 100 × 0.332 = 33.2, fees 40 × 0.332 = 13.28, net 60 × 0.332 = 19.92, notional 30000 × 0.332 = 9960.
    expect(r.opportunity.expected.gross.toString()).toBe('33.2');
    expect(r.opportunity.expected.fees.toString()).toBe('13.28');
    expect(r.opportunity.expected.net.toString()).toBe('19.92');
    expect(r.opportunity.expected.notional.toString()).toBe('9960');
    expect(r.opportunity.expected.netBps).toBe(op.expected.netBps);
    expect(r.opportunity.id).toBe(op.id);
  });

  it('scales triangle hops proportionally at the factor of the hop that rounded down most', () => {
    const op = triangle({ btc: '0.5', eth: '7.5', btcUsdt: '30000', ethBtc: '0.0666', ethUsdt: '2000', net: '12' });
    // BTC hop (step 0.0001): 0.5 × 0.33337 = 0.166685 → 0.1666, ratio 0.3332.
    // ETH hops (ETH/BTC step 0.001, ETH/USDT step 0.0001 → grid 0.001): 7.5 × 0.33337 = 2.500275 → 2.5, ratio 0.33333…
    // Common factor 0.3332 → ETH 7.5 × 0.1666 / 0.5 = 2.499 (on the 0.001 grid).
    const r = resizeOpportunity(op, '0.33337', markets);
    if (!r.ok) throw new Error(r.code);
    expect(amounts(r.opportunity)).toEqual(['0.1666', '2.499', '2.499']);
    expect(r.ratio.toString()).toBe('0.3332');
    expect(r.opportunity.expected.net.toString()).toBe('3.9984'); // 12 × 0.3332
  });

  it('fails with the reason when a market is unknown, a leg rounds to zero, or a limit breaks', () => {
    const unknown = spatial({ buyVenue: 'nowhere', amount: '1', buyPrice: '30000', sellPrice: '30100' });
    expect(resizeOpportunity(unknown, 0.5, markets)).toEqual({
      ok: false,
      code: 'UNKNOWN_MARKET',
      details: { leg: 0, venue: 'nowhere', symbol: 'BTC/USDT' },
    });
    // 0.001 × 0.5 = 0.0005 → 0 on the 0.001 grid.
    expect(resizeOpportunity(spatial({ amount: '0.001', buyPrice: '30000', sellPrice: '30100' }), 0.5, markets)).toMatchObject({
      ok: false,
      code: 'RESIZE_TO_ZERO',
      details: { leg: 0, amount: '0.001', scaled: '0.0005', step: '0.001' },
    });
    // 0.01 × 0.5 = 0.005 BTC × 1000 = 5 USDT < binance min notional 10.
    expect(resizeOpportunity(spatial({ amount: '0.01', buyPrice: '1000', sellPrice: '1001' }), 0.5, markets)).toMatchObject({
      ok: false,
      code: 'RESIZE_INVALID',
      details: { leg: 0, venue: 'binance', violation: 'MIN_NOTIONAL', amount: '0.005' },
    });
  });

  it('rounds exactly where floating point would land a hair below a grid point', () => {
    // 0.7 × 0.1 = 0.07 exactly, 700 steps of 0.0001 (binance/bybit grid), but 0.7 × 0.1 / 0.0001 is 699.999… in doubles.
    const op = spatial({ buyVenue: 'binance', sellVenue: 'bybit', amount: '0.7', buyPrice: '30000', sellPrice: '30100' });
    const r = resizeOpportunity(op, 0.1, markets);
    if (!r.ok) throw new Error(r.code);
    expect(amounts(r.opportunity)).toEqual(['0.07', '0.07']);
    expect(r.ratio.toString()).toBe('0.1');
    // 0.2 × 0.5 = 0.1 sits exactly on the okx/binance grid of 0.001.
    const half = resizeOpportunity(spatial({ amount: '0.2', buyPrice: '30000', sellPrice: '30100' }), 0.5, markets);
    expect(half.ok && amounts(half.opportunity)).toEqual(['0.1', '0.1']);
  });

  it('refuses scales outside (0, 1]', () => {
    const op = spatial({ amount: '1', buyPrice: '30000', sellPrice: '30100' });
    expect(() => resizeOpportunity(op, 0, markets)).toThrow(/resize scale/);
    expect(() => resizeOpportunity(op, '1.01', markets)).toThrow(/never enlarges/);
  });

  it('property: spatial legs never grow, stay equal, stay on every step, and lose less than one common step', () => {
    const grid = new Decimal('0.002'); // okx 0.001 × kraken 0.0004
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50_000 }), fc.double({ min: 1e-6, max: 1, noNaN: true }), (units, scale) => {
        const amount = new Decimal(units).times('0.002');
        const op = spatial({ buyVenue: 'okx', sellVenue: 'kraken', amount: amount.toString(), buyPrice: '30000', sellPrice: '30100' });
        const r = resizeOpportunity(op, scale, markets);
        if (!r.ok) return r.code === 'RESIZE_TO_ZERO' && amount.times(scale).lt(grid);
        const [buy, sell] = r.opportunity.legs;
        if (buy === undefined || sell === undefined) return false;
        return (
          buy.amount.eq(sell.amount) &&
          buy.amount.lte(amount.times(scale)) &&
          buy.amount.gt(amount.times(scale).minus(grid)) &&
          isMultipleOfStep(buy.amount, '0.001') &&
          isMultipleOfStep(buy.amount, '0.0004')
        );
      }),
      { numRuns: 300 },
    );
  });

  it('property: triangle hops never grow beyond the scale and stay on their steps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 100, max: 1_000_000 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (btcUnits, ethUnits, scale) => {
          const btc = new Decimal(btcUnits).times('0.0001');
          const eth = new Decimal(ethUnits).times('0.001');
          const op = triangle({ btc: btc.toString(), eth: eth.toString(), btcUsdt: '30000', ethBtc: '0.0666', ethUsdt: '2000' });
          const r = resizeOpportunity(op, scale, markets);
          if (!r.ok) return r.code === 'RESIZE_TO_ZERO' || r.code === 'RESIZE_INVALID';
          const [a, b, c] = r.opportunity.legs;
          if (a === undefined || b === undefined || c === undefined) return false;
          return (
            a.amount.lte(btc.times(scale)) &&
            b.amount.lte(eth.times(scale)) &&
            b.amount.eq(c.amount) &&
            isMultipleOfStep(a.amount, '0.0001') &&
            isMultipleOfStep(b.amount, '0.001') &&
            r.ratio.lte(scale)
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: through a gate, a resized opportunity never exceeds the original and stays on each step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }),
        (units, scales) => {
          const clock = new VirtualClock();
          const policies = scales.map((s, i) => ({ name: `p${i}`, evaluate: () => resizeBy(s, 'TEST') }));
          const gate = riskGate(policies, { clock, markets });
          const amount = new Decimal(units).times('0.001');
          const decision = gate.evaluate(spatial({ amount: amount.toString(), buyPrice: '30000', sellPrice: '30100' }));
          if (decision.outcome === 'rejected') return ['RESIZE_TO_ZERO', 'RESIZE_INVALID'].includes(decision.rejection?.code ?? '');
          return (decision.opportunity?.legs ?? []).every((l) => l.amount.lte(amount) && isMultipleOfStep(l.amount, '0.001'));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('property: equals the all-Decimal reference, including scales that land exactly on grid points', () => {
    const venues = ['binance', 'okx', 'kraken', 'bybit'] as const;
    const describeResult = (r: ReturnType<typeof resizeOpportunity>) =>
      r.ok
        ? { ok: true, amounts: amounts(r.opportunity), ratio: r.ratio.toString(), net: r.opportunity.expected.net.toString() }
        : { ok: false, code: r.code, details: r.details };
    // Scales: any double, a short decimal (0.35), or the exact ratio of two step counts (lands on a grid point).
    const scale = fc.oneof(
      fc.double({ min: 1e-4, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000),
      fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 5000 })).map(([a, b]) => Math.min(a, b) / Math.max(a, b)),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...venues),
        fc.constantFrom(...venues),
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.constantFrom('0.00001', '0.0001', '0.001', '0.0004'),
        scale,
        (buyVenue, sellVenue, units, unit, s) => {
          if (buyVenue === sellVenue) return true;
          // Amounts on some grid, not necessarily the legs' common one (then rounding also drops the off-grid part).
          const amount = new Decimal(units).times(unit).toString();
          const op = spatial({ buyVenue, sellVenue, amount, buyPrice: '30000', sellPrice: '30100' });
          expect(describeResult(resizeOpportunity(op, s, markets))).toEqual(describeResult(resizeOpportunityReference(op, s, markets)));
          return true;
        },
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 100, max: 1_000_000 }), scale, (btcUnits, ethUnits, s) => {
        const btc = new Decimal(btcUnits).times('0.0001').toString();
        const eth = new Decimal(ethUnits).times('0.001').toString();
        const op = triangle({ btc, eth, btcUsdt: '30000', ethBtc: '0.0666', ethUsdt: '2000' });
        expect(describeResult(resizeOpportunity(op, s, markets))).toEqual(describeResult(resizeOpportunityReference(op, s, markets)));
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});
