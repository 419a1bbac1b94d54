import { readFileSync } from 'node:fs';

/** Reads a JSON fixture written by scripts/fixtures/*.py; "NaN"/"Infinity"/"-Infinity" strings become numbers. */
export function loadFixture<T>(name: string): T {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text, (_key, value: unknown) => {
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    return value;
  }) as T;
}

/** The series every statarb fixture refers to by name (real log closes and seeded simulations). */
export const series = loadFixture<{ series: Record<string, number[]> }>('statarb-series.json').series;

export function named(name: string): number[] {
  const s = series[name];
  if (s === undefined) throw new Error(`no fixture series ${name}`);
  return s;
}

/** statsmodels spells autolag in lower case for coint. */
export function autolagOf(value: string | null): 'AIC' | 'BIC' | 't-stat' | null {
  if (value === null) return null;
  if (value.toLowerCase() === 't-stat') return 't-stat';
  return value.toUpperCase() as 'AIC' | 'BIC';
}
