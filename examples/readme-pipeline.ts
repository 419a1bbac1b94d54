import { ccxtVenue, multiVenue, paperVenue } from '@arbot/connectors';
import { systemClock as clock, executeOpportunities, MarketCatalog } from '@arbot/core';
import { minNetBps, riskGate, staleData } from '@arbot/risk';
import { detectSpatialArbitrage } from '@arbot/strategies';

const feeds = [ccxtVenue('binance'), ccxtVenue('okx')]; // public data, no keys
const catalog = new MarketCatalog((await Promise.all(feeds.map((v) => v.markets()))).flat());
const paper = feeds.map((v) => paperVenue(v, { symbols: ['BTC/USDT'] })); // simulated fills on live books
const gate = riskGate([staleData({ maxAgeMs: 1_000 }), minNetBps({ minBps: 5 })], { clock, markets: catalog });

multiVenue(feeds)
  .books$('BTC/USDT', { depth: 20 })
  .pipe(
    detectSpatialArbitrage({ markets: catalog, clock, maxBookAgeMs: 1_000, cooldownMs: 2_000 }),
    gate.operator,
    executeOpportunities(paper, { clock, catalog }),
  )
  .subscribe((report) => console.log(report.status, report.realizedPnl.toString()));
