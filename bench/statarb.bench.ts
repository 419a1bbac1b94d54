/**
 * @arbot/strategies statistical arbitrage: ticks per second through
 * `pairsTrading` (rolling OLS and Kalman hedges, emitting opportunities on
 * the way), one `engleGranger` test on 5,000 bars, and the wall time of
 * `scanPairs` over a universe of 100 symbols × 5,000 bars (seeded synthetic
 * log prices: 10 common factors, so some pairs are cointegrated), which
 * runs 9,900 Engle–Granger tests. Run: `pnpm bench statarb`.
 */

import { seededRandom } from '@arbot/connectors';
import { type Clock, parseMarket } from '@arbot/core';
import { engleGranger, type PairsTradingOptions, type PairTick, pairsTrading, scanPairs } from '@arbot/strategies';
import { asapScheduler, from, Subject } from 'rxjs';
import { runSuite } from './report';

function normal(seed: number): () => number {
  const u = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(Math.max(u(), Number.MIN_VALUE))) * Math.cos(2 * Math.PI * u());
}

/** 100 log-price series of `bars` bars: symbol k loads on factor k mod 10 (a random walk) plus AR(1) or random-walk noise. */
function universe(symbols: number, bars: number): Record<string, number[]> {
  const z = normal(7);
  const factors = Array.from({ length: 10 }, () => {
    const f = [0];
    for (let t = 1; t < bars; t++) f.push((f[t - 1] as number) + 0.01 * z());
    return f;
  });
  const out: Record<string, number[]> = {};
  for (let k = 0; k < symbols; k++) {
    const factor = factors[k % 10] as number[];
    const loading = 0.5 + (k % 7) * 0.2;
    const stationary = k % 2 === 0;
    let e = 0;
    const series: number[] = [];
    for (let t = 0; t < bars; t++) {
      e = stationary ? 0.5 * e + 0.003 * z() : e + 0.004 * z();
      series.push(4 + loading * (factor[t] as number) + e);
    }
    out[`S${String(k).padStart(3, '0')}`] = series;
  }
  return out;
}

const market = (symbol: string, base: string) =>
  parseMarket({
    venue: 'binance',
    symbol,
    id: symbol.replace('/', ''),
    base,
    quote: 'USDT',
    precision: { amount: '0.0001', price: '0.01' },
    limits: {},
    fees: { maker: '0.001', taker: '0.001' },
  });

const clock: Clock = { now: () => 1_700_000_000_000, scheduler: asapScheduler };

function pairsCase(name: string, options: Partial<PairsTradingOptions>, ticks: readonly PairTick[]) {
  const operator = () =>
    pairsTrading({
      markets: { a: market('ETH/USDT', 'ETH'), b: market('BTC/USDT', 'BTC') },
      lookback: 240,
      amount: '1',
      clock,
      ...options,
    });
  // One pass first, to report how many opportunities (Decimal legs, fees) the ticks produce.
  let perPass = 0;
  from(ticks)
    .pipe(operator())
    .subscribe(() => {
      perPass++;
    });
  const input = new Subject<PairTick>();
  let emitted = 0;
  input.pipe(operator()).subscribe(() => {
    emitted++;
  });
  return {
    name: `${name} (${perPass} opportunities / ${ticks.length} ticks)`,
    opsPerCall: ticks.length,
    fn: () => {
      for (const tick of ticks) input.next(tick);
      return emitted;
    },
  };
}

export default async function run(): Promise<void> {
  const z = normal(11);
  const ticks: PairTick[] = [];
  let btc = 30_000;
  let spread = 0;
  for (let t = 0; t < 5_000; t++) {
    btc *= 1 + 0.001 * z();
    spread = 0.9 * spread + 3 * z();
    ticks.push({ ts: t * 1_000, a: 0.06 * btc + 50 + spread, b: btc });
  }
  const data = universe(100, 5_000);
  const [first, second] = Object.values(data) as [number[], number[]];

  await runSuite('statarb: pairsTrading ticks per second, one Engle–Granger test', [
    pairsCase('pairsTrading rolling-ols(240)', {}, ticks),
    pairsCase(
      'pairsTrading kalman',
      { hedge: 'kalman', kalman: { delta: 1e-10, observationVariance: 40, initialBeta: 0.06, initialAlpha: 50, initialVariance: 1e-6 } },
      ticks,
    ),
    { name: 'engleGranger 5,000 bars (AIC, maxLag 32)', fn: () => engleGranger(first, second) },
  ]);

  scanPairs(Object.fromEntries(Object.entries(data).slice(0, 5))); // warm-up
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  const { ranked, skipped } = scanPairs(data);
  const seconds = (performance.now() - started) / 1_000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const significant = ranked.filter((p) => p.pValue < 0.05).length;
  console.log('\n## statarb: scanPairs, 100 symbols × 5,000 bars (4,950 pairs, both directions: 9,900 tests)');
  // CPU time too: on a shared machine the wall time also counts time spent descheduled.
  console.log('| case | wall time (s) | CPU time (s) | tests/s (wall) | pairs with p < 0.05 | skipped |');
  console.log('|---|---|---|---|---|---|');
  console.log(
    `| scanPairs | ${seconds.toFixed(2)} | ${cpuSeconds.toFixed(2)} | ${(9_900 / seconds).toFixed(0)} | ${significant} | ${skipped.length} |`,
  );
}
