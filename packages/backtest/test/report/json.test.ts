import { Decimal } from '@arbot/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { canonicalize, runBacktest, toJSON } from '../../src/index';
import { snapshot } from '../support/events';
import { btcUsdt } from '../support/markets';
import { sampleResult } from '../support/sample-result';

describe('canonicalize', () => {
  it('sorts keys, writes decimals exactly and non-finite numbers as strings', () => {
    const value = {
      b: new Decimal('0.10'),
      a: [1, Number.POSITIVE_INFINITY, undefined, new Decimal('1e-12')],
      c: undefined,
      d: { z: 1, y: Number.NaN },
    };
    expect(JSON.stringify(canonicalize(value))).toBe('{"a":[1,"Infinity",null,"0.000000000001"],"b":"0.1","d":{"y":"NaN","z":1}}');
  });

  it('turns maps into objects and sets into sorted arrays, and refuses cycles', () => {
    expect(canonicalize({ m: new Map([['k', 1]]), s: new Set([3, 1, 2]) })).toEqual({ m: { k: 1 }, s: [1, 2, 3] });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/cyclic/);
    expect(() => canonicalize({ n: 10n })).toThrow(/bigint/);
  });
});

describe('toJSON', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes a tagged, sorted document with money as strings', () => {
    const json = toJSON(sampleResult());
    expect(json.endsWith('}\n')).toBe(true);
    const doc = JSON.parse(json) as Record<string, unknown>;
    expect(doc.format).toBe('arbot.backtest-result');
    expect(doc.version).toBe(1);
    expect(Object.keys(doc)).toEqual([...Object.keys(doc)].sort());
    const metrics = doc.metrics as Record<string, unknown>;
    expect(metrics.pnl).toBe((sampleResult().metrics.pnl as Decimal).toString());
    expect(typeof metrics.sharpe).toBe('number');
    expect((doc.trades as { pnl: string }[]).map((t) => t.pnl)).toEqual(['9', '-11']); // 4010 − 4000 − 1; 4090 − 4100 − 1
  });

  it('gives the same bytes whatever the wall clock says', async () => {
    const run = async (wallClock: number) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(wallClock);
      const result = await runBacktest({
        markets: [btcUsdt('a')],
        balances: { a: { USDT: '100' } },
        feeds: [[snapshot('a', 1_000, 99, 101), snapshot('a', 2_000, 100, 102)]],
        pipeline: () => [],
      });
      vi.useRealTimers();
      return toJSON(result);
    };
    const [early, late] = [await run(Date.UTC(2001, 0, 1)), await run(Date.UTC(2031, 0, 1))];
    expect(late).toBe(early);
    expect(early).not.toContain('2001');
    expect(early).not.toContain('2031');
  });
});
