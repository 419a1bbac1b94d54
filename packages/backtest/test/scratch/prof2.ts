import { performance } from 'node:perf_hooks';
import type { OrderBookSnapshot } from '@arbot/core';
import { EMPTY, ignoreElements, merge, NEVER } from 'rxjs';
import { runBacktest } from '../../src/index';
import { btcUsdt } from '../support/markets';

const VENUES = ['a', 'b', 'c', 'd'];
const PER_VENUE = 75_000;
const events: OrderBookSnapshot[][] = VENUES.map((venue, offset) =>
  Array.from({ length: PER_VENUE }, (_, i) => {
    const mid = 100 + ((i * 7 + offset) % 50) / 10;
    const time = i * 10 + offset;
    return {
      type: 'snapshot' as const,
      venue,
      symbol: 'BTC/USDT',
      ts: time,
      recvTs: time,
      bids: [0.5, 1, 1.5, 2, 2.5].map((d) => [mid - d, 1 + d] as const),
      asks: [0.5, 1, 1.5, 2, 2.5].map((d) => [mid + d, 1 + d] as const),
    };
  }),
);
for (const mode of (process.argv[2] ?? 'none,both').split(',')) {
  const t0 = performance.now();
  const elu0 = performance.eventLoopUtilization();
  const result = await runBacktest({
    markets: mode === 'sim' || mode === 'both' ? VENUES.map((v) => btcUsdt(v)) : [],
    balances: Object.fromEntries(VENUES.map((v) => [v, { USDT: '1' }])),
    feeds: events,
    pipeline: (ctx) =>
      mode === 'pipe' || mode === 'both'
        ? merge(...VENUES.map((v) => ctx.venues[v]?.orderBook$('BTC/USDT', { depth: 5 }) ?? EMPTY)).pipe(ignoreElements())
        : NEVER,
  });
  const dt = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  console.log(
    mode,
    result.events,
    `${((result.events / dt) * 1000).toFixed(0)} ev/s`,
    dt.toFixed(0),
    'ms',
    'util',
    elu.utilization.toFixed(2),
  );
}
