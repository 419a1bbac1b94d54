import { Observable, Subject } from 'rxjs';

/**
 * State of one stream (or, aggregated, of a venue):
 * - `connecting`: subscribing, or resyncing after a gap or staleness;
 * - `connected`: updates are flowing;
 * - `stale`: no update for longer than the staleness limit (a resync follows);
 * - `reconnecting`: the connection failed; waiting `retryInMs` before attempt `attempt`;
 * - `down`: failed `downAfterAttempts` times in a row (still retrying) or failed for good.
 *
 * @example
 * ```ts
 * const usable = (state: ConnectionState) => state === 'connected';
 * ```
 */
export type ConnectionState = 'connecting' | 'connected' | 'stale' | 'reconnecting' | 'down';

/**
 * One change of a stream's state, as emitted by `status$`.
 *
 * @example
 * ```ts
 * venue.status$.subscribe((s: ConnectionStatus) => console.log(s.stream, s.state, s.retryInMs ?? '', s.reason ?? ''));
 * ```
 */
export interface ConnectionStatus {
  readonly venue: string;
  /** The stream, e.g. `orderBook:BTC/USDT`, `trades:ETH/USDT`, `orders`. */
  readonly stream: string;
  readonly state: ConnectionState;
  /** The venue's aggregate: the worst state over its active streams. */
  readonly venueState: ConnectionState;
  /** Why the state changed (error message, `sequence gap`, …). */
  readonly reason?: string;
  /** Consecutive failed attempts (for `reconnecting` and `down`). */
  readonly attempt?: number;
  /** Delay before the next attempt, ms (for `reconnecting` and `down`). */
  readonly retryInMs?: number;
  /** Local time of the change (from the Clock), ms. */
  readonly ts: number;
}

const SEVERITY: Readonly<Record<ConnectionState, number>> = { connected: 0, connecting: 1, stale: 2, reconnecting: 3, down: 4 };

/**
 * Tracks the state of every active stream of one venue and publishes each
 * change with the venue's aggregate state. A late subscriber of
 * {@link StatusBoard.changes$} first receives the current state of every
 * active stream.
 */
export class StatusBoard {
  private readonly current = new Map<string, ConnectionStatus>();
  private readonly subject = new Subject<ConnectionStatus>();

  constructor(
    private readonly venue: string,
    private readonly now: () => number,
  ) {}

  /** Current state of each active stream, then every change. */
  readonly changes$: Observable<ConnectionStatus> = new Observable<ConnectionStatus>((subscriber) => {
    for (const status of this.current.values()) subscriber.next(status);
    return this.subject.subscribe(subscriber);
  });

  /** The venue's aggregate state (`connected` when no stream is active). */
  venueState(): ConnectionState {
    let worst: ConnectionState = 'connected';
    for (const status of this.current.values()) if (SEVERITY[status.state] > SEVERITY[worst]) worst = status.state;
    return worst;
  }

  /** The state of every active stream. */
  streams(): ReadonlyMap<string, ConnectionStatus> {
    return this.current;
  }

  /** Records a stream's new state; repeated `connected` reports are not re-published. */
  set(stream: string, state: ConnectionState, details: { reason?: string; attempt?: number; retryInMs?: number } = {}): void {
    const before = this.current.get(stream);
    if (before?.state === state && state === 'connected') return;
    const partial = { venue: this.venue, stream, state, ...details, ts: this.now() };
    this.current.set(stream, { ...partial, venueState: 'connected' });
    const status: ConnectionStatus = { ...partial, venueState: this.venueState() };
    this.current.set(stream, status);
    this.subject.next(status);
  }

  /** Forgets a stream that was unsubscribed. */
  remove(stream: string): void {
    this.current.delete(stream);
  }

  /** Completes the change stream. */
  complete(): void {
    this.subject.complete();
  }
}
