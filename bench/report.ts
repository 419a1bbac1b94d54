import { Bench } from 'tinybench';

/** One benchmarked operation. `opsPerCall` lets a call batch many sub-microsecond operations. */
export interface BenchCase {
  readonly name: string;
  readonly fn: () => unknown;
  /** How many operations one call of `fn` performs (default 1). Figures are reported per operation. */
  readonly opsPerCall?: number;
  /** Name of the case in the same suite this one is compared against (speed-up column). */
  readonly baseline?: string;
}

/** Per-operation figures of one case. */
export interface BenchRow {
  readonly name: string;
  readonly opsPerSec: number;
  readonly p50us: number;
  readonly p99us: number;
  readonly samples: number;
  readonly speedup: number | undefined;
  /** With `rounds` > 1: the smallest and largest p99 of the rounds (`p99us` is their median). */
  readonly p99RangeUs?: readonly [number, number];
}

/** Options of {@link runSuite}. */
export interface SuiteOptions {
  /** Measuring time per case, ms (default `BENCH_TIME_MS` or 700), split over the rounds. */
  readonly timeMs?: number;
  /**
   * Measure the suite this many times (default 1) and report each case's
   * median round, with the range of its p99 across rounds: on a shared
   * machine a burst of preemption lands in one round instead of shifting
   * the only measurement.
   */
  readonly rounds?: number;
}

/**
 * Runs a suite of cases with tinybench and prints ops/s and per-operation
 * p50/p99 latency, plus the speed-up over a baseline measured in the same run.
 */
export async function runSuite(title: string, cases: readonly BenchCase[], options: SuiteOptions = {}): Promise<BenchRow[]> {
  const rounds = Math.max(1, options.rounds ?? 1);
  const timeMs = (options.timeMs ?? Number(process.env.BENCH_TIME_MS ?? 700)) / rounds;
  const perRound: BenchRow[][] = [];
  for (let r = 0; r < rounds; r++) perRound.push(await measureRound(cases, timeMs));
  const rows = cases.map((c, i) => {
    const measured = perRound.map((round) => round[i] as BenchRow);
    if (rounds === 1) return measured[0] as BenchRow;
    const p99s = measured.map((row) => row.p99us);
    return {
      name: c.name,
      opsPerSec: median(measured.map((row) => row.opsPerSec)),
      p50us: median(measured.map((row) => row.p50us)),
      p99us: median(p99s),
      samples: measured.reduce((sum, row) => sum + row.samples, 0),
      speedup: undefined,
      p99RangeUs: [Math.min(...p99s), Math.max(...p99s)] as const,
    };
  });
  const withSpeedup = rows.map((row, i) => {
    const base = cases[i]?.baseline;
    const baseRow = base === undefined ? undefined : rows.find((r) => r.name === base);
    return baseRow ? { ...row, speedup: row.opsPerSec / baseRow.opsPerSec } : row;
  });
  printTable(rounds === 1 ? title : `${title} — median of ${rounds} rounds`, withSpeedup);
  return withSpeedup;
}

async function measureRound(cases: readonly BenchCase[], timeMs: number): Promise<BenchRow[]> {
  const bench = new Bench({ time: timeMs, warmupTime: 100 });
  for (const c of cases) bench.add(c.name, c.fn);
  await bench.run();
  return cases.map((c) => {
    const task = bench.getTask(c.name);
    const result = task?.result;
    if (!result || !('latency' in result)) throw new Error(`benchmark ${c.name} did not complete: ${JSON.stringify(result)}`);
    const per = c.opsPerCall ?? 1;
    return {
      name: c.name,
      opsPerSec: (per * 1000) / result.latency.mean,
      p50us: (result.latency.p50 * 1000) / per,
      p99us: (result.latency.p99 * 1000) / per,
      samples: result.latency.samplesCount,
      speedup: undefined,
    };
  });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function printTable(title: string, rows: readonly BenchRow[]): void {
  console.log(`\n## ${title}`);
  const ranged = rows.some((r) => r.p99RangeUs !== undefined);
  const header = ['case', 'ops/s', 'p50 (µs/op)', 'p99 (µs/op)', ...(ranged ? ['p99 range of rounds'] : []), 'samples', 'vs baseline'];
  const lines = rows.map((r) => [
    r.name,
    formatRate(r.opsPerSec),
    r.p50us.toFixed(3),
    r.p99us.toFixed(3),
    ...(ranged ? [r.p99RangeUs === undefined ? '' : `${r.p99RangeUs[0].toFixed(3)}–${r.p99RangeUs[1].toFixed(3)}`] : []),
    String(r.samples),
    r.speedup === undefined ? '' : `${r.speedup.toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(fmt(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const l of lines) console.log(fmt(l));
}

function formatRate(opsPerSec: number): string {
  if (opsPerSec >= 1e6) return `${(opsPerSec / 1e6).toFixed(2)}M`;
  if (opsPerSec >= 1e3) return `${(opsPerSec / 1e3).toFixed(1)}k`;
  return opsPerSec.toFixed(1);
}
