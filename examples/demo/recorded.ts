/**
 * The demo's default mode: paper-trade spatial and triangular arbitrage on
 * the market data bundled in examples/data, print the summary table and
 * write one HTML report per strategy.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { toHtml, toJSON } from '@arbot/backtest';
import { heading, utc } from '../lib/print';
import { linkSpatialScenario } from '../scenarios/link-spatial';
import { solTriangleScenario } from '../scenarios/sol-triangle';
import { runScenario, type ScenarioFigures } from './scenario-run';
import { printSummary } from './summary';

/** Settings of a recorded demo run. */
export interface RecordedDemoSettings {
  /** Taker fee per leg, bps (a VIP / market-maker tier by default). */
  readonly takerBps: number;
  /** Simulated order placement latency, ms. */
  readonly latencyMs: number;
  /** Replay only the first N minutes of each recording. */
  readonly minutes: number | undefined;
  readonly outDir: string;
  readonly progress: boolean;
  readonly seed: number;
}

export async function runRecordedDemo(settings: RecordedDemoSettings): Promise<void> {
  console.log('ArBot SDK demo: paper trading on recorded market data');
  console.log('  replay → book() → books() → detector → riskGate → executeOpportunities → simulated venue → ledger');
  console.log(`  taker fee ${settings.takerBps} bps per leg, placement latency ${settings.latencyMs} ms, seed ${settings.seed}\n`);

  const runs: ScenarioFigures[] = [];
  runs.push(
    await runScenario(
      (hooks) =>
        linkSpatialScenario(
          { takerBps: settings.takerBps, latencyMs: settings.latencyMs, seed: settings.seed, ...minutesOf(settings.minutes, 120) },
          hooks,
        ),
      settings.progress,
    ),
  );
  const hours = settings.minutes === undefined ? undefined : Math.max(1, Math.ceil(settings.minutes / 60));
  runs.push(
    await runScenario(
      (hooks) =>
        solTriangleScenario(
          {
            takerBps: settings.takerBps,
            spreadBps: 1,
            latencyMs: settings.latencyMs,
            seed: settings.seed,
            ...(hours === undefined ? {} : { hours }),
          },
          hooks,
        ),
      settings.progress,
    ),
  );

  heading('Summary');
  for (const run of runs) {
    const m = run.result.metrics;
    console.log(`${run.name.padEnd(11)} ${run.description} (${utc(m.start)} → ${utc(m.end)})`);
  }
  printSummary(runs, 'USDT');

  mkdirSync(settings.outDir, { recursive: true });
  heading('Reports');
  for (const run of runs) {
    const html = join(settings.outDir, `${run.name}-report.html`);
    const json = join(settings.outDir, `${run.name}-result.json`);
    writeFileSync(html, toHtml(run.result, { title: `ArBot demo: ${run.name} arbitrage — ${run.description}` }));
    writeFileSync(json, toJSON(run.result));
    console.log(`${run.name.padEnd(11)} HTML report: ${display(html)}  (JSON: ${display(json)})`);
  }
  console.log('\nPnL is the realized result of the executions, fees included; equity also moves with the inventory held.');
  if (settings.takerBps <= 2) console.log(`At retail fees (\`npm run demo -- --taker-bps 10\`) these dislocations do not survive fees.`);
}

function minutesOf(minutes: number | undefined, max: number): { minutes?: number } {
  return minutes === undefined ? {} : { minutes: Math.min(minutes, max) };
}

function display(path: string): string {
  const rel = relative(process.cwd(), resolve(path));
  return rel.startsWith('..') ? resolve(path) : rel;
}
