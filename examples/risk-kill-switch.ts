/**
 * A risk gate with a kill switch, and every decision it makes.
 *
 *   recorded LINK/USDT books → detectSpatialArbitrage → riskGate([killSwitch, circuitBreaker,
 *   drawdownGuard, staleData, anomalyGuard, notionalLimits, inventoryLimits, minNetBps])
 *   → executeOpportunities (obeying the kill switch's commands) on simulated venues
 *
 * Halfway through, the kill switch is triggered (here by a timer on the
 * backtest's virtual clock; live, by a signal, an alert or an operator).
 * From then on the gate rejects everything with KILL_SWITCH and the executor
 * receives `cancel-all`: nothing new is sent and open orders are cancelled.
 *
 *   pnpm example risk-kill-switch
 *   pnpm example risk-kill-switch --minutes 60 --kill-at 30
 */

import { runBacktest } from '@arbot/backtest';
import { readL2SnapshotCsv } from '@arbot/connectors';
import { books, type ExecutionReport, executeOpportunities, parseMarket } from '@arbot/core';
import {
  anomalyGuard,
  circuitBreaker,
  drawdownGuard,
  inventoryLimits,
  killSwitch,
  minNetBps,
  notionalLimits,
  type RiskDecision,
  riskGate,
  staleData,
} from '@arbot/risk';
import { detectSpatialArbitrage } from '@arbot/strategies';
import { map, merge, Subject, tap, timer } from 'rxjs';
import { parseFlags, runExample, UsageError } from './lib/cli';
import { bundledData } from './lib/data';
import { fixed, heading, printTable, utc } from './lib/print';

const info = {
  name: 'risk-kill-switch',
  summary: 'Runs spatial arbitrage through a risk gate of eight policies and pulls the kill switch halfway.',
  flags: {
    minutes: { type: 'number', default: 30, min: 2, max: 120, help: 'minutes of the recording to replay' },
    killAt: { type: 'number', help: 'minute at which the kill switch is triggered (default: halfway)' },
  },
} as const;

const SYMBOL = 'LINK/USDT';

runExample(info, async () => {
  const flags = parseFlags(info);
  const minutes = flags.smoke ? 12 : flags.minutes;
  const killAt = flags.killAt ?? minutes / 2;
  if (killAt <= 0 || killAt >= minutes) throw new UsageError(`--kill-at must be between 0 and --minutes (${minutes})`);

  const market = (venue: string, priceStep: string) =>
    parseMarket({
      venue,
      symbol: SYMBOL,
      id: 'LINKUSDT',
      base: 'LINK',
      quote: 'USDT',
      precision: { amount: '0.01', price: priceStep },
      limits: { amount: { min: '0.01' }, cost: { min: '5' } },
      fees: { maker: '0.0001', taker: '0.0001' }, // a 1 bp VIP tier: see spatial-arbitrage.ts
    });
  const start = Date.UTC(2021, 7, 20);
  const decisions: RiskDecision[] = [];
  const commands: string[] = [];

  const result = await runBacktest({
    feeds: [
      readL2SnapshotCsv(bundledData('linkusdt_l2_10lvl_binance_2021-08-20.csv.gz')),
      readL2SnapshotCsv(bundledData('linkusdt_l2_10lvl_huobi_2021-08-20.csv.gz')),
    ],
    markets: [market('binance', '0.001'), market('huobi', '0.0001')],
    balances: { binance: { USDT: '2000', LINK: '50' }, huobi: { USDT: '2000', LINK: '50' } },
    startPrices: { LINK: '27.1' },
    venue: { latency: { placement: { fixedMs: 50 } } },
    to: start + minutes * 60_000,
    pipeline: (ctx) => {
      const binance = ctx.venues.binance;
      const huobi = ctx.venues.huobi;
      if (binance === undefined || huobi === undefined) throw new Error('the backtest has no binance or huobi venue');
      const clock = ctx.clock;
      const books$ = merge(binance.orderBook$(SYMBOL), huobi.orderBook$(SYMBOL));
      const balances$ = merge(binance.balances$(), huobi.balances$());
      const reports$ = new Subject<ExecutionReport>();

      // The kill switch: triggered by any value on trigger$ (here a timer on the virtual clock).
      const kill = killSwitch({
        clock,
        trigger$: timer(killAt * 60_000, clock.scheduler).pipe(map(() => 'operator pressed the button')),
      });
      kill.commands$.subscribe((c) =>
        commands.push(`${utc(c.at)}  ${c.type} (${c.reason}) on ${c.venues === 'all' ? 'all venues' : c.venues.join(', ')}`),
      );

      const gate = riskGate(
        [
          kill, // halts everything while engaged
          circuitBreaker({ maxConsecutiveLosses: 3, maxLoss: 5, windowMs: 3_600_000, cooldownMs: 600_000 }),
          drawdownGuard({ softLimitPct: 2, hardLimitPct: 5 }), // shrink sizes from -2 %, halt at -5 %
          staleData({ maxAgeMs: 500 }),
          anomalyGuard({ priceDeviation: { maxDeviationPct: 0.5 } }), // one venue's mid > 0.5 % off the others'
          notionalLimits({ maxOrderNotional: 400, maxTotalExposure: 1_600 }),
          inventoryLimits({ reserve: { USDT: 100, LINK: 2 } }),
          minNetBps({ minBps: 0.5 }), // floors last: they judge the resized opportunity
        ],
        { clock, markets: ctx.catalog, books$, balances$, reports$, equity$: ctx.ledger.equity$.pipe(map((p) => p.equity)) },
      );
      gate.decisions$.subscribe((d) => decisions.push(d));

      return books$.pipe(
        books(),
        detectSpatialArbitrage({ markets: ctx.catalog, clock, balances: balances$, maxBookAgeMs: 500, cooldownMs: 5_000 }),
        ctx.tapOpportunities(),
        gate.operator,
        // The executor obeys the kill switch: cancel-all stops new work and cancels open orders.
        executeOpportunities(ctx.venues, { clock, catalog: ctx.catalog, commands$: kill.commands$ }),
        tap(reports$),
      );
    },
  });

  heading(`Every decision of the gate (kill switch at ${utc(start + killAt * 60_000)})`);
  printTable(
    decisions.map((d) => ({
      time: utc(d.at),
      route: d.original.legs.map((l) => `${l.side} ${l.venue}`).join(' / '),
      'net bps': fixed(d.original.expected.netBps, 2),
      outcome: d.outcome,
      why: d.rejection
        ? `${d.rejection.policy}: ${d.rejection.code}`
        : d.resizes.map((r) => `${r.policy}: ${r.code} ×${fixed(r.scale, 2)}`).join(', '),
    })),
  );
  heading('Commands sent to the executor');
  for (const line of commands) console.log(line);
  if (commands.length === 0) console.log('(none)');
  const afterKill = decisions.filter((d) => d.at >= start + killAt * 60_000);
  console.log(
    `\n${result.reports.length} executions, all before the kill; after it ${afterKill.length} opportunities were rejected with KILL_SWITCH.`,
  );
  if (afterKill.some((d) => d.outcome !== 'rejected')) throw new Error('the gate approved an opportunity after the kill switch');
});
