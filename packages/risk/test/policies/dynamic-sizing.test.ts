import { type OrderBookView, ValidationError, VirtualClock } from '@arbot/core';
import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { type DynamicSizingOptions, dynamicSizing, riskGate } from '../../src/index';
import { quote } from '../support/books';
import { testCatalog } from '../support/markets';
import { spatial } from '../support/opportunities';

const markets = testCatalog();
const op = () => spatial({ amount: '1', buyPrice: '30000', sellPrice: '30100' });
const a = Math.log(1.01); // one log return of 100 → 101

function setup(options: DynamicSizingOptions, mids: readonly [number, number][]) {
  const books$ = new Subject<OrderBookView>();
  const policy = dynamicSizing(options);
  const gate = riskGate([policy], { clock: new VirtualClock(), markets, books$ });
  gate.connect();
  for (const [t, mid] of mids) {
    books$.next(quote('binance', mid, t, 0.02));
    books$.next(quote('okx', mid, t, 0.02));
  }
  return { gate, policy };
}

// One book per second alternating 100 / 101: the closes of seconds 0…4 give returns +a, −a, +a, −a
// → mean 0, sample σ = a·√(4/3) = 0.0114896.
const alternating: [number, number][] = [0, 1, 2, 3, 4, 5].map((s) => [s * 1_000, s % 2 === 0 ? 100 : 101]);
const sigma = a * Math.sqrt(4 / 3);

describe('dynamicSizing', () => {
  it('estimates realized volatility from mids sampled per interval', () => {
    const { policy } = setup({ sampleMs: 1_000, window: 4, targetVolatility: 0.02 }, alternating);
    expect(policy.volatility('binance', 'BTC/USDT')).toBeCloseTo(sigma, 12);
  });

  it('approves while volatility is at or below the target', () => {
    expect(setup({ sampleMs: 1_000, window: 4, targetVolatility: 0.02 }, alternating).gate.evaluate(op()).outcome).toBe('approved');
  });

  it('scales down by target / σ with VOLATILITY_SCALING', () => {
    // 0.005 / 0.0114896 = 0.43518 → 1 BTC → 0.435 on the 0.001 grid.
    const d = setup({ sampleMs: 1_000, window: 4, targetVolatility: 0.005 }, alternating).gate.evaluate(op());
    expect(d.opportunity?.legs.map((l) => l.amount.toString())).toEqual(['0.435', '0.435']);
    expect(d.resizes[0]?.code).toBe('VOLATILITY_SCALING');
    expect(d.resizes[0]?.details.volatility).toBeCloseTo(sigma, 12);
  });

  it('rejects below minScale with VOLATILITY_TOO_HIGH', () => {
    const d = setup({ sampleMs: 1_000, window: 4, targetVolatility: 0.005, minScale: 0.5 }, alternating).gate.evaluate(op());
    expect(d.rejection).toMatchObject({ code: 'VOLATILITY_TOO_HIGH', details: { venue: 'binance', minScale: 0.5 } });
  });

  it('rejects while warming up unless told to approve', () => {
    const few = alternating.slice(0, 4); // only 2 returns
    expect(setup({ sampleMs: 1_000, window: 4, targetVolatility: 0.005 }, few).gate.evaluate(op()).rejection).toMatchObject({
      code: 'VOLATILITY_WARMUP',
      details: { minSamples: 4 },
    });
    expect(setup({ sampleMs: 1_000, window: 4, targetVolatility: 0.005, whenWarmingUp: 'approve' }, few).gate.evaluate(op()).outcome).toBe(
      'approved',
    );
  });

  it('samples previous-tick: seconds without books close at the last mid (zero returns)', () => {
    // Books at 0 s (100), 1 s (101), 4 s (100), 5 s (101): closes 100, 101, 101, 101, 100 → returns +a, 0, 0, −a
    // → mean 0, sample σ = √(2a² / 3) = a·√(2/3).
    const { policy } = setup({ sampleMs: 1_000, window: 4, targetVolatility: 0.02 }, [
      [0, 100],
      [1_000, 101],
      [4_000, 100],
      [5_000, 101],
    ]);
    expect(policy.volatility('binance', 'BTC/USDT')).toBeCloseTo(a * Math.sqrt(2 / 3), 12);
  });

  it('validates its options', () => {
    expect(() => dynamicSizing({ sampleMs: 0, targetVolatility: 0.01 })).toThrow(ValidationError);
    expect(() => dynamicSizing({ sampleMs: 1_000, window: 10, minSamples: 20, targetVolatility: 0.01 })).toThrow(/minSamples/);
  });
});
