import type { Exchange } from 'ccxt';

interface ClientLike {
  readonly url: string;
  readonly subscriptions?: Record<string, unknown>;
  readonly futures?: Record<string, unknown>;
  readonly connection?: { terminate?: () => void; close?: () => void };
  onError?: (error: unknown) => void;
}

/**
 * Forces a fresh connection for a stream: terminates every ccxt websocket
 * client whose subscriptions or pending futures mention one of `keys` (the
 * unified symbol and the exchange's market id), after failing its pending
 * watches with `error`. ccxt then forgets the connection; the next watch
 * call reconnects, resubscribes and — for books — takes a new snapshot.
 * Terminating (not closing) matters: a half-dead socket may never finish a
 * closing handshake. Returns how many connections were dropped.
 *
 * @example
 * ```ts
 * dropConnectionsFor(exchange, ['BTC/USDT', 'BTCUSDT'], new StaleStreamError('binance', 'orderBook:BTC/USDT', 30_000));
 * ```
 */
export function dropConnectionsFor(exchange: Exchange, keys: readonly string[], error: Error): number {
  const clients = Object.values((exchange.clients ?? {}) as Record<string, ClientLike>);
  const matches = (hash: string) => keys.some((key) => key.length > 0 && hash.includes(key));
  let dropped = 0;
  for (const client of clients) {
    const hashes = [...Object.keys(client.subscriptions ?? {}), ...Object.keys(client.futures ?? {})];
    if (!hashes.some(matches)) continue;
    dropped++;
    // onError rejects every pending future of the client and makes ccxt forget it.
    client.onError?.(error);
    const socket = client.connection;
    if (typeof socket?.terminate === 'function') socket.terminate();
    else socket?.close?.();
  }
  return dropped;
}
