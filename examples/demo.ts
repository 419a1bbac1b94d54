/**
 * `npm run demo`: ArBot SDK's main job. Paper-trades spatial and triangular
 * arbitrage over real market data bundled in examples/data, through the
 * whole pipeline (replay → books → detectors → risk gate → executor →
 * simulated venue → ledger), prints a summary table and writes an HTML
 * report per strategy.
 *
 *   npm run demo                                   # bundled data, ~15 s
 *   npm run demo -- --minutes 10                   # the first 10 minutes of each recording
 *   npm run demo -- --taker-bps 10                 # retail fees
 *   npm run demo -- --live --exchanges binance,okx --symbols BTC/USDT
 */

import { runLiveDemo } from './demo/live';
import { runRecordedDemo } from './demo/recorded';
import { listFlag, parseFlags, runExample, UsageError } from './lib/cli';

const info = {
  name: 'demo',
  summary: 'Paper-trades spatial and triangular arbitrage on bundled real market data (or, with --live, on live public feeds).',
  flags: {
    takerBps: {
      type: 'number',
      min: 0,
      max: 100,
      help: 'taker fee per leg, bps (default 1: a VIP / market-maker tier; live: the venues’ own fees)',
    },
    latencyMs: { type: 'number', default: 50, min: 0, max: 10_000, help: 'simulated order placement latency, ms' },
    minutes: { type: 'number', min: 1, max: 100_000, help: 'recorded: replay only the first N minutes; live: run time (default 5)' },
    out: { type: 'string', default: 'out/demo', help: 'directory for the HTML and JSON reports' },
    seed: { type: 'number', default: 1, min: 0, max: 2 ** 31 - 1, help: 'seed of the simulated latency jitter' },
    noProgress: { type: 'boolean', help: 'no progress bar' },
    live: { type: 'boolean', help: 'live public ccxt feeds instead of the bundled recordings (needs internet)' },
    exchanges: { type: 'string', default: 'binance,okx', help: 'live: comma-separated ccxt exchange ids' },
    symbols: { type: 'string', default: 'BTC/USDT', help: 'live: comma-separated unified symbols' },
    paperCash: { type: 'number', default: 1_000, min: 1, help: 'live: paper quote per exchange (and its worth in base)' },
  },
} as const;

runExample(info, async () => {
  const flags = parseFlags(info);
  if (flags.live) {
    if (flags.smoke) throw new UsageError('--live and --smoke do not mix: the smoke run is offline');
    await runLiveDemo({
      exchanges: listFlag('--exchanges', flags.exchanges),
      symbols: listFlag('--symbols', flags.symbols),
      minutes: flags.minutes ?? 5,
      takerBps: flags.takerBps,
      paperCash: flags.paperCash,
    });
    return;
  }
  if (!Number.isInteger(flags.seed)) throw new UsageError(`--seed must be an integer, got ${flags.seed}`);
  await runRecordedDemo({
    takerBps: flags.takerBps ?? 1,
    latencyMs: flags.latencyMs,
    minutes: flags.minutes ?? (flags.smoke ? 10 : undefined),
    outDir: flags.out,
    progress: !flags.noProgress,
    seed: flags.seed,
  });
});
