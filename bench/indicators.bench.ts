/**
 * @arbot/strategies indicators: updates per second of every incremental
 * indicator state (steady state, warm), the RxJS operator path of one of
 * them, and the moving-average crossover. Each call feeds a batch of 10,000
 * prices of a seeded random walk. Run: `pnpm bench indicators`.
 */
import { seededRandom } from '@arbot/connectors';
import {
  AtrState,
  BollingerState,
  EmaState,
  KalmanHedgeState,
  MaCrossoverState,
  MacdState,
  type Ohlc,
  RollingOlsState,
  RsiState,
  SmaState,
  StddevState,
  sma,
  WmaState,
  ZscoreState,
} from '@arbot/strategies';
import { Subject } from 'rxjs';
import { type BenchCase, runSuite } from './report';

const BATCH = 10_000;

/** Seeded mulberry32 → triangular noise, so every run measures the same data. */
function noise(seed: number): () => number {
  const u = seededRandom(seed);
  return () => u() + u() - 1;
}

const z = noise(42);
const prices = new Float64Array(BATCH);
const others = new Float64Array(BATCH);
const bars: Ohlc[] = [];
let p = 30_000;
for (let i = 0; i < BATCH; i++) {
  const open = p;
  p *= 1 + 0.001 * z();
  prices[i] = p;
  others[i] = 0.05 * p + 100 * z();
  bars.push({ open, high: Math.max(open, p) * 1.0003, low: Math.min(open, p) * 0.9997, close: p });
}
const pairs = Array.from(prices, (x, i) => ({ x, y: others[i] as number }));

function scalar(name: string, state: { update(x: number): unknown }): BenchCase {
  return {
    name,
    opsPerCall: BATCH,
    fn: () => {
      for (let i = 0; i < BATCH; i++) state.update(prices[i] as number);
    },
  };
}

function operatorCase(): BenchCase {
  const input = new Subject<number>();
  let last = 0;
  input.pipe(sma({ period: 20 })).subscribe((v) => {
    last = v;
  });
  return {
    name: 'sma(20) operator (Subject → pipe)',
    opsPerCall: BATCH,
    baseline: 'sma(20)',
    fn: () => {
      for (let i = 0; i < BATCH; i++) input.next(prices[i] as number);
      return last;
    },
  };
}

export default async function run(): Promise<void> {
  const atr = new AtrState(14);
  const ols = new RollingOlsState(60);
  const kalman = new KalmanHedgeState({ delta: 1e-5, observationVariance: 1, initialVariance: 1 });
  await runSuite('indicators: updates per second (batch of 10,000, warm state)', [
    scalar('sma(20)', new SmaState(20)),
    scalar('ema(20)', new EmaState(20)),
    scalar('wma(20)', new WmaState(20)),
    scalar('rsi(14)', new RsiState(14)),
    scalar('macd(12,26,9)', new MacdState(12, 26, 9)),
    scalar('bollinger(20, 2)', new BollingerState(20, 2, 2)),
    scalar('stddev(20)', new StddevState(20)),
    scalar('zscore(20)', new ZscoreState(20)),
    scalar('sma(1000)', new SmaState(1_000)),
    scalar('zscore(1000)', new ZscoreState(1_000)),
    {
      name: 'atr(14)',
      opsPerCall: BATCH,
      fn: () => {
        for (let i = 0; i < BATCH; i++) atr.update(bars[i] as Ohlc);
      },
    },
    {
      name: 'rollingOLS(60)',
      opsPerCall: BATCH,
      fn: () => {
        for (let i = 0; i < BATCH; i++) ols.update(pairs[i] as { x: number; y: number });
      },
    },
    {
      name: 'kalmanHedgeRatio',
      opsPerCall: BATCH,
      fn: () => {
        for (let i = 0; i < BATCH; i++) kalman.update(pairs[i] as { x: number; y: number });
      },
    },
    scalar('maCrossover(50/200 sma)', new MaCrossoverState(50, 200, 'sma')),
    operatorCase(),
  ]);
}
