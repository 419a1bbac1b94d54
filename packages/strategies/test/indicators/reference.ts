/**
 * Direct, non-incremental implementations of the TA-Lib definitions, used as
 * the independent reference for the incremental states: every window is
 * recomputed from scratch; recursive indicators follow TA-Lib's loops.
 * Outputs are aligned with inputs, NaN during warm-up.
 */
import type { Ohlc } from '../../src/indicators/price-source';

const mean = (xs: readonly number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
const popStd = (xs: readonly number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / xs.length);
};
const windowAt = (xs: readonly number[], t: number, n: number): number[] => xs.slice(t - n + 1, t + 1);

export function refSma(xs: readonly number[], n: number): number[] {
  return xs.map((_, t) => (t < n - 1 ? Number.NaN : mean(windowAt(xs, t, n))));
}

function emaFrom(xs: readonly number[], n: number, seedIndex: number, seed: number): number[] {
  const k = 2 / (n + 1);
  const out = xs.map(() => Number.NaN);
  out[seedIndex] = seed;
  for (let t = seedIndex + 1; t < xs.length; t++) {
    const prev = out[t - 1] as number;
    out[t] = prev + k * ((xs[t] as number) - prev);
  }
  return out;
}

export function refEma(xs: readonly number[], n: number): number[] {
  return emaFrom(xs, n, n - 1, mean(xs.slice(0, n)));
}

export function refWma(xs: readonly number[], n: number): number[] {
  const divider = (n * (n + 1)) / 2;
  return xs.map((_, t) => (t < n - 1 ? Number.NaN : windowAt(xs, t, n).reduce((s, v, i) => s + (i + 1) * v, 0) / divider));
}

export function refRsi(xs: readonly number[], n: number): number[] {
  const out = xs.map(() => Number.NaN);
  const d = xs.slice(1).map((v, i) => v - (xs[i] as number));
  let gain = 0;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    gain += Math.max(d[i] as number, 0);
    loss += Math.max(-(d[i] as number), 0);
  }
  gain /= n;
  loss /= n;
  for (let t = n; t < xs.length; t++) {
    if (t > n) {
      gain = (gain * (n - 1) + Math.max(d[t - 1] as number, 0)) / n;
      loss = (loss * (n - 1) + Math.max(-(d[t - 1] as number), 0)) / n;
    }
    out[t] = gain + loss === 0 ? 0 : 100 * (gain / (gain + loss));
  }
  return out;
}

export function refMacd(
  xs: readonly number[],
  fast: number,
  slow: number,
  signal: number,
): { macd: number[]; signal: number[]; histogram: number[] } {
  const start = slow - 1;
  const slowEma = emaFrom(xs, slow, start, mean(xs.slice(0, slow)));
  const fastEma = emaFrom(xs, fast, start, mean(xs.slice(slow - fast, slow)));
  const line = xs.map((_, t) => (fastEma[t] as number) - (slowEma[t] as number));
  const first = start + signal - 1;
  const sig = emaFrom(line, signal, first, mean(line.slice(start, first + 1)));
  const macd = line.map((v, t) => (t < first ? Number.NaN : v));
  return { macd, signal: sig, histogram: macd.map((v, t) => v - (sig[t] as number)) };
}

export function refStddev(xs: readonly number[], n: number): number[] {
  return xs.map((_, t) => (t < n - 1 ? Number.NaN : popStd(windowAt(xs, t, n))));
}

export function refZscore(xs: readonly number[], n: number): number[] {
  return xs.map((x, t) => {
    if (t < n - 1) return Number.NaN;
    const w = windowAt(xs, t, n);
    const sd = popStd(w);
    return sd === 0 ? 0 : (x - mean(w)) / sd;
  });
}

export function refAtr(bars: readonly Ohlc[], n: number): number[] {
  const tr = bars.map((b, t) => {
    if (t === 0) return Number.NaN;
    const pc = (bars[t - 1] as Ohlc).close;
    return Math.max(b.high - b.low, Math.abs(b.high - pc), Math.abs(b.low - pc));
  });
  const out = bars.map(() => Number.NaN);
  if (bars.length <= n) return out;
  out[n] = mean(tr.slice(1, n + 1));
  for (let t = n + 1; t < bars.length; t++) out[t] = ((out[t - 1] as number) * (n - 1) + (tr[t] as number)) / n;
  return out;
}

export function refOls(
  xs: readonly number[],
  ys: readonly number[],
  n: number,
): { beta: number; alpha: number; rSquared: number; residualStd: number }[] {
  return xs.map((_, t) => {
    if (t < n - 1) return { beta: Number.NaN, alpha: Number.NaN, rSquared: Number.NaN, residualStd: Number.NaN };
    const wx = windowAt(xs, t, n);
    const wy = windowAt(ys, t, n);
    const mx = mean(wx);
    const my = mean(wy);
    let sxx = 0;
    let sxy = 0;
    let syy = 0;
    for (let i = 0; i < n; i++) {
      sxx += ((wx[i] as number) - mx) ** 2;
      sxy += ((wx[i] as number) - mx) * ((wy[i] as number) - my);
      syy += ((wy[i] as number) - my) ** 2;
    }
    const beta = sxy / sxx;
    const alpha = my - beta * mx;
    let ssr = 0;
    for (let i = 0; i < n; i++) ssr += ((wy[i] as number) - alpha - beta * (wx[i] as number)) ** 2;
    return { beta, alpha, rSquared: 1 - ssr / syy, residualStd: Math.sqrt(ssr / n) };
  });
}
