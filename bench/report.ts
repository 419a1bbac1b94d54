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
}

/**
 * Runs a suite of cases with tinybench and prints ops/s and per-operation
 * p50/p99 latency, plus the speed-up over a baseline measured in the same run.
 */
export async function runSuite(title: string, cases: readonly BenchCase[], options: { timeMs?: number } = {}): Promise<BenchRow[]> {
  const bench = new Bench({ time: options.timeMs ?? Number(process.env.BENCH_TIME_MS ?? 700), warmupTime: 100 });
  for (const c of cases) bench.add(c.name, c.fn);
  await bench.run();
  const rows: BenchRow[] = [];
  for (const c of cases) {
    const task = bench.getTask(c.name);
    const result = task?.result;
    if (!result || !('latency' in result)) throw new Error(`benchmark ${c.name} did not complete: ${JSON.stringify(result)}`);
    const per = c.opsPerCall ?? 1;
    rows.push({
      name: c.name,
      opsPerSec: (per * 1000) / result.latency.mean,
      p50us: (result.latency.p50 * 1000) / per,
      p99us: (result.latency.p99 * 1000) / per,
      samples: result.latency.samplesCount,
      speedup: undefined,
    });
  }
  const withSpeedup = rows.map((row, i) => {
    const base = cases[i]?.baseline;
    const baseRow = base === undefined ? undefined : rows.find((r) => r.name === base);
    return baseRow ? { ...row, speedup: row.opsPerSec / baseRow.opsPerSec } : row;
  });
  printTable(title, withSpeedup);
  return withSpeedup;
}

function printTable(title: string, rows: readonly BenchRow[]): void {
  console.log(`\n## ${title}`);
  const header = ['case', 'ops/s', 'p50 (µs/op)', 'p99 (µs/op)', 'samples', 'vs baseline'];
  const lines = rows.map((r) => [
    r.name,
    formatRate(r.opsPerSec),
    r.p50us.toFixed(3),
    r.p99us.toFixed(3),
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
