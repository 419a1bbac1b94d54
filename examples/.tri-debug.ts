import { runBacktest } from '@arbot/backtest';
import { readKlineCsv } from '@arbot/connectors';
import { Decimal, roundPrice, type Candle, type Market, type OrderBookSnapshot } from '@arbot/core';
import { map } from 'rxjs';
import { bundledData } from './lib/data';
import { solTriangleScenario, solTriangleMarkets } from './scenarios/sol-triangle';
function bookAtClose(candle: Candle, market: Market, spreadBps: number): OrderBookSnapshot {
  const half = spreadBps / 20_000;
  const bid = roundPrice(market, candle.close * (1 - half), 'nearest');
  const ask = Decimal.max(roundPrice(market, candle.close * (1 + half), 'nearest'), bid.plus(market.precision.price));
  const depth = Math.max(candle.volume, market.precision.amount.toNumber());
  return { type: 'snapshot', venue: market.venue, symbol: market.symbol, ts: candle.ts, recvTs: candle.recvTs, bids: [[bid.toNumber(), depth]], asks: [[ask.toNumber(), depth]] };
}
const old = process.argv.includes('old');
const s = solTriangleScenario({ takerBps: 1, spreadBps: 1, latencyMs: 0 });
const markets = solTriangleMarkets(1);
const feeds = old ? markets.map((m) => readKlineCsv(bundledData(`binance_spot_${m.id}-1m-2025-07-13.csv.gz`)).pipe(map((c) => bookAtClose(c, m, 1)))) : s.backtest.feeds;
const { candleBooks, ...rest } = s.backtest;
const r = await runBacktest({ ...rest, ...(old ? {} : { candleBooks }), feeds, venue: {} });
console.log(r.opportunities);
for (const rep of r.reports) console.log(rep.status, rep.startedAt, rep.legs.map((l) => [l.symbol, l.side, l.requested.toString(), l.filled.toString(), JSON.stringify(l.orders.map((o) => [o.price?.toString(), o.ts, o.updatedTs, o.average?.toString()]))]));
