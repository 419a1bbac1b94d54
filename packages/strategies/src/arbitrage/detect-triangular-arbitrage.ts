import {
  type BookSet,
  type Decimal,
  Id,
  NonNegativeDecimal,
  type Opportunity,
  type OrderBookView,
  PositiveDecimal,
  parseWith,
  toDecimal,
} from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { DetectorCommonOptions } from './arbitrage-schemas';
import { type BalanceBook, BalanceSourceSchema } from './balance-source';
import { bookSetDetector } from './book-set-detector';
import { Cooldown } from './cooldown';
import type { Triangle } from './find-triangles';
import type { MarketSpec } from './market-spec';
import { detectionTime, stampOf } from './source-stamp';
import { TriangleIndex } from './triangle-index';
import { planTriangle, type TriangleHopContext, type TrianglePlan } from './triangular-plan';
import { type TriangleHopInput, TriangleSizer } from './triangular-sizing';

/**
 * Options of {@link detectTriangularArbitrage}. Money amounts are in the
 * `start` asset.
 *
 * @example
 * ```ts
 * TriangularArbitrageOptionsSchema.parse({ markets: catalog, clock: systemClock, start: 'USDT', minNetBps: 3 });
 * ```
 */
export const TriangularArbitrageOptionsSchema = z.object({
  ...DetectorCommonOptions,
  /** The asset every cycle starts and ends in, e.g. `USDT`. */
  start: Id,
  /** Minimum net profit in the start asset; default 0. An opportunity's net must also be > 0. */
  minNetProfit: NonNegativeDecimal.default(toDecimal(0)),
  /** Cap on the start asset spent by the first leg. Default: none. */
  maxNotional: PositiveDecimal.optional(),
  /** Free balances capping each leg by the asset it spends. Default: not capped. */
  balances: BalanceSourceSchema.optional(),
  /** Most rounded plans evaluated per triangle and update (see the sizing guarantee). Default 1024. */
  maxSizingSteps: z.number().int().positive().default(1024),
});
/**
 * What {@link detectTriangularArbitrage} accepts: see {@link TriangularArbitrageOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: TriangularArbitrageOptions = { markets: catalog, clock, start: 'USDT', maxNotional: '1000' };
 * ```
 */
export type TriangularArbitrageOptions = z.input<typeof TriangularArbitrageOptionsSchema>;
type ParsedOptions = z.output<typeof TriangularArbitrageOptionsSchema>;

/**
 * Detects triangular arbitrage on single venues: an operator from the
 * `BookSet`s of the core `books()` operator to three-leg `Opportunity`
 * events start → X → Y → start.
 *
 * The triangles of every venue (all by default) are found once, with
 * {@link findTriangles}, when the operator is created, and indexed by market.
 * On each set only the triangles using the market of `set.updated` are
 * looked at. Each is first tested at the top of book — the product of the
 * three best rates after fees must beat `1 + haircut`, or no size can pay,
 * since the net is concave in the size — from numbers cached per market
 * (the detector keeps every `updated` view it sees, and reads the whole set
 * when it holds books it has not seen; a triangle that passes is then re-read
 * from the set). Feed it the sets of one `books()` stream: if you thin that
 * stream (sample, throttle), a book changed in a dropped set is seen when it
 * next updates or when one of its triangles passes the top-of-book test.
 * Triangles with a book older than `maxBookAgeMs` are skipped.
 *
 * Sizing, on the grid of the first leg's amount step, with depth, fees and
 * precision at every hop (see `TriangleSizer`): each later leg converts what
 * the previous one delivered, up to the free balance of the asset it spends
 * (legs are placed concurrently, so each needs its own inventory), rounded
 * down to its market's step; leftovers are kept and valued at zero; fees are
 * taken from what each leg receives. Every leg must pass its market's
 * amount and notional limits. The emitted plan is the best one on that grid
 * — guaranteed unless more than `maxSizingSteps` grid amounts lie in the band
 * where the unrounded profit still beats the best found; then it is the best
 * of the `maxSizingSteps` amounts nearest the unrounded optimum, short of
 * the best by at most the rounding dust of legs 2 and 3. The best few are
 * recomputed exactly in Decimal (`planTriangle`): each leg's limit is its
 * worst level, checked with `orderViolations`; `expected.notional` is the
 * start asset spent, `net = received − spent − haircutBps × spent`, `fees`
 * is what the cycle would return without fees minus what it returns, and
 * `gross = net + fees + haircut`.
 *
 * It emits when `net > 0`, `net ≥ minNetProfit` and `netBps ≥ minNetBps`,
 * then keeps the triangle quiet for `cooldownMs` unless a later one beats
 * its netBps by `cooldownImprovementBps`. Ids are
 * `triangular:<triangle id>:<detectedAt>:<n>`, n counting the
 * subscription's emissions, so replays reproduce them.
 *
 * @example
 * ```ts
 * merge(...['BTC/USDT', 'ETH/USDT', 'ETH/BTC'].map((s) => venue.orderBook$(s, { depth: 20 })))
 *   .pipe(
 *     books(),
 *     detectTriangularArbitrage({ markets: catalog, clock: systemClock, start: 'USDT', minNetBps: 2, maxNotional: '500' }),
 *   )
 *   .subscribe((op) => console.log(op.id, op.legs.map((l) => `${l.side} ${l.amount} ${l.symbol}`), op.expected.net.toString()));
 * ```
 */
export function detectTriangularArbitrage(options: TriangularArbitrageOptions): OperatorFunction<BookSet, Opportunity> {
  const parsed = parseWith(TriangularArbitrageOptionsSchema, options, 'detectTriangularArbitrage() options');
  const index = new TriangleIndex(parsed.markets, parsed.venues ?? parsed.markets.venues(), parsed.start, parsed.fees);
  return bookSetDetector(parsed.balances, (balances, emit) => new TriangularDetector(parsed, index, balances, emit));
}

/** The state of one subscription. */
class TriangularDetector {
  private readonly views: (OrderBookView | undefined)[];
  /** Best rate per market after the taker fee: `2m` buying (base per quote), `2m + 1` selling (quote per base); 0 without a side. */
  private readonly rates: Float64Array;
  private readonly sizer = new TriangleSizer();
  private readonly cooldown: Cooldown;
  private readonly haircut: number;
  private readonly haircutDecimal: Decimal;
  private readonly floor: number;
  private emitted = 0;
  /** `size` of the last set whose every book was read. */
  private syncedSize = 0;

  constructor(
    private readonly options: ParsedOptions,
    private readonly index: TriangleIndex,
    private readonly balances: BalanceBook,
    private readonly emit: (opportunity: Opportunity) => void,
  ) {
    this.views = new Array<OrderBookView | undefined>(index.marketCount).fill(undefined);
    this.rates = new Float64Array(2 * index.marketCount);
    this.cooldown = new Cooldown(options.cooldownMs, options.cooldownImprovementBps);
    this.haircut = options.haircutBps / 10_000;
    this.haircutDecimal = toDecimal(options.haircutBps).div(10_000);
    this.floor = Math.max(options.minNetProfit.toNumber(), 0);
  }

  onBooks(set: BookSet): void {
    const updated = set.updated;
    const m = this.index.marketNumber(updated.venue, updated.symbol);
    if (m < 0) return;
    this.store(m, updated);
    // A set holding books this subscription never saw as `updated` (one started mid-stream, or built by hand):
    // read them all once. A `books()` stream only grows the set as new books arrive.
    if (set.size !== this.syncedSize) this.resync(set);
    const now = this.options.clock.now();
    if (this.stale(updated, now)) return;
    const { offsets, byMarket } = this.index;
    const end = offsets[m + 1] as number;
    const hurdle = 1 + this.haircut;
    for (let i = offsets[m] as number; i < end; i++) {
      const t = byMarket[i] as number;
      if (this.topRate(t) > hurdle) this.evaluate(t, set, now);
    }
  }

  private resync(set: BookSet): void {
    for (const view of set.all()) {
      const m = this.index.marketNumber(view.venue, view.symbol);
      if (m >= 0 && this.views[m] !== view) this.store(m, view);
    }
    this.syncedSize = set.size;
  }

  private store(m: number, view: OrderBookView): void {
    const keep = 1 - (this.index.specs[m] as MarketSpec).taker;
    const ask = view.bestAsk;
    const bid = view.bestBid;
    this.views[m] = view;
    this.rates[2 * m] = ask === undefined ? 0 : keep / ask;
    this.rates[2 * m + 1] = bid === undefined ? 0 : bid * keep;
  }

  /** What one unit of the start asset returns at the top of the three books, after fees. */
  private topRate(t: number): number {
    const slot = this.index.hopRateSlot;
    const s = 3 * t;
    return (
      (this.rates[slot[s] as number] as number) *
      (this.rates[slot[s + 1] as number] as number) *
      (this.rates[slot[s + 2] as number] as number)
    );
  }

  private stale(view: OrderBookView, now: number): boolean {
    const maxAge = this.options.maxBookAgeMs;
    return maxAge !== undefined && now - view.recvTs > maxAge;
  }

  private evaluate(t: number, set: BookSet, now: number): void {
    const index = this.index;
    const triangle = index.triangles[t] as Triangle;
    const specs = [0, 1, 2].map((h) => index.specs[index.hopMarket[3 * t + h] as number] as MarketSpec);
    const views: OrderBookView[] = [];
    for (let h = 0; h < 3; h++) {
      const { venue, symbol } = (specs[h] as MarketSpec).market;
      const view = set.get(venue, symbol);
      if (view === undefined || this.stale(view, now)) return;
      const m = index.hopMarket[3 * t + h] as number;
      // the cached view may lag when the stream was thinned; the set's is the truth
      if (view !== this.views[m]) this.store(m, view);
      views.push(view);
    }
    // No size returns more than the top-of-book rate (each leg only gets worse deeper), so its bps bound
    // the opportunity's: thresholds and a quiet cooldown are tested before any sizing.
    const bpsBound = (this.topRate(t) - 1 - this.haircut) * 10_000 + 1e-6;
    if (bpsBound <= 1e-6 || bpsBound < this.options.minNetBps || !this.cooldown.allows(triangle.id, now, bpsBound)) return;

    const { venue, start, legs } = triangle;
    const maxNotional = this.options.maxNotional;
    const hop = (h: 0 | 1 | 2): TriangleHopInput => {
      const free = this.balances.free(venue, legs[h].from);
      return {
        view: views[h] as OrderBookView,
        spec: specs[h] as MarketSpec,
        buys: legs[h].side === 'buy',
        inputCap: h === 0 ? Math.min(free, maxNotional?.toNumber() ?? Number.POSITIVE_INFINITY) : free,
      };
    };
    const hops = [hop(0), hop(1), hop(2)] as const;
    const sizer = this.sizer;
    if (!sizer.size(hops, this.haircut, this.floor, this.options.maxSizingSteps)) return;

    const context = (h: 0 | 1 | 2): TriangleHopContext => ({ ...hops[h], inputFree: this.balances.freeExact(venue, legs[h].from) });
    const contexts = [context(0), context(1), context(2)] as const;
    const step = hops[0].spec.market.precision.amount;
    let best: TrianglePlan | undefined;
    for (let c = 0; c < sizer.candidateCount; c++) {
      // Candidates are ordered by float net: once one checks out exactly, only float near-ties can beat it.
      if (best !== undefined && (sizer.candidateNets[c] as number) < (sizer.candidateNets[0] as number) - sizer.slack) break;
      const plan = planTriangle(contexts, step.times(sizer.candidates[c] as number), this.haircutDecimal, maxNotional);
      if (plan !== undefined && (best === undefined || plan.net.gt(best.net))) best = plan;
    }
    if (best === undefined || !best.net.gt(0) || best.net.lt(this.options.minNetProfit)) return;
    const netBps = best.net.div(best.spent).times(10_000).toNumber();
    if (netBps < this.options.minNetBps || !this.cooldown.allows(triangle.id, now, netBps)) return;
    this.cooldown.record(triangle.id, now, netBps);
    const detectedAt = detectionTime(now);
    this.emitted++;
    const leg = (h: 0 | 1 | 2, plan: TrianglePlan) => ({
      venue,
      symbol: legs[h].symbol,
      side: legs[h].side,
      amount: plan.legs[h].amount,
      priceLimit: plan.legs[h].limit,
      expectedPrice: plan.legs[h].cost.div(plan.legs[h].amount),
    });
    this.emit({
      id: `triangular:${triangle.id}:${detectedAt}:${this.emitted}`,
      kind: 'triangular',
      strategy: this.options.strategy ?? 'triangular-arbitrage',
      legs: [leg(0, best), leg(1, best), leg(2, best)],
      expected: { currency: start, gross: best.gross, fees: best.fees, net: best.net, netBps, notional: best.spent },
      sources: views.map(stampOf),
      detectedAt,
    });
  }
}
