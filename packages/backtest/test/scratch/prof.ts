import type { OrderBookSnapshot } from '@arbot/core';
import { EMPTY, ignoreElements, merge } from 'rxjs';
import { runBacktest } from '../../src/index';
import { btcUsdt } from '../support/markets';

const VENUES = ['a', 'b', 'c', 'd'];
const PER_VENUE = 75_000;
function* generated(venue: string, offset: number): Generator<OrderBookSnapshot> {
  for (let i = 0; i < PER_VENUE; i++) {
    const mid = 100 + ((i * 7 + offset) % 50) / 10;
    const time = i * 10 + offset;
    yield { type: 'snapshot', venue, symbol: 'BTC/USDT', ts: time, recvTs: time,
      bids: [0.5, 1, 1.5, 2, 2.5].map((d) => [mid - d, 1 + d] as const), asks: [0.5, 1, 1.5, 2, 2.5].map((d) => [mid + d, 1 + d] as const) };
  }
}
const mode = process.argv[2] ?? 'full';
const t0 = performance.now();
const result = await runBacktest({
  markets: mode === 'nomarkets' ? [] : VENUES.map((v) => btcUsdt(v)),
  feeds: VENUES.map((v, k) => generated(v, k)),
  pipeline: (ctx) => merge(...VENUES.map((v) => ctx.venues[v]?.orderBook$('BTC/USDT', { depth: 5 }) ?? EMPTY)).pipe(ignoreElements()),
});
const dt = performance.now() - t0;
console.log(mode, result.events, `${(result.events / dt * 1000).toFixed(0)} ev/s`, dt.toFixed(0), 'ms');
const { settleCount } = await import('../../src/engine/run-backtest');
console.log('settles', settleCount);
