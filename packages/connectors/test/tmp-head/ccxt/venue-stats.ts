/**
 * Exchange→local latency figures over the recent samples, ms.
 *
 * @example
 * ```ts
 * const latency: LatencySummary | undefined = venue.stats().latency;
 * if (latency && latency.p99 > 250) console.warn('slow feed');
 * ```
 */
export interface LatencySummary {
  /** Samples the figures are computed from (the most recent ones, at most the configured capacity). */
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/**
 * A point-in-time copy of a venue's counters and measurements.
 *
 * @example
 * ```ts
 * const stats: VenueStatsSnapshot = venue.stats();
 * console.log(stats.messagesPerSecond, stats.malformed, stats.gaps, stats.clockOffsetMs);
 * ```
 */
export interface VenueStatsSnapshot {
  readonly venue: string;
  /** Websocket frames received. */
  readonly messages: number;
  /** Frames per second over the last `rateWindowMs`. */
  readonly messagesPerSecond: number;
  /** Normalized events emitted (books, trades, tickers, candles, orders, balances). */
  readonly events: number;
  /** Frames that could not be parsed or handled, plus events that failed validation; all skipped. */
  readonly malformed: number;
  /** Sequence gaps / checksum failures detected (each followed by a resnapshot). */
  readonly gaps: number;
  /** Staleness watchdog firings (each followed by a resync). */
  readonly staleEvents: number;
  /** Reconnect attempts after connection failures. */
  readonly reconnects: number;
  /** REST requests made by polling fallbacks. */
  readonly restRequests: number;
  /** Exchange→local latency: `recvTs − (exchange ts − clockOffsetMs)`; `undefined` before the first sample. */
  readonly latency: LatencySummary | undefined;
  /** Exchange clock minus local clock, ms, from the last `syncClock()`; `undefined` when never measured. */
  readonly clockOffsetMs: number | undefined;
  /** Round trip of the request that measured the offset, ms. */
  readonly clockRttMs: number | undefined;
  /** Markets `markets()` left out because ccxt's description could not be converted. */
  readonly skippedMarkets: readonly { readonly symbol: string; readonly reason: string }[];
}

/**
 * Mutable counters and measurements of one venue. Memory is bounded: a ring
 * of the last `latencyCapacity` latency samples and one counter per second
 * of the rate window.
 */
export class VenueStats {
  messages = 0;
  events = 0;
  malformed = 0;
  gaps = 0;
  staleEvents = 0;
  reconnects = 0;
  restRequests = 0;
  clockOffsetMs: number | undefined;
  clockRttMs: number | undefined;
  skippedMarkets: { symbol: string; reason: string }[] = [];
  private readonly latencies: Float64Array;
  private latencyCount = 0;
  private latencyNext = 0;
  private readonly perSecond = new Map<number, number>();

  constructor(
    private readonly venue: string,
    private readonly now: () => number,
    latencyCapacity: number,
    private readonly rateWindowMs: number,
  ) {
    this.latencies = new Float64Array(latencyCapacity);
  }

  /** Counts one received frame. */
  recordMessage(): void {
    this.messages++;
    const second = Math.floor(this.now() / 1000);
    this.perSecond.set(second, (this.perSecond.get(second) ?? 0) + 1);
    if (this.perSecond.size > this.rateWindowMs / 1000 + 2) this.prune(second);
  }

  /** Counts one emitted event and samples its latency when it carries an exchange time. */
  recordEvent(exchangeTs: number | undefined, recvTs: number): void {
    this.events++;
    if (exchangeTs === undefined || !(exchangeTs > 0)) return;
    const latency = recvTs - (exchangeTs - (this.clockOffsetMs ?? 0));
    this.latencies[this.latencyNext] = latency;
    this.latencyNext = (this.latencyNext + 1) % this.latencies.length;
    this.latencyCount = Math.min(this.latencyCount + 1, this.latencies.length);
  }

  /** A copy of every figure. */
  snapshot(): VenueStatsSnapshot {
    const second = Math.floor(this.now() / 1000);
    this.prune(second);
    let recent = 0;
    const windowSeconds = Math.max(1, Math.round(this.rateWindowMs / 1000));
    for (const [s, count] of this.perSecond) if (s > second - windowSeconds) recent += count;
    return {
      venue: this.venue,
      messages: this.messages,
      messagesPerSecond: recent / windowSeconds,
      events: this.events,
      malformed: this.malformed,
      gaps: this.gaps,
      staleEvents: this.staleEvents,
      reconnects: this.reconnects,
      restRequests: this.restRequests,
      latency: this.latencySummary(),
      clockOffsetMs: this.clockOffsetMs,
      clockRttMs: this.clockRttMs,
      skippedMarkets: [...this.skippedMarkets],
    };
  }

  private latencySummary(): LatencySummary | undefined {
    if (this.latencyCount === 0) return undefined;
    const sorted = this.latencies.slice(0, this.latencyCount).sort();
    return {
      samples: this.latencyCount,
      p50: nearestRank(sorted, 0.5),
      p99: nearestRank(sorted, 0.99),
      max: sorted[sorted.length - 1] as number,
    };
  }

  private prune(second: number): void {
    const windowSeconds = Math.max(1, Math.round(this.rateWindowMs / 1000));
    for (const s of this.perSecond.keys()) if (s <= second - windowSeconds) this.perSecond.delete(s);
  }
}

/** Nearest-rank quantile of sorted values: the smallest value with at least `q` of the samples at or below it. */
function nearestRank(sorted: Float64Array, q: number): number {
  const index = Math.max(0, Math.ceil(q * sorted.length) - 1);
  return sorted[index] as number;
}
