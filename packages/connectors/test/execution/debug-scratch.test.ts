import { it } from 'vitest';
import { ccxtVenue } from '../../src/ccxt/index';
import { createCcxtExchangeForFake, startFakeExchange } from '../../src/testing/index';
import { Executor, MarketCatalog, parseOpportunity, systemClock, Journal, recordBalances } from '@arbot/core';
import { HoldingProxy } from './holding-proxy';

it('debug', async () => {
  const mk = async (id: string, balances: Record<string, string>) => {
    const fake = await startFakeExchange({ balances });
    fake.setBook('BTC/USDT', { bids: [[99.9, 5], [101, 1]], asks: [[100, 1]] });
    const proxy = await HoldingProxy.start(fake.port);
    const exchange = await createCcxtExchangeForFake('binance', proxy, { enableRateLimit: false, timeout: 3000 });
    return ccxtVenue(exchange, { id });
  };
  const a = await mk('alpha', { USDT: '10000' });
  const b = await mk('beta', { BTC: '5' });
  console.log('venues');
  const catalog = new MarketCatalog([...(await a.markets()), ...(await b.markets())]);
  console.log('catalog', catalog.size);
  const journal = await Journal.open('/tmp/dbg-journal-' + Date.now() + '.ndjson');
  await recordBalances(journal, [a, b], { clock: systemClock });
  console.log('recorded');
  const ex = new Executor([a, b], { clock: systemClock, catalog, journal, pollIntervalMs: 100, placementTimeoutMs: 1000 });
  const opp = parseOpportunity({ id: 'd1', kind: 'spatial', detectedAt: 0, sources: [], legs: [
    { venue: 'alpha', symbol: 'BTC/USDT', side: 'buy', amount: '1', priceLimit: '100', expectedPrice: '100' },
    { venue: 'beta', symbol: 'BTC/USDT', side: 'sell', amount: '1', priceLimit: '101', expectedPrice: '101' }],
    expected: { currency: 'USDT', gross: '1', fees: '0.2', net: '0.8', netBps: 80, notional: '100' } });
  const timer = setInterval(() => console.log('open', ex.openOrders().map((o) => `${o.venue}:${o.status}`)), 1000);
  const r = await ex.execute(opp);
  clearInterval(timer);
  console.log('report', r.status, r.reason);
  const t0 = Date.now();
  const { reconcile } = await import('@arbot/core');
  const { firstValueFrom } = await import('rxjs');
  const s1 = await firstValueFrom(a.balances$());
  console.log('bal1', Date.now() - t0, s1.balances.length);
  const rec = await reconcile([a, b], { journal, clock: systemClock, catalog, rebaseline: false, balancesTimeoutMs: 3000 });
  console.log('reconciled', Date.now() - t0, rec.unchecked, rec.drift.map((x) => `${x.venue} ${x.asset} ${x.diff}`));
}, 25000);
