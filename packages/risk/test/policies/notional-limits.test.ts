import { type ExecutionReport, parseExecutionReport, ValidationError, VirtualClock } from '@arbot/core';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { notionalLimits, riskGate } from '../../src/index';
import { testCatalog } from '../support/markets';
import { spatial, triangle } from '../support/opportunities';

const markets = testCatalog();

// Buy 0.5 BTC at 30 000 on binance (notional 15 000), sell 0.5 at 30 100 on okx (15 050): 30 050 in flight.
const op = (id: string, amount = '0.5') => spatial({ id, amount, buyPrice: '30000', sellPrice: '30100' });

function report(opportunityId: string, residual: Record<string, string> = {}): ExecutionReport {
  return parseExecutionReport({
    opportunityId,
    status: 'filled',
    legs: [],
    currency: 'USDT',
    realizedPnl: '1',
    fees: '0',
    residual,
    startedAt: 0,
    finishedAt: 1,
  });
}

describe('notionalLimits', () => {
  it('resizes a leg above the per-order notional to the limit', () => {
    const clock = new VirtualClock();
    const gate = riskGate([notionalLimits({ maxOrderNotional: 10_000 })], { clock, markets });
    // Binding leg: sell 15 050 → scale 10 000 / 15 050 = 0.66445…; 0.5 × 0.66445 = 0.33222 → 0.332 (grid 0.001).
    const d = gate.evaluate(op('a'));
    expect(d.outcome).toBe('resized');
    expect(d.opportunity?.legs.map((l) => l.amount.toString())).toEqual(['0.332', '0.332']);
    expect(d.resizes[0]).toMatchObject({
      policy: 'notionalLimits',
      code: 'ORDER_NOTIONAL_LIMIT',
      details: { key: '1', exposure: 0, requested: 15_050, limit: 10_000 },
    });
    // 0.332 × 30 100 = 9 993.2 ≤ 10 000.
    expect(gate.evaluate(op('b', '0.332')).outcome).toBe('approved');
  });

  it('tracks total exposure from approvals: approve, then approve exactly to the limit, then reject', () => {
    const clock = new VirtualClock();
    const limits = notionalLimits({ maxTotalExposure: 60_100 });
    const gate = riskGate([limits], { clock, markets });
    gate.connect();
    expect(gate.evaluate(op('a')).outcome).toBe('approved'); // exposure 30 050
    expect(gate.evaluate(op('b')).outcome).toBe('approved'); // headroom 30 050 → scale exactly 1
    expect(limits.exposure()).toMatchObject({ total: 60_100, pending: 2, byVenue: { binance: 30_000, okx: 30_100 } });
    expect(gate.evaluate(op('c')).rejection).toEqual({
      policy: 'notionalLimits',
      code: 'TOTAL_EXPOSURE_LIMIT',
      details: { key: '*', exposure: 60_100, requested: 30_050, limit: 60_100 },
    });
  });

  it('releases exposure when the execution report arrives, and keeps the residual position', () => {
    const clock = new VirtualClock();
    const reports$ = new Subject<ExecutionReport>();
    const limits = notionalLimits({ maxTotalExposure: 40_000 });
    const gate = riskGate([limits], { clock, markets, reports$ });
    gate.connect();
    expect(gate.evaluate(op('a')).outcome).toBe('approved');
    // headroom 40 000 − 30 050 = 9 950 → scale 0.3311 → 0.5 × 0.3311 = 0.16556 → 0.165.
    expect(gate.evaluate(op('b')).opportunity?.legs[0]?.amount.toString()).toBe('0.165');
    reports$.next(report('a', { BTC: '0.1' }));
    reports$.next(report('b'));
    // 0.1 BTC left open, valued at leg 0's 30 000 → 3 000 of exposure remains.
    expect(limits.exposure()).toEqual({ total: 3_000, byAsset: { BTC: 3_000 }, byVenue: {}, pending: 0, positions: { BTC: '0.1' } });
    // headroom 37 000 ≥ 30 050.
    expect(gate.evaluate(op('c')).outcome).toBe('approved');
    // Flattening the residual closes the position.
    reports$.next(report('flatten', { BTC: '-0.1' }));
    expect(limits.exposure().positions).toEqual({});
  });

  it('expires reservations without a report after the TTL, by the clock', () => {
    const clock = new VirtualClock(0);
    const limits = notionalLimits({ maxTotalExposure: 30_050, reservationTtlMs: 1_000 });
    const gate = riskGate([limits], { clock, markets });
    gate.connect();
    expect(gate.evaluate(op('a')).outcome).toBe('approved');
    clock.advanceTo(999);
    expect(gate.evaluate(op('b')).rejection?.code).toBe('TOTAL_EXPOSURE_LIMIT');
    clock.advanceTo(1_000);
    expect(gate.evaluate(op('c')).outcome).toBe('approved');
  });

  it('limits per asset (with a default for unlisted assets) and per venue', () => {
    const clock = new VirtualClock();
    const perAsset = riskGate([notionalLimits({ maxAssetExposure: { BTC: 45_075, '*': 1 } })], { clock, markets });
    expect(perAsset.evaluate(op('a')).outcome).toBe('approved');
    // BTC headroom 45 075 − 30 050 = 15 025 = half of 30 050 → 0.25 BTC per leg.
    const half = perAsset.evaluate(op('b'));
    expect(half.opportunity?.legs.map((l) => l.amount.toString())).toEqual(['0.25', '0.25']);
    expect(half.resizes[0]).toMatchObject({ code: 'ASSET_EXPOSURE_LIMIT', details: { key: 'BTC', exposure: 30_050, requested: 30_050 } });

    const perVenue = riskGate([notionalLimits({ maxVenueExposure: { binance: 20_000 } })], { clock, markets });
    expect(perVenue.evaluate(op('a')).outcome).toBe('approved');
    // binance headroom 5 000 of 15 000 → scale 1/3 → 0.1666… → 0.166.
    const third = perVenue.evaluate(op('b'));
    expect(third.opportunity?.legs[0]?.amount.toString()).toBe('0.166');
    expect(third.resizes[0]).toMatchObject({ code: 'VENUE_EXPOSURE_LIMIT', details: { key: 'binance', exposure: 15_000, limit: 20_000 } });
  });

  it('values triangle legs in the opportunity currency through the other legs', () => {
    const clock = new VirtualClock();
    const limits = notionalLimits({ maxOrderNotional: 1_000_000 });
    const gate = riskGate([limits], { clock, markets });
    gate.connect();
    // BTC/USDT buy 0.5 at 30 000 = 15 000 USDT; ETH/BTC buy 7.5 at 0.0666 = 0.4995 BTC, valued through the
    // BTC/USDT leg at 30 000 = 14 985 USDT; ETH/USDT sell 7.5 at 2 000 = 15 000 USDT.
    const d = gate.evaluate(triangle({ btc: '0.5', eth: '7.5', btcUsdt: '30000', ethBtc: '0.0666', ethUsdt: '2000' }));
    expect(d.outcome).toBe('approved');
    const exposure = limits.exposure();
    expect(exposure.byAsset.BTC).toBeCloseTo(15_000, 6);
    expect(exposure.byAsset.ETH).toBeCloseTo(29_985, 6);
    expect(exposure.total).toBeCloseTo(44_985, 6);
  });

  it('rejects legs it cannot value and validates its options', () => {
    const clock = new VirtualClock();
    const gate = riskGate([notionalLimits({ maxTotalExposure: 1 })], { clock, markets });
    const usd = op('u');
    const d = gate.evaluate({ ...usd, expected: { ...usd.expected, currency: 'EUR' } });
    expect(d.rejection).toMatchObject({ code: 'UNVALUED_LEG', details: { leg: 0, currency: 'EUR' } });
    expect(() => notionalLimits({})).toThrow(ValidationError);
    expect(() => notionalLimits({ maxOrderNotional: -5 })).toThrow(ValidationError);
  });
});
