import { WebSocket } from 'ws';

/**
 * Which of the fake exchange's websocket endpoints a connection is on:
 * Binance market streams, Binance ws-api (user data), or OKX.
 *
 * @example
 * ```ts
 * fake.dropConnections('okx'); // only the OKX clients
 * ```
 */
export type FakeEndpoint = 'binance-stream' | 'binance-api' | 'okx';

/**
 * One subscribe or unsubscribe request a client sent, in the protocol's own
 * stream names, in the order the fake exchange received them.
 *
 * @example
 * ```ts
 * const changes: readonly FakeSubscriptionChange[] = fake.subscriptionLog('binance-stream');
 * const resubscribed = changes.filter((c) => c.stream === 'btcusdt@trade').map((c) => c.action); // ['subscribe', 'unsubscribe', 'subscribe']
 * ```
 */
export interface FakeSubscriptionChange {
  readonly endpoint: FakeEndpoint;
  readonly stream: string;
  readonly action: 'subscribe' | 'unsubscribe';
}

/** The scripted faults that shape what the server sends. */
export class FaultState {
  /** Market data is dropped (not queued) until this time (`performance.now()` ms). */
  silentUntil = 0;
  /** Every outbound frame is held this long before it is sent. */
  delayMs = 0;
  /** Market data frames dropped while silent. */
  dropped = 0;
  /** Websocket upgrade requests still to refuse with HTTP 503. */
  refuseUpgrades = 0;

  /** Whether market data is being dropped right now. */
  silent(): boolean {
    return performance.now() < this.silentUntil;
  }
}

/**
 * One websocket client of the fake exchange: its endpoint, its
 * subscriptions (in the protocol's own words, e.g. `btcusdt@depth@100ms`
 * or `books:BTC-USDT`), and an outbound path that applies the scripted
 * faults (silence drops market data, delay holds every frame).
 */
export class FakeConnection {
  /** Subscribed streams, protocol notation. */
  readonly subscriptions = new Set<string>();
  /** Binance user-data subscription id, once subscribed on the ws-api endpoint. */
  userStreamId: number | undefined;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(
    readonly socket: WebSocket,
    readonly endpoint: FakeEndpoint,
    private readonly faults: FaultState,
    private readonly log: (change: FakeSubscriptionChange) => void = () => undefined,
  ) {
    socket.on('close', () => {
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
    });
  }

  /** Adds a subscription the client asked for. */
  subscribe(stream: string): void {
    this.subscriptions.add(stream);
    this.log({ endpoint: this.endpoint, stream, action: 'subscribe' });
  }

  /** Removes a subscription the client asked to end. */
  unsubscribe(stream: string): void {
    this.subscriptions.delete(stream);
    this.log({ endpoint: this.endpoint, stream, action: 'unsubscribe' });
  }

  /** Sends a frame: `data` (market data, dropped while silent) or `reply` (answers to requests, always sent). */
  send(payload: unknown, kind: 'data' | 'reply'): void {
    if (kind === 'data' && this.faults.silent()) {
      this.faults.dropped++;
      return;
    }
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    if (this.faults.delayMs <= 0) {
      this.write(text);
      return;
    }
    // Equal delays fire in arming order, so a delayed stream stays in order.
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.write(text);
    }, this.faults.delayMs);
    this.timers.add(timer);
  }

  /** Writes raw text now, bypassing faults (used for garbage frames). */
  write(text: string): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(text);
  }

  /** Whether the socket is still open. */
  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }
}
