import ccxt, { type Exchange } from 'ccxt';
import type { FakeExchange } from './fake-exchange';

/**
 * ccxt exchange classes the fake exchange speaks.
 *
 * @example
 * ```ts
 * const id: FakeProtocolId = 'okx';
 * const exchange = await createCcxtExchangeForFake(id, fake);
 * ```
 */
export type FakeProtocolId = 'binance' | 'okx';

/**
 * Rewrites EVERY url of a ccxt exchange (REST bases, websocket bases, docs,
 * test and demo entries) to the fake exchange, keeping the original host as
 * the first path segment (`https://api.binance.com/api/v3` →
 * `http://127.0.0.1:PORT/api.binance.com/api/v3`; `wss://` → `ws://`), so no
 * request can leak to the internet. Also: only spot markets are fetched, the
 * currencies and margin-pairs endpoints are skipped, and the proxy agent ccxt needs before it
 * accepts plain `ws://` is loaded.
 *
 * @example
 * ```ts
 * const exchange = new ccxt.pro.binance({ apiKey: 'k', secret: 's' });
 * await pointCcxtAt(exchange, fake);
 * await exchange.loadMarkets();
 * ```
 */
export async function pointCcxtAt(exchange: Exchange, fake: Pick<FakeExchange, 'port'>): Promise<void> {
  const target = `127.0.0.1:${fake.port}`;
  exchange.urls = rewriteUrls(exchange.urls, target) as Exchange['urls'];
  exchange.options.fetchMarkets = { types: ['spot'] };
  exchange.options.fetchCurrencies = false;
  exchange.options.fetchMargins = false;
  exchange.has.fetchCurrencies = false;
  await exchange.loadHttpProxyAgent();
}

/**
 * A real ccxt pro exchange (`binance` or `okx`) with dummy credentials,
 * pointed at the fake exchange with {@link pointCcxtAt}. `config` is passed to
 * the ccxt constructor (e.g. `{ enableRateLimit: false }`).
 *
 * @example
 * ```ts
 * const exchange = await createCcxtExchangeForFake('okx', fake);
 * const book = await exchange.watchOrderBook('BTC/USDT');
 * await exchange.close();
 * ```
 */
export async function createCcxtExchangeForFake(
  id: FakeProtocolId,
  fake: Pick<FakeExchange, 'port'>,
  config: Record<string, unknown> = {},
): Promise<Exchange> {
  const credentials = { apiKey: 'fake-api-key', secret: 'fake-secret', password: 'fake-passphrase' };
  const exchange: Exchange =
    id === 'binance' ? new ccxt.pro.binance({ ...credentials, ...config }) : new ccxt.pro.okx({ ...credentials, ...config });
  await pointCcxtAt(exchange, fake);
  return exchange;
}

function rewriteUrls(value: unknown, target: string): unknown {
  if (typeof value === 'string') {
    const match = /^(https?|wss?):\/\/([^/]+)(.*)$/.exec(value);
    if (match === null) return value;
    const scheme = match[1]?.startsWith('ws') ? 'ws' : 'http';
    return `${scheme}://${target}/${match[2] ?? ''}${match[3] ?? ''}`;
  }
  if (Array.isArray(value)) return value.map((v) => rewriteUrls(v, target));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewriteUrls(v, target)]));
  }
  return value;
}
