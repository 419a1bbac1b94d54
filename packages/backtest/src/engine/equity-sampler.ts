import type { Decimal } from '@arbot/core';
import type { EquitySample } from '../metrics/equity-sample';

/**
 * Records equity on a fixed grid `start + k × period`, and once more at the
 * end; memory grows with the period's length divided by the sampling
 * period, never with the number of events.
 */
export class EquitySampler {
  /** Time of the next grid sample. */
  nextAt: number;
  private readonly samples: EquitySample[] = [];

  constructor(
    start: number,
    private readonly periodMs: number,
    private readonly read: () => Decimal,
  ) {
    this.nextAt = start;
  }

  /** Records the grid sample due now (the clock stands at {@link nextAt}). */
  sample(): void {
    this.samples.push({ ts: this.nextAt, equity: this.read() });
    this.nextAt += this.periodMs;
  }

  /** Records the final sample at `end`, replacing a grid sample taken at that same time. */
  finish(end: number): readonly EquitySample[] {
    const last = this.samples[this.samples.length - 1];
    if (last !== undefined && last.ts === end) this.samples.pop();
    this.samples.push({ ts: end, equity: this.read() });
    return this.samples;
  }
}
