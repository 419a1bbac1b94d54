import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import {
  BollingerState,
  bollinger,
  EmaState,
  ema,
  MaCrossoverState,
  MacdState,
  maCrossover,
  macd,
  rollingOLS,
  rsi,
  SmaState,
  sma,
  stddev,
  wma,
  zscore,
} from '../../src/index';

function issueOf(fn: () => unknown): { field: string; value: unknown; message: string } | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.issues[0];
    throw err;
  }
  return undefined;
}

describe('options are validated with typed errors', () => {
  it.each([
    ['sma', () => sma({ period: 0 })],
    ['ema', () => ema({ period: 2.5 })],
    ['wma', () => wma({ period: -3 })],
    ['stddev', () => stddev({ period: Number.NaN })],
    ['zscore', () => zscore({ period: 2_000_000 })],
    ['rsi', () => rsi({ period: 0 })],
  ])('%s rejects a bad period and names it', (_, fn) => {
    expect(issueOf(fn)?.field).toBe('period');
  });

  it('the array form validates its options too', () => {
    expect(issueOf(() => sma([1, 2, 3], { period: 0 }))?.field).toBe('period');
    expect(() => sma([1, 2, 3], undefined as unknown as { period: number })).toThrow(ValidationError);
  });

  it('macd and maCrossover need fast < slow', () => {
    expect(issueOf(() => macd({ fast: 26, slow: 12 }))).toMatchObject({ field: 'fast', message: 'fast must be < slow' });
    expect(issueOf(() => maCrossover({ fast: 200, slow: 50 }))?.field).toBe('fast');
    expect(issueOf(() => new MacdState(3, 3, 2))?.field).toBe('fast');
    expect(issueOf(() => new MaCrossoverState(5, 5))?.field).toBe('fast');
  });

  it('bollinger rejects negative multipliers, rollingOLS a period below 2', () => {
    expect(issueOf(() => bollinger({ stdDevUp: -1 }))?.field).toBe('stdDevUp');
    expect(issueOf(() => new BollingerState(20, 2, Number.POSITIVE_INFINITY))?.field).toBe('stdDevDown');
    expect(issueOf(() => rollingOLS({ period: 1 }))?.field).toBe('period');
  });

  it('unknown sources are refused', () => {
    expect(issueOf(() => sma({ period: 3, source: 'vwap' as 'close' }))?.field).toBe('source');
  });

  it('state constructors validate their period', () => {
    expect(() => new SmaState(0)).toThrow(ValidationError);
    expect(() => new EmaState(1.5)).toThrow(ValidationError);
  });

  it('the error message names the offending value', () => {
    expect(() => sma({ period: 0 })).toThrow(/period = 0/);
  });
});
