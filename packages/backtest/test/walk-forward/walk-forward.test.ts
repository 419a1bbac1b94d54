import { Decimal } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { optimize, stitchEquity, walkForward, walkForwardWindows } from '../../src/index';
import { HOUR, waveBacktest } from '../support/wave-backtest';

const DAY = 86_400_000;

describe('walkForwardWindows', () => {
  it('rolls train and test windows by the test length', () => {
    // 10 days, train 4, test 2: tests [4,6), [6,8), [8,10), trains the 4 days before each
    const windows = walkForwardWindows({ from: 0, to: 10 * DAY, train: 4 * DAY, test: 2 * DAY });
    expect(windows.map((w) => [w.train.from / DAY, w.train.to / DAY, w.test.from / DAY, w.test.to / DAY])).toEqual([
      [0, 4, 4, 6],
      [2, 6, 6, 8],
      [4, 8, 8, 10],
    ]);
  });

  it('anchors the training start and honours a custom step', () => {
    const windows = walkForwardWindows({ from: 0, to: 10 * DAY, train: 4 * DAY, test: 2 * DAY, step: DAY, anchored: true });
    // tests end at 6, 7, 8, 9, 10; every train starts at 0
    expect(windows.map((w) => [w.train.from, w.train.to / DAY, w.test.to / DAY])).toEqual([
      [0, 4, 6],
      [0, 5, 7],
      [0, 6, 8],
      [0, 7, 9],
      [0, 8, 10],
    ]);
    expect(() => walkForwardWindows({ from: 0, to: 5 * DAY, train: 4 * DAY, test: 2 * DAY })).toThrow(/shorter/);
  });
});

describe('stitchEquity', () => {
  it('compounds consecutive curves', () => {
    const curve = (values: number[], t0: number) => values.map((v, i) => ({ ts: t0 + i, equity: new Decimal(v) }));
    // [100, 110] then [200, 190, 220]: the second is scaled by 110/200 = 0.55 → 104.5, 121
    const stitched = stitchEquity([curve([100, 110], 0), curve([200, 190, 220], 1)]);
    expect(stitched.map((p) => [p.ts, p.equity.toString()])).toEqual([
      [0, '100'],
      [1, '110'],
      [2, '104.5'],
      [3, '121'],
    ]);
  });
});

describe('walkForward', () => {
  it('fits on each training window, tests on the next, and chains the out-of-sample results', async () => {
    const space = { fast: { type: 'int' as const, min: 4, max: 8, step: 4 }, slow: { type: 'int' as const, min: 20, max: 40, step: 20 } };
    const fitted: unknown[] = [];
    const report = await walkForward({
      from: 0,
      to: 400 * HOUR,
      train: 160 * HOUR,
      test: 80 * HOUR,
      fit: async (train) => {
        const search = await optimize({
          space,
          objective: async (p) => (await waveBacktest(p.fast as number, p.slow as number, train)).metrics.pnl.toNumber(),
          method: 'grid',
          progress: false,
        });
        fitted.push(search.best.params);
        return search.best.params;
      },
      evaluate: (params, range) => waveBacktest(params.fast as number, params.slow as number, range),
    });
    // tests [160,240), [240,320), [320,400) hours
    expect(report.windows.map((w) => [w.window.test.from / HOUR, w.window.test.to / HOUR])).toEqual([
      [160, 240],
      [240, 320],
      [320, 400],
    ]);
    expect(report.windows.map((w) => w.params)).toEqual(fitted);
    for (const w of report.windows) {
      expect([w.outOfSample.from, w.outOfSample.to]).toEqual([w.window.test.from, w.window.test.to]);
      expect(w.inSample?.start).toBe(w.window.train.from);
    }
    // The stitched curve starts with the first test window and spans all three.
    expect(report.equity[0]?.ts).toBe(160 * HOUR);
    expect(report.equity[report.equity.length - 1]?.ts).toBe(400 * HOUR);
    expect(report.equity).toHaveLength(3 * 80 + 1);
    expect(report.metrics.fills).toBe(report.windows.reduce((n, w) => n + w.outOfSample.fills.length, 0));
    // Its total return compounds the windows' own returns.
    const compounded = report.windows.reduce((g, w) => g * (1 + (w.outOfSample.metrics.totalReturn ?? 0)), 1) - 1;
    expect(report.metrics.totalReturn).toBeCloseTo(compounded, 12);
    const is = report.windows.map((w) => w.inSample?.annualizedReturn ?? 0);
    const oos = report.windows.map((w) => w.outOfSample.metrics.annualizedReturn ?? 0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(report.efficiency).toBe(mean(is) > 0 ? mean(oos) / mean(is) : undefined);
  }, 60_000);
});
