/**
 * Measures the pipeline's own processing latency: from the moment a book
 * update enters the pipeline to the moment the order it caused leaves the
 * risk gate for the executor (books, detection and sizing in Decimal, every
 * risk policy). The executor then places the legs concurrently. This is the
 * process's compute time, which no virtual clock can measure, so it reads
 * the high-resolution wall timer (the one place the demo does: strategy and
 * risk time always come from the Clock).
 */
import { performance } from 'node:perf_hooks';

/** Percentiles of the recorded latencies, µs. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

/** Records book-update → order-decision latencies. */
export class LatencyMeter {
  private lastBookAt = Number.NaN;
  private readonly samples: number[] = [];

  /** Call on every book update entering the detector. */
  readonly onBook = (): void => {
    this.lastBookAt = performance.now();
  };

  /** Call on every order decision leaving the risk gate. */
  readonly onOrder = (): void => {
    if (!Number.isNaN(this.lastBookAt)) this.samples.push((performance.now() - this.lastBookAt) * 1000);
  };

  summary(): LatencySummary | undefined {
    if (this.samples.length === 0) return undefined;
    const sorted = [...this.samples].sort((a, b) => a - b);
    // Nearest-rank percentile: the smallest sample with at least p of the samples at or below it.
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
    return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? Number.NaN };
  }
}
