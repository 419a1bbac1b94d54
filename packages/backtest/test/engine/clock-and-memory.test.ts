import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { OrderBookSnapshot } from '@arbot/core';
import { EMPTY, ignoreElements, interval, merge, NEVER, tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { BacktestPipelineError, runBacktest } from '../../src/index';
import { trade } from '../support/events';
import { btcUsdt } from '../support/markets';

describe('runBacktest: the virtual clock', () => {
  it('fires timers armed on the clock scheduler at their exact times between events', async () => {
    const ticks: [number, number][] = [];
    let seen = 0;
    const result = await runBacktest({
      markets: [btcUsdt('a')],
      feeds: [[trade('a', 100), trade('a', 600), trade('a', 1_100)]],
      pipeline: (ctx) =>
        merge(
          ctx.venues.a?.trades$('BTC/USDT').pipe(tap(() => seen++)) ?? EMPTY,
          interval(250, ctx.clock.scheduler).pipe(tap(() => ticks.push([ctx.clock.now(), seen]))),
        ).pipe(ignoreElements()),
    });
    // The clock starts at the first event (100); ticks at 350, 600, 850, 1100. A timer due at an
    // event's time runs before that event is delivered.
    expect(ticks).toEqual([
      [350, 1],
      [600, 1],
      [850, 2],
      [1_100, 2],
    ]);
    expect(seen).toBe(3);
    expect(result).toMatchObject({ from: 100, to: 1_100, events: 3 });
  });

  it('runs on to `to` and samples equity on the grid from `from`', async () => {
    const result = await runBacktest({
      balances: { a: { USDT: '50' } },
      feeds: [[trade('a', 1_500)]],
      from: 1_000,
      to: 4_000,
      sampleEveryMs: 1_000,
      pipeline: () => NEVER,
    });
    expect(result.equity.map((p) => [p.ts, p.equity.toString()])).toEqual([
      [1_000, '50'],
      [2_000, '50'],
      [3_000, '50'],
      [4_000, '50'],
    ]);
    expect(result.metrics).toMatchObject({ totalReturn: 0, maxDrawdown: 0, trades: 0, sharpe: undefined });
  });

  it('fails with BacktestPipelineError when the pipeline errors', async () => {
    const failing = runBacktest({
      markets: [btcUsdt('a')],
      feeds: [[trade('a', 10), trade('a', 20)]],
      pipeline: (ctx) =>
        ctx.venues.a?.trades$('BTC/USDT').pipe(
          tap((t) => {
            if (t.ts === 20) throw new Error('boom');
          }),
          ignoreElements(),
        ) ?? NEVER,
    });
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BacktestPipelineError);
    expect((error as BacktestPipelineError).context).toEqual({ at: 20 });
    expect((error as Error).message).toContain('boom');
  });

  it('rejects bad options with a ValidationError naming the field', async () => {
    await expect(runBacktest({ feeds: [], pipeline: () => NEVER, sampleEveryMs: 0 })).rejects.toThrow(/sampleEveryMs/);
    await expect(runBacktest({ feeds: [], pipeline: () => NEVER })).rejects.toThrow(/from/);
  });
});

const VENUES = ['a', 'b', 'c', 'd'];
const PER_VENUE = 75_000;

/** PER_VENUE five-level snapshots of one venue, made on demand (nothing is held). */
function* generated(venue: string, offset: number): Generator<OrderBookSnapshot> {
  for (let i = 0; i < PER_VENUE; i++) {
    const mid = 100 + ((i * 7 + offset) % 50) / 10;
    const time = i * 10 + offset;
    yield {
      type: 'snapshot',
      venue,
      symbol: 'BTC/USDT',
      ts: time,
      recvTs: time,
      bids: [0.5, 1, 1.5, 2, 2.5].map((d) => [mid - d, 1 + d] as const),
      asks: [0.5, 1, 1.5, 2, 2.5].map((d) => [mid + d, 1 + d] as const),
    };
  }
}

describe('runBacktest: memory', () => {
  it(`replays ${VENUES.length * PER_VENUE} events from ${VENUES.length} venues with bounded heap growth`, async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap: number[] = [];
    let views = 0;
    const result = await runBacktest({
      markets: VENUES.map((v) => btcUsdt(v)),
      feeds: VENUES.map((v, k) => generated(v, k)),
      pipeline: (ctx) =>
        merge(...VENUES.map((v) => ctx.venues[v]?.orderBook$('BTC/USDT', { depth: 5 }) ?? EMPTY)).pipe(
          tap(() => {
            views++;
            if (views % 50_000 === 0) {
              gc();
              heap.push(process.memoryUsage().heapUsed);
            }
          }),
          ignoreElements(),
        ),
    });
    expect(result.events).toBe(VENUES.length * PER_VENUE);
    expect(views).toBe(VENUES.length * PER_VENUE);
    expect(heap).toHaveLength(6);
    // Holding the events would take well over 100 MB (each snapshot is ~1 KB of objects);
    // between the first and the last measurement the live heap may move by a few MB at most.
    const growth = Math.max(...heap) - (heap[0] ?? 0);
    expect(growth).toBeLessThan(8 * 1024 * 1024);
  }, 60_000);
});
