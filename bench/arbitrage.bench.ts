/**
 * Arbitrage detectors: latency per book update of `detectTriangularArbitrage`
 * over a ~2,000-market exchange and of `detectSpatialArbitrage` over 10
 * venues, each against a naive detector that re-scans everything on every
 * update, in the same run. Run: `pnpm bench arbitrage`.
 *
 * /work/shared/data holds no full-exchange market list, so the exchange is
 * generated (seeded, deterministic) with a Binance-like shape: 8 quote hubs
 * (USDT, USDC, FDUSD, BTC, ETH, BNB, TRY, EUR) traded against each other, and
 * ~670 base assets each listed against USDT (97 %), BTC (55 %), TRY (40 %),
 * USDC (30 %), FDUSD (30 %), BNB (25 %), ETH (20 %), EUR (8 %): a few hubs of
 * very high degree and a long tail of degree 1–4. Prices come from one USD
 * price per asset, so books are consistent across markets; ticks carry five
 * significant digits, lots are worth $0.1–$1, min notional is $5, taker 0.1 %.
 * Books have 20 levels a side, 2–10 bps spreads. Each update re-quotes one
 * market (picked with Zipf-like weights: hub pairs and majors update most)
 * around its fair price. A few updates of non-hub markets (the long tail,
 * whose quotes lag the hubs) dislocate it by 40–120 bps, which makes some of
 * its triangles (or venue pairs) pay after fees; 4–16 updates later it is
 * re-quoted at its fair price again. Triangular: 1 % of non-hub updates
 * (0.5 % of all, hub pairs being half the traffic). Spatial: 0.2 % of
 * updates, each paying against the 9 other venues at once. A last case per
 * suite times the profitable path alone: an update whose opportunities are
 * sized, checked exactly in Decimal and emitted every time (no cooldown).
 *
 * Each case consumes the pre-built `BookSet`s a `books()` stream would emit
 * (built before timing: building them is the `books()` operator's cost, not
 * the detector's; `pnpm bench core-hot-paths` measures it), through a
 * Subject, as a user pipeline would.
 */
import { seededRandom } from '@arbot/connectors';
import { BookSet, type Clock, type Market, MarketCatalog, type Opportunity, OrderBook, type OrderBookView, parseMarket } from '@arbot/core';
import { detectSpatialArbitrage, detectTriangularArbitrage, findTriangles, type Triangle } from '@arbot/strategies';
import { asyncScheduler, type OperatorFunction, Subject } from 'rxjs';
import { runSuite } from './report';

const SEED = 20_240_607;
const LEVELS = 20;
const RING = 1_024;
const TAKER = 0.001;
/**
 * The age check runs on every update but must never exclude: the clock moves
 * 1 ms per update while the ring's books keep their recvTs, and a run makes
 * a few million updates.
 */
const MAX_AGE_MS = 1e9;
/** Updates run through each case before timing, so the JIT has compiled the paths the ring exercises. */
const WARM_UP = 4 * RING;

/** A power of ten as a number and its count of decimals (for exact `toFixed` rounding). */
interface Grid {
  readonly step: number;
  readonly decimals: number;
}

function gridOf(exponent: number): Grid {
  // `10 ** -4` is 0.00009999999999999999; parsing "1e-4" gives the double whose shortest form is 0.0001
  return { step: Number(`1e${exponent}`), decimals: Math.max(0, -exponent) };
}

/** `k` grid steps as a clean decimal number (no `0.30000000000000004`). */
function onGrid(k: number, grid: Grid): number {
  return Number((k * grid.step).toFixed(grid.decimals));
}

interface MarketModel {
  readonly market: Market;
  readonly base: string;
  readonly quote: string;
  readonly tick: Grid;
  readonly lot: Grid;
  /** Update weight (Zipf-like on the market's importance). */
  readonly weight: number;
  /** Whether both assets are quote hubs. */
  readonly hub: boolean;
}

interface Exchange {
  readonly usd: ReadonlyMap<string, number>;
  readonly models: readonly MarketModel[];
}

const HUBS: Readonly<Record<string, number>> = { USDT: 1, USDC: 1, FDUSD: 1, BTC: 60_000, ETH: 3_000, BNB: 600, TRY: 0.03, EUR: 1.08 };
const HUB_PAIRS = [
  'BTC/USDT',
  'ETH/USDT',
  'BNB/USDT',
  'USDC/USDT',
  'FDUSD/USDT',
  'EUR/USDT',
  'USDT/TRY',
  'BTC/USDC',
  'ETH/USDC',
  'BNB/USDC',
  'BTC/FDUSD',
  'ETH/FDUSD',
  'BNB/FDUSD',
  'FDUSD/USDC',
  'ETH/BTC',
  'BNB/BTC',
  'BNB/ETH',
  'BTC/TRY',
  'ETH/TRY',
  'BNB/TRY',
  'BTC/EUR',
  'ETH/EUR',
  'BNB/EUR',
  'EUR/TRY',
];
const LISTING: readonly (readonly [string, number])[] = [
  ['USDT', 0.97],
  ['BTC', 0.55],
  ['TRY', 0.4],
  ['USDC', 0.3],
  ['FDUSD', 0.3],
  ['BNB', 0.25],
  ['ETH', 0.2],
  ['EUR', 0.08],
];
const BASES = 670;

function marketModel(venue: string, base: string, quote: string, usd: ReadonlyMap<string, number>, weight: number): MarketModel {
  const basePrice = usd.get(base) as number;
  const price = basePrice / (usd.get(quote) as number);
  const tick = gridOf(Math.floor(Math.log10(price)) - 4);
  // a lot worth $0.1–$1
  const lot = gridOf(Math.floor(Math.log10(1 / basePrice)));
  const minCost = 5 / (usd.get(quote) as number);
  const market = parseMarket({
    venue,
    symbol: `${base}/${quote}`,
    id: `${base}${quote}`,
    base,
    quote,
    precision: { amount: lot.step, price: tick.step },
    limits: { amount: { min: lot.step }, cost: { min: Number(minCost.toPrecision(2)) } },
    fees: { maker: TAKER, taker: TAKER },
  });
  return { market, base, quote, tick, lot, weight, hub: base in HUBS && quote in HUBS };
}

function generateExchange(random: () => number): Exchange {
  const usd = new Map(Object.entries(HUBS));
  const models: MarketModel[] = [];
  for (const [i, symbol] of HUB_PAIRS.entries()) {
    const [base, quote] = symbol.split('/') as [string, string];
    models.push(marketModel('x', base, quote, usd, 40 / (i + 1) ** 0.5));
  }
  for (let b = 0; b < BASES; b++) {
    const base = `C${String(b).padStart(3, '0')}`;
    // $0.0001 … $500, log-uniform
    usd.set(base, 10 ** (-4 + random() * 6.7));
    for (const [quote, p] of LISTING) {
      if (random() >= p) continue;
      models.push(marketModel('x', base, quote, usd, 10 / (b + 5) ** 0.8));
    }
  }
  return { usd, models };
}

/** A 20-level book of `model` around `mid`, spread `spreadBps`, levels ~1 bp apart, $200–$20k each. */
function quote(model: MarketModel, mid: number, spreadBps: number, usdPerBase: number, random: () => number, ts: number): OrderBookView {
  const { tick, lot } = model;
  const book = new OrderBook({ venue: model.market.venue, symbol: model.market.symbol });
  const asks: [number, number][] = [];
  const bids: [number, number][] = [];
  let ask = Math.ceil((mid * (1 + spreadBps / 20_000)) / tick.step);
  let bid = Math.floor((mid * (1 - spreadBps / 20_000)) / tick.step);
  if (bid >= ask) bid = ask - 1;
  const gap = Math.max(1, Math.round((mid * 0.0001) / tick.step));
  const size = () => onGrid(Math.max(1, Math.round((200 + random() * 19_800) / usdPerBase / lot.step)), lot);
  for (let i = 0; i < LEVELS; i++) {
    asks.push([onGrid(ask, tick), size()]);
    if (bid > 0) bids.push([onGrid(bid, tick), size()]);
    ask += gap * (1 + Math.floor(random() * 3));
    bid -= gap * (1 + Math.floor(random() * 3));
  }
  book.applySnapshot({ type: 'snapshot', venue: model.market.venue, symbol: model.market.symbol, ts, recvTs: ts, bids, asks });
  return book.view();
}

/** Picks indices with probability proportional to `weights`. */
function weightedPicker(weights: readonly number[], random: () => number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += w;
    cumulative.push(total);
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** The update stream: the first set holds every book; the ring then re-quotes one market per set. */
interface UpdateStream {
  readonly initial: BookSet;
  readonly ring: readonly BookSet[];
}

function updateStream(
  models: readonly MarketModel[],
  fairMid: (m: MarketModel) => number,
  usdPerBase: (m: MarketModel) => number,
  random: () => number,
  /** Share of the updates of non-hub markets that move the market 40–120 bps off its fair price. */
  dislocationRate: number,
): UpdateStream {
  let ts = 1;
  let set: BookSet | undefined;
  for (const model of models) {
    const view = quote(model, fairMid(model), 2 + random() * 8, usdPerBase(model), random, ts);
    set = set === undefined ? BookSet.of(view) : set.with(view);
  }
  const initial = set as BookSet;
  const pick = weightedPicker(
    models.map((m) => m.weight),
    random,
  );
  const ring: BookSet[] = [];
  let current = initial;
  // a dislocated market is re-quoted at its fair price 4–16 updates later, as when the gap gets traded away
  const reverts = new Map<number, MarketModel>();
  for (let i = 0; i < RING; i++) {
    const due = reverts.get(i);
    reverts.delete(i);
    const model = due ?? (models[pick()] as MarketModel);
    // hub pairs are the liquid reference prices; it is the long tail whose quotes lag behind them
    const dislocated = due === undefined && !model.hub && random() < dislocationRate;
    const shift = dislocated ? (random() < 0.5 ? -1 : 1) * (40 + random() * 80) : (random() - 0.5) * 4;
    if (dislocated) {
      let at = i + 4 + Math.floor(random() * 13);
      while (reverts.has(at)) at++;
      reverts.set(at, model);
    }
    ts++;
    current = current.with(quote(model, fairMid(model) * (1 + shift / 10_000), 2 + random() * 8, usdPerBase(model), random, ts));
    ring.push(current);
  }
  return { initial, ring };
}

/** A clock the benchmark moves by 1 ms per update (cooldowns and ages in virtual time). */
function benchClock(): Clock & { t: number } {
  return {
    t: 1,
    now() {
      return this.t;
    },
    scheduler: asyncScheduler,
  };
}

/** Feeds `stream` through `operator` one set per call, as a user pipeline would. */
function driver(stream: UpdateStream, operator: (clock: Clock) => OperatorFunction<BookSet, Opportunity>) {
  const clock = benchClock();
  const input = new Subject<BookSet>();
  let emitted = 0;
  input.pipe(operator(clock)).subscribe(() => emitted++);
  input.next(stream.initial);
  let i = 0;
  const { ring } = stream;
  const step = () => {
    clock.t++;
    input.next(ring[i] as BookSet);
    i = i === ring.length - 1 ? 0 : i + 1;
  };
  for (let n = 0; n < WARM_UP; n++) step();
  const warmEmitted = emitted;
  return {
    step,
    /** Opportunities emitted since the warm-up. */
    emitted: () => emitted - warmEmitted,
  };
}

/** Feeds `stream` to a plain function per set (the naive detectors). */
function plainDriver(stream: UpdateStream, onSet: (set: BookSet) => void) {
  let i = 0;
  const { ring } = stream;
  onSet(stream.initial);
  const step = () => {
    onSet(ring[i] as BookSet);
    i = i === ring.length - 1 ? 0 : i + 1;
  };
  for (let n = 0; n < RING; n++) step();
  return step;
}

/**
 * What one writes in an afternoon: on every update, every triangle is read
 * from the set and priced at the top of book; one that pays is sized by
 * trying 32 start amounts through the core depth walks (no precision).
 */
function naiveTriangular(triangles: readonly Triangle[], maxStart: number): (set: BookSet) => number {
  return (set) => {
    let found = 0;
    for (const t of triangles) {
      const views = t.legs.map((leg) => set.get(t.venue, leg.symbol));
      let rate = 1;
      t.legs.forEach((leg, h) => {
        const v = views[h];
        const px = leg.side === 'buy' ? v?.bestAsk : v?.bestBid;
        rate *= px === undefined ? 0 : (leg.side === 'buy' ? 1 / px : px) * (1 - TAKER);
      });
      if (rate <= 1) continue;
      let best = 0;
      for (let s = 1; s <= 32; s++) {
        let amount = (maxStart * s) / 32;
        const start = amount;
        t.legs.forEach((leg, h) => {
          const v = views[h] as OrderBookView;
          amount = leg.side === 'buy' ? v.buyWithQuote(amount).filled * (1 - TAKER) : v.proceedsOfSelling(amount).cost * (1 - TAKER);
        });
        best = Math.max(best, amount - start);
      }
      if (best > 0) found++;
    }
    return found;
  };
}

/** The naive spatial detector: every symbol, every ordered venue pair, top of book then 32 sizes. */
function naiveSpatial(symbols: readonly string[]): (set: BookSet) => number {
  return (set) => {
    let found = 0;
    for (const symbol of symbols) {
      const views = set.forSymbol(symbol);
      for (const buy of views) {
        for (const sell of views) {
          if (buy === sell || buy.bestAsk === undefined || sell.bestBid === undefined) continue;
          if (sell.bestBid * (1 - TAKER) <= buy.bestAsk * (1 + TAKER)) continue;
          let best = 0;
          const depth = Math.min(buy.costToBuy(Number.POSITIVE_INFINITY).filled, sell.proceedsOfSelling(Number.POSITIVE_INFINITY).filled);
          for (let s = 1; s <= 32; s++) {
            const q = (depth * s) / 32;
            best = Math.max(best, sell.proceedsOfSelling(q).cost * (1 - TAKER) - buy.costToBuy(q).cost * (1 + TAKER));
          }
          if (best > 0) found++;
        }
      }
    }
    return found;
  };
}

async function triangularSuite(): Promise<void> {
  const random = seededRandom(SEED);
  const exchange = generateExchange(random);
  const { models, usd } = exchange;
  const catalog = new MarketCatalog(models.map((m) => m.market));
  const triangles = findTriangles(catalog, { start: 'USDT' });
  const perMarket = new Map<string, number>();
  for (const t of triangles) for (const leg of t.legs) perMarket.set(leg.symbol, (perMarket.get(leg.symbol) ?? 0) + 1);
  const counts = [...perMarket.values()].sort((a, b) => a - b);
  const hubSymbols = new Set(HUB_PAIRS);
  const fair = (m: MarketModel) => (usd.get(m.base) as number) / (usd.get(m.quote) as number);
  const perBase = (m: MarketModel) => usd.get(m.base) as number;
  const stream = updateStream(models, fair, perBase, random, 0.01);
  const hubStream = updateStream(
    models.filter((m) => hubSymbols.has(m.market.symbol)),
    fair,
    perBase,
    random,
    0,
  );
  // hub-only updates still need the other books: start from the full set
  const hubRing = hubStream.ring.map((set) => stream.initial.with(set.updated));

  console.log(
    `\ntriangular: ${models.length} markets, ${usd.size} assets, ${triangles.length} triangles from USDT; ` +
      `triangles per market: median ${counts[counts.length >> 1]}, p99 ${counts[Math.floor(counts.length * 0.99)]}, max ${counts.at(-1)}`,
  );
  const options = (clock: Clock) =>
    detectTriangularArbitrage({ markets: catalog, clock, start: 'USDT', maxNotional: '5000', cooldownMs: 1_000, maxBookAgeMs: MAX_AGE_MS });
  // the profitable path alone: an alt/USDT market quoted 80 bps cheap, its triangles sized and emitted on every call
  const alt = models.find((m) => !m.hub && m.quote === 'USDT' && (perMarket.get(m.market.symbol) ?? 0) >= 4) as MarketModel;
  const cheap = stream.initial.with(quote(alt, fair(alt) * 0.992, 5, perBase(alt), random, 2));
  const detector = driver(stream, options);
  const hubDetector = driver({ initial: stream.initial, ring: hubRing }, options);
  const profitable = driver({ initial: stream.initial, ring: [cheap] }, (clock) =>
    detectTriangularArbitrage({ markets: catalog, clock, start: 'USDT', maxNotional: '5000', maxBookAgeMs: MAX_AGE_MS }),
  );
  const naive = plainDriver(stream, naiveTriangular(triangles, 5_000));
  const perCall = (d: ReturnType<typeof driver>) => {
    const before = d.emitted();
    d.step();
    return d.emitted() - before;
  };
  console.log(`profitable-path case: ${alt.market.symbol} 80 bps cheap, ${perCall(profitable)} opportunities per update`);
  await runSuite('triangular arbitrage, start USDT, per book update', [
    { name: 'naive: re-scan every triangle', fn: naive },
    { name: 'detectTriangularArbitrage', fn: detector.step, baseline: 'naive: re-scan every triangle' },
    { name: 'detectTriangularArbitrage, hub-pair updates only', fn: hubDetector.step, baseline: 'naive: re-scan every triangle' },
    { name: 'detectTriangularArbitrage, profitable update (size + exact check + emit)', fn: profitable.step },
  ]);
  console.log(`opportunities emitted while timed: ${detector.emitted()} (all updates), ${hubDetector.emitted()} (hub-pair updates)`);
}

async function spatialSuite(): Promise<void> {
  const random = seededRandom(SEED + 1);
  const venues = Array.from({ length: 10 }, (_, i) => `v${i}`);
  const bases = Array.from({ length: 200 }, (_, i) => `S${String(i).padStart(3, '0')}`);
  const usd = new Map<string, number>([['USDT', 1]]);
  for (const base of bases) usd.set(base, 10 ** (-3 + random() * 7));
  const models: MarketModel[] = [];
  bases.forEach((base, b) => {
    for (const venue of venues) models.push(marketModel(venue, base, 'USDT', usd, 10 / (b + 5) ** 0.8));
  });
  const catalog = new MarketCatalog(models.map((m) => m.market));
  const fair = (m: MarketModel) => (usd.get(m.base) as number) * (1 + (random() - 0.5) * 0.0004);
  const perBase = (m: MarketModel) => usd.get(m.base) as number;
  const stream = updateStream(models, fair, perBase, random, 0.002);
  console.log(`\nspatial: ${venues.length} venues × ${bases.length} symbols = ${models.length} books`);
  const detector = driver(stream, (clock) =>
    detectSpatialArbitrage({ markets: catalog, clock, maxNotional: '5000', cooldownMs: 1_000, maxBookAgeMs: MAX_AGE_MS }),
  );
  // the profitable path alone: one venue quoting a symbol 80 bps cheap, sized and emitted against the 9 others on every call
  const dip = models[0] as MarketModel;
  const cheap = stream.initial.with(quote(dip, fair(dip) * 0.992, 5, perBase(dip), random, 2));
  const profitable = driver({ initial: stream.initial, ring: [cheap] }, (clock) =>
    detectSpatialArbitrage({ markets: catalog, clock, maxNotional: '5000', maxBookAgeMs: MAX_AGE_MS }),
  );
  const naive = plainDriver(stream, naiveSpatial(bases.map((b) => `${b}/USDT`)));
  const before = profitable.emitted();
  profitable.step();
  console.log(
    `profitable-path case: ${dip.market.symbol} on ${dip.market.venue} 80 bps cheap, ${profitable.emitted() - before} opportunities per update`,
  );
  await runSuite('spatial arbitrage, 10 venues, per book update', [
    { name: 'naive: re-scan every symbol and venue pair', fn: naive },
    { name: 'detectSpatialArbitrage', fn: detector.step, baseline: 'naive: re-scan every symbol and venue pair' },
    { name: 'detectSpatialArbitrage, profitable update (size + exact check + emit)', fn: profitable.step },
  ]);
  console.log(`opportunities emitted while timed: ${detector.emitted()}`);
}

export default async function run(): Promise<void> {
  await triangularSuite();
  await spatialSuite();
}
