import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import ccxt from 'ccxt';

/**
 * Loads markets the way a live bot does, through ccxt's own binance
 * `loadMarkets()` → `fetchMarkets()` → `parseMarket()`, but against a local
 * HTTP server on 127.0.0.1 that answers `GET /api/v3/exchangeInfo` with a
 * recorded exchangeInfo fixture. Returns ccxt's unified markets, its
 * precision mode and the request paths the server saw.
 */
export async function loadBinanceMarkets(fixture: string): Promise<{
  markets: Record<string, unknown>;
  precisionMode: number | undefined;
  requests: string[];
}> {
  const body = readFileSync(new URL(`../fixtures/${fixture}`, import.meta.url), 'utf8');
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url?.startsWith('/api/v3/exchangeInfo') === true) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    } else {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"code":-1,"msg":"not served by the fixture server"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const exchange = new ccxt.binance({
      urls: { api: { public: `http://127.0.0.1:${port}/api/v3` } },
      // spot only: the fixture is a spot exchangeInfo
      options: { fetchMarkets: { types: ['spot'] } },
    });
    const markets = await exchange.loadMarkets();
    return { markets, precisionMode: exchange.precisionMode, requests };
  } finally {
    await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
  }
}
