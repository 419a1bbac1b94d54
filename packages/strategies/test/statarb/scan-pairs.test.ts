import { ValidationError } from '@arbot/core';
import { describe, expect, it } from 'vitest';
import { engleGranger, halfLife, scanPairs } from '../../src/index';
import { seededNormal } from '../indicators/seeded-random';
import { named } from './fixtures';

function walk(seed: number, length: number, start: number): number[] {
  const z = seededNormal(seed);
  const out = [start];
  for (let t = 1; t < length; t++) out.push((out[t - 1] as number) + z());
  return out;
}

const x = named('sim_pair_x');
const universe: Record<string, number[]> = {
  PX: x,
  PY: named('sim_pair_y'),
  RW: named('sim_random_walk'),
  W1: walk(1, x.length, 200),
  W2: walk(2, x.length, 300),
};

describe('scanPairs', () => {
  it('ranks the constructed cointegrated pair first, with its hedge ratio', () => {
    const { ranked, skipped } = scanPairs(universe);
    expect(ranked).toHaveLength(10); // C(5, 2), every pair kept with maxPValue 1
    expect(skipped).toEqual([]);
    const top = ranked[0];
    expect(new Set([top?.y, top?.x])).toEqual(new Set(['PX', 'PY']));
    // y = 3 + 1.5x + u: regressing PY on PX gives ≈ 1.5, the reverse ≈ 1/1.5
    const expected = top?.y === 'PY' ? 1.5 : 1 / 1.5;
    expect(Math.abs((top?.hedgeRatio as number) - expected)).toBeLessThan(0.02);
    expect(top?.pValue).toBeLessThan(0.01);
    expect(top?.halfLife).toBeLessThan(3);
    // every other pair is a pair of independent walks
    for (const p of ranked.slice(1)) expect(p.pValue).toBeGreaterThan(0.01);
    // sorted by p-value
    for (let i = 1; i < ranked.length; i++) expect((ranked[i]?.pValue as number) >= (ranked[i - 1]?.pValue as number)).toBe(true);
  });

  it('each score is exactly engleGranger + halfLife of that direction, and the better direction is kept', () => {
    const { ranked } = scanPairs(universe);
    const pair = ranked.find((p) => new Set([p.y, p.x]).has('W1') && new Set([p.y, p.x]).has('W2'));
    const y = universe[pair?.y as string] as number[];
    const xs = universe[pair?.x as string] as number[];
    const eg = engleGranger(y, xs);
    const reverse = engleGranger(xs, y);
    expect(pair?.statistic).toBe(eg.statistic);
    expect(pair?.pValue).toBe(eg.pValue);
    expect(pair?.hedgeRatio).toBe(eg.hedgeRatio);
    expect(pair?.halfLife).toBe(halfLife(eg.residuals));
    expect(eg.pValue).toBeLessThanOrEqual(reverse.pValue);
  });

  it('one direction only when asked, alphabetical y on x', () => {
    const { ranked } = scanPairs({ PY: universe.PY as number[], PX: x }, { bothDirections: false });
    expect(ranked.map((p) => [p.y, p.x])).toEqual([['PX', 'PY']]);
  });

  it('maxPValue filters, and untestable pairs are reported, not dropped silently', () => {
    const { ranked, skipped } = scanPairs({ ...universe, PX2: x.map((v) => 2 * v + 1) }, { maxPValue: 0.05 });
    expect(ranked.map((p) => new Set([p.y, p.x]))).toContainEqual(new Set(['PX', 'PY']));
    expect(ranked.every((p) => p.pValue <= 0.05)).toBe(true);
    expect(skipped.map((s) => [s.y, s.x, s.code])).toEqual([
      ['PX', 'PX2', 'COLLINEAR_SERIES'],
      ['PX2', 'PX', 'COLLINEAR_SERIES'],
    ]);
  });

  it('accepts a Map; refuses unequal lengths', () => {
    expect(
      scanPairs(
        new Map([
          ['A', x],
          ['B', universe.PY as number[]],
        ]),
      ).ranked,
    ).toHaveLength(1);
    expect(() => scanPairs({ A: x, B: x.slice(1) })).toThrow(ValidationError);
  });
});
