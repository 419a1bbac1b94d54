import ccxt, { type Exchange } from 'ccxt';

/** What the tap reports for each websocket frame. */
export interface MessageTapListener {
  /** Every frame, before ccxt handles it. */
  onMessage(): void;
  /** A frame that is not JSON (and not a heartbeat) or that broke ccxt's handler; it was skipped. */
  onMalformed(error: unknown): void;
}

/**
 * Wraps the exchange's websocket message handler (before any connection is
 * opened; ccxt binds it per connection) to count frames and to contain
 * malformed ones: a frame that is not JSON and not a known heartbeat, or
 * whose handling throws a non-ccxt error (a `TypeError` from an unexpected
 * shape), is counted and dropped instead of rejecting every pending watch of
 * the connection. ccxt's own errors pass through untouched, and ccxt's log
 * line for an unparsable frame is dropped (it is counted instead). Returns
 * the function that restores the original handler and logger.
 *
 * @example
 * ```ts
 * const restore = tapMessages(exchange, new Set(['ping', 'pong']), { onMessage: () => n++, onMalformed: () => bad++ });
 * ```
 */
export function tapMessages(exchange: Exchange, heartbeats: ReadonlySet<string>, listener: MessageTapListener): () => void {
  const original = exchange.handleMessage;
  const originalLog = exchange.log;
  // ccxt logs every frame it fails to parse; the tap counts those as malformed instead.
  exchange.log = function quiet(this: Exchange, ...args: unknown[]): void {
    if (args[1] === 'onMessage JSON.parse') return;
    originalLog.apply(this, args);
  };
  exchange.handleMessage = function tapped(this: Exchange, client: unknown, message: unknown): void {
    listener.onMessage();
    if (typeof message === 'string' && !heartbeats.has(message.trim())) {
      listener.onMalformed(new SyntaxError(`not a JSON frame: ${message.slice(0, 60)}`));
      return;
    }
    try {
      original.call(this, client, message);
    } catch (err) {
      if (err instanceof ccxt.BaseError) throw err;
      listener.onMalformed(err);
    }
  };
  return () => {
    exchange.handleMessage = original;
    exchange.log = originalLog;
  };
}
