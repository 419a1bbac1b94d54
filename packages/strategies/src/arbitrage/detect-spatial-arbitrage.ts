import { type BookSet, type Decimal, type Opportunity, type OrderBookView, parseWith, toDecimal } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { DetectorCommonOptions, PerCurrencyCapSchema, PerCurrencyDecimalSchema } from './arbitrage-schemas';
import { type BalanceBook, BalanceSourceSchema } from './balance-source';
import { bookSetDetector } from './book-set-detector';
import { commonStep } from './common-step';
import { Cooldown } from './cooldown';
import { type MarketSpec, marketSpec } from './market-spec';
import { capIn, thresholdIn } from './per-currency';
import { detectionTime, stampOf } from './source-stamp';
import { planSpatialTrade, type SpatialPlan, type SpatialPlanContext } from './spatial-plan';
import { SpatialSizer, SpatialSizingInput } from './spatial-sizing';

/**
 * Options of {@link detectSpatialArbitrage}. Amounts in money are in the
 * symbol's quote currency; give a record keyed by currency when the stream
 * mixes quotes (e.g. `{ USDT: '1', BTC: '0.00002' }`).
 *
 * @example
 * ```ts
 * SpatialArbitrageOptionsSchema.parse({ markets: catalog, clock: systemClock, minNetBps: 5 });
 * ```
 */
export const SpatialArbitrageOptionsSchema = z.object({
  ...DetectorCommonOptions,
  /** Minimum net profit (quote) to emit; default 0. An opportunity's net must also be > 0. */
  minNetProfit: PerCurrencyDecimalSchema.default(toDecimal(0)),
  /** Per-trade cap on the buy leg's cost (quote). Default: none. */
  maxNotional: PerCurrencyCapSchema.optional(),
  /** Free balances that cap sizes (quote on the buy venue, base on the sell venue). Default: not capped. */
  balances: BalanceSourceSchema.optional(),
});
/**
 * What {@link detectSpatialArbitrage} accepts: see {@link SpatialArbitrageOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: SpatialArbitrageOptions = { markets: catalog, clock, minNetProfit: '2', cooldownMs: 1_000 };
 * ```
 */
export type SpatialArbitrageOptions = z.input<typeof SpatialArbitrageOptionsSchema>;
type ParsedOptions = z.output<typeof SpatialArbitrageOptionsSchema>;

/** The venues listing one symbol, with the per-symbol settings resolved. */
interface SymbolMarkets {
  /** Where this symbol's venues start in a subscription's flat per-book arrays. */
  readonly offset: number;
  readonly symbol: string;
  readonly base: string;
  readonly quote: string;
  readonly venues: string[];
  readonly specs: MarketSpec[];
  /** Common amount step of each venue pair, filled on first use (index `i * n + j`). */
  readonly steps: (Decimal | undefined)[];
  readonly minNetProfit: Decimal;
  readonly maxNotional: Decimal | undefined;
}

/**
 * Detects cross-venue (spatial) arbitrage: an operator from the `BookSet`s
 * of the core `books()` operator to `Opportunity` events, each a buy on one
 * venue's asks and a sell of the same base amount on another venue's bids.
 *
 * On each set it looks at the symbol of `set.updated` only, and at the venue
 * pairs that include the updated venue, both ways (the other pairs did not
 * change). Books older than `maxBookAgeMs` (by `recvTs` against
 * `clock.now()`) and markets missing from the catalog (or inactive) are
 * ignored. The markets are read from the catalog when the operator is
 * created. For each ordered pair:
 * - a top-of-book test, on best prices the subscription caches per book,
 *   drops the pair when even the first unit loses after fees and haircut (net
 *   profit is concave in the size, so then every size loses), or when even the
 *   first unit's bps could not pass `minNetBps` or a running cooldown; a pair
 *   that passes is re-read from the set. Feed it the sets of one `books()`
 *   stream: it reads the whole set when the set holds books it has not seen,
 *   but if you thin the stream (sample, throttle), a book changed in a
 *   dropped set is seen when that book or its pair next updates;
 * - the size that maximizes net profit is found exactly by walking both books
 *   level by level (see `SpatialSizer`), capped by the base free on the sell venue,
 *   the quote free on the buy venue (keeping the fee when it is paid in quote),
 *   `maxNotional` and both markets' amount and notional limits;
 * - the amount is a multiple of both markets' amount steps (their least
 *   common multiple: the coarser step when one divides the other), chosen as
 *   the best grid amount, not merely the rounded optimum;
 * - the winning amount is recomputed in Decimal from the depth walks: legs
 *   priced at the worst level touched (rounded with `roundPrice` on the
 *   side that keeps the limit), checked with `orderViolations`;
 *   `expected.gross = proceeds − cost`, `fees = cost × fBuy + proceeds × fSell`,
 *   `net = gross − fees − haircutBps × cost`, `notional = cost`,
 *   `netBps = net / cost × 10⁴`.
 * It emits when `net > 0`, `net ≥ minNetProfit` and `netBps ≥ minNetBps`.
 *
 * Fees are the market's taker rate unless `fees[venue]` overrides it; they are
 * valued in quote whatever currency the venue charges them in.
 *
 * Cooldown: after an emission for (symbol, buy venue, sell venue), further
 * ones for that key are suppressed for `cooldownMs` of Clock time, except
 * one whose netBps beats the last emitted by `cooldownImprovementBps` (a
 * materially better dislocation), which restarts the cooldown.
 *
 * Ids are `spatial:<symbol>:<buy venue>><sell venue>:<detectedAt>:<n>`, n
 * counting the subscription's emissions: the same inputs on the same clock
 * give the same ids, so replays are reproducible.
 *
 * @example
 * ```ts
 * merge(binanceBtc$.pipe(book()), okxBtc$.pipe(book()))
 *   .pipe(
 *     books(),
 *     detectSpatialArbitrage({ markets: catalog, clock: systemClock, minNetBps: 5, maxBookAgeMs: 500,
 *       balances: merge(binance.balances$(), okx.balances$()), cooldownMs: 2_000 }),
 *   )
 *   .subscribe((op) => console.log(op.legs[0]?.venue, '→', op.legs[1]?.venue, op.expected.net.toString()));
 * ```
 */
export function detectSpatialArbitrage(options: SpatialArbitrageOptions): OperatorFunction<BookSet, Opportunity> {
  const parsed = parseWith(SpatialArbitrageOptionsSchema, options, 'detectSpatialArbitrage() options');
  const bySymbol = symbolsOf(parsed);
  return bookSetDetector(parsed.balances, (balances, emit) => new SpatialDetector(parsed, bySymbol, balances, emit));
}

function symbolsOf(options: ParsedOptions): Map<string, SymbolMarkets> {
  const out = new Map<string, Omit<SymbolMarkets, 'offset'>>();
  for (const venue of options.venues ?? options.markets.venues()) {
    for (const market of options.markets.list(venue)) {
      if (!market.active) continue;
      let entry = out.get(market.symbol);
      if (entry === undefined) {
        entry = {
          symbol: market.symbol,
          base: market.base,
          quote: market.quote,
          venues: [],
          specs: [],
          steps: [],
          minNetProfit: thresholdIn(options.minNetProfit, market.quote),
          maxNotional: capIn(options.maxNotional, market.quote),
        };
        out.set(market.symbol, entry);
      }
      entry.venues.push(venue);
      entry.specs.push(marketSpec(market, options.fees[venue]));
    }
  }
  const symbols = new Map<string, SymbolMarkets>();
  let offset = 0;
  for (const [symbol, entry] of out) {
    if (entry.venues.length < 2) continue;
    symbols.set(symbol, { ...entry, offset });
    offset += entry.venues.length;
  }
  return symbols;
}

/**
 * The state of one subscription. The top of book of every (symbol, venue) it
 * has seen is kept in flat arrays (slot = symbol offset + venue index), so
 * the test of each venue pair reads numbers, not maps or views; a pair that
 * passes is re-read from the set before it is sized.
 */
class SpatialDetector {
  private readonly sizer = new SpatialSizer();
  private readonly input = new SpatialSizingInput();
  private readonly cooldown: Cooldown;
  private readonly haircut: number;
  private readonly haircutDecimal: Decimal;
  private emitted = 0;
  /** `size` of the last set whose every book was read. */
  private syncedSize = 0;
  private readonly views: (OrderBookView | undefined)[];
  /** Best ask / bid per slot, `NaN` when that side is empty or the book unseen. */
  private readonly asks: Float64Array;
  private readonly bids: Float64Array;
  private readonly received: Float64Array;
  /** Per slot: what a unit bought costs (`1 + taker + haircut`) and what a unit sold keeps (`1 − taker`), per unit of price. */
  private readonly buyCost: Float64Array;
  private readonly sellKeep: Float64Array;

  constructor(
    private readonly options: ParsedOptions,
    private readonly bySymbol: ReadonlyMap<string, SymbolMarkets>,
    private readonly balances: BalanceBook,
    private readonly emit: (opportunity: Opportunity) => void,
  ) {
    this.cooldown = new Cooldown(options.cooldownMs, options.cooldownImprovementBps);
    this.haircut = options.haircutBps / 10_000;
    this.haircutDecimal = toDecimal(options.haircutBps).div(10_000);
    let slots = 0;
    for (const entry of bySymbol.values()) slots += entry.venues.length;
    this.views = new Array<OrderBookView | undefined>(slots).fill(undefined);
    this.asks = new Float64Array(slots).fill(Number.NaN);
    this.bids = new Float64Array(slots).fill(Number.NaN);
    this.received = new Float64Array(slots);
    this.buyCost = new Float64Array(slots);
    this.sellKeep = new Float64Array(slots);
    for (const entry of bySymbol.values()) {
      entry.specs.forEach((spec, v) => {
        this.buyCost[entry.offset + v] = 1 + spec.taker + this.haircut;
        this.sellKeep[entry.offset + v] = 1 - spec.taker;
      });
    }
  }

  onBooks(set: BookSet): void {
    const updated = set.updated;
    const entry = this.bySymbol.get(updated.symbol);
    if (entry === undefined) return;
    const u = entry.venues.indexOf(updated.venue);
    if (u < 0) return;
    this.store(entry.offset + u, updated);
    // A set holding books this subscription never saw as `updated`: read them all once.
    if (set.size !== this.syncedSize) this.resync(set);
    const now = this.options.clock.now();
    const maxAge = this.options.maxBookAgeMs ?? Number.POSITIVE_INFINITY;
    if (now - updated.recvTs > maxAge) return;
    const { asks, bids, received, buyCost, sellKeep } = this;
    const us = entry.offset + u;
    const uBuys = (asks[us] as number) * (buyCost[us] as number);
    const uSells = (bids[us] as number) * (sellKeep[us] as number);
    for (let o = 0; o < entry.venues.length; o++) {
      const os = entry.offset + o;
      if (o === u || now - (received[os] as number) > maxAge) continue;
      // Concave net profit: if the first unit loses, every size does. NaN (no side) compares false.
      if ((bids[os] as number) * (sellKeep[os] as number) > uBuys) this.evaluate(entry, u, o, set, now);
      if (uSells > (asks[os] as number) * (buyCost[os] as number)) this.evaluate(entry, o, u, set, now);
    }
  }

  private store(slot: number, view: OrderBookView): void {
    this.views[slot] = view;
    this.asks[slot] = view.bestAsk ?? Number.NaN;
    this.bids[slot] = view.bestBid ?? Number.NaN;
    this.received[slot] = view.recvTs;
  }

  private resync(set: BookSet): void {
    for (const view of set.all()) {
      const entry = this.bySymbol.get(view.symbol);
      const v = entry === undefined ? -1 : entry.venues.indexOf(view.venue);
      if (entry !== undefined && v >= 0 && this.views[entry.offset + v] !== view) this.store(entry.offset + v, view);
    }
    this.syncedSize = set.size;
  }

  /** Re-reads the pair's books from the set (the cache may lag a thinned stream) and evaluates it. */
  private evaluate(entry: SymbolMarkets, b: number, s: number, set: BookSet, now: number): void {
    const buyView = set.get(entry.venues[b] as string, entry.symbol);
    const sellView = set.get(entry.venues[s] as string, entry.symbol);
    if (buyView === undefined || sellView === undefined) return;
    if (buyView !== this.views[entry.offset + b]) this.store(entry.offset + b, buyView);
    if (sellView !== this.views[entry.offset + s]) this.store(entry.offset + s, sellView);
    const maxAge = this.options.maxBookAgeMs ?? Number.POSITIVE_INFINITY;
    if (now - buyView.recvTs > maxAge || now - sellView.recvTs > maxAge) return;
    this.evaluatePair(entry, b, s, buyView, sellView, now);
  }

  private evaluatePair(entry: SymbolMarkets, b: number, s: number, buyView: OrderBookView, sellView: OrderBookView, now: number): void {
    const ask = buyView.bestAsk;
    const bid = sellView.bestBid;
    if (ask === undefined || bid === undefined) return;
    const buySpec = entry.specs[b] as MarketSpec;
    const sellSpec = entry.specs[s] as MarketSpec;
    // Concave net profit: if the first unit loses, every size does.
    const edge = bid * (1 - sellSpec.taker) - ask * (1 + buySpec.taker + this.haircut);
    if (edge <= 0) return;
    // No size earns more bps than the first unit (net/cost only falls as both walks deepen), so
    // thresholds and a quiet cooldown are tested on that bound before any sizing.
    const bpsBound = (edge / ask) * 10_000 + 1e-6;
    if (bpsBound < this.options.minNetBps) return;
    const buyVenue = entry.venues[b] as string;
    const sellVenue = entry.venues[s] as string;
    const key = `${entry.symbol}|${buyVenue}|${sellVenue}`;
    if (!this.cooldown.allows(key, now, bpsBound)) return;

    const step = this.stepOf(entry, b, s);
    const input = this.input;
    input.buyFee = buySpec.taker;
    input.sellFee = sellSpec.taker;
    input.haircut = this.haircut;
    input.step = step.toNumber();
    input.minAmount = Math.max(buySpec.minAmount, sellSpec.minAmount, input.step);
    input.maxAmount = Math.min(buySpec.maxAmount, sellSpec.maxAmount, this.balances.free(sellVenue, entry.base));
    const quoteFree = this.balances.free(buyVenue, entry.quote);
    input.maxCost = Math.min(entry.maxNotional?.toNumber() ?? Number.POSITIVE_INFINITY, quoteFree / (1 + buySpec.quoteFeeReserve));
    input.buyMinCost = buySpec.minCost;
    input.buyMaxCost = buySpec.maxCost;
    input.sellMinCost = sellSpec.minCost;
    input.sellMaxCost = sellSpec.maxCost;
    const sizer = this.sizer;
    if (!sizer.size(buyView, sellView, input)) return;

    const floor = Math.max(entry.minNetProfit.toNumber(), 0);
    const slack = 1e-9 * (1 + Math.abs(sizer.netDown) + Math.abs(sizer.netUp) + input.step * (ask + bid));
    if (Math.max(sizer.netDown, sizer.netUp) < floor - slack) return;

    const context: SpatialPlanContext = {
      buyView,
      sellView,
      buySpec,
      sellSpec,
      haircut: this.haircutDecimal,
      quoteFree: this.balances.freeExact(buyVenue, entry.quote),
      baseFree: this.balances.freeExact(sellVenue, entry.base),
      maxNotional: entry.maxNotional,
    };
    const plan = this.bestExactPlan(context, step, floor - slack, slack);
    if (plan === undefined) return;
    const { net, buyCost } = plan;
    if (!net.gt(0) || net.lt(entry.minNetProfit)) return;
    const netBps = net.div(buyCost).times(10_000).toNumber();
    if (netBps < this.options.minNetBps || !this.cooldown.allows(key, now, netBps)) return;
    this.cooldown.record(key, now, netBps);
    const detectedAt = detectionTime(now);
    this.emitted++;
    this.emit({
      id: `spatial:${entry.symbol}:${buyVenue}>${sellVenue}:${detectedAt}:${this.emitted}`,
      kind: 'spatial',
      strategy: this.options.strategy ?? 'spatial-arbitrage',
      legs: [
        {
          venue: buyVenue,
          symbol: entry.symbol,
          side: 'buy',
          amount: plan.amount,
          priceLimit: plan.buyLimit,
          expectedPrice: buyCost.div(plan.amount),
        },
        {
          venue: sellVenue,
          symbol: entry.symbol,
          side: 'sell',
          amount: plan.amount,
          priceLimit: plan.sellLimit,
          expectedPrice: plan.sellProceeds.div(plan.amount),
        },
      ],
      expected: { currency: entry.quote, gross: plan.gross, fees: plan.fees, net, netBps, notional: buyCost },
      sources: [stampOf(buyView), stampOf(sellView)],
      detectedAt,
    });
  }

  /**
   * Checks the two float candidates exactly, best first. A candidate the
   * exact check refuses (float noise at a limit) is replaced by the next
   * feasible one further out in its direction, a few times at most.
   */
  private bestExactPlan(context: SpatialPlanContext, step: Decimal, floor: number, slack: number): SpatialPlan | undefined {
    const sizer = this.sizer;
    const input = this.input;
    const downFirst = sizer.netDown >= sizer.netUp;
    let best: SpatialPlan | undefined;
    for (let pass = 0; pass < 2; pass++) {
      const down = pass === 0 ? downFirst : !downFirst;
      let k = down ? sizer.kDown : sizer.kUp;
      const floatNet = down ? sizer.netDown : sizer.netUp;
      if (k < 0 || floatNet < floor) continue;
      // The second candidate matters only when the float nets are within noise of each other.
      if (pass === 1 && best !== undefined && Math.abs(sizer.netDown - sizer.netUp) > slack) break;
      for (let attempt = 0; attempt < 4 && k >= 1; attempt++) {
        const plan = planSpatialTrade(context, step.times(k));
        if (plan !== undefined) {
          if (best === undefined || plan.net.gt(best.net)) best = plan;
          break;
        }
        k = down ? sizer.searchDown(input, k - 1) : sizer.searchUp(input, k + 1);
      }
    }
    return best;
  }

  private stepOf(entry: SymbolMarkets, b: number, s: number): Decimal {
    const n = entry.venues.length;
    const index = Math.min(b, s) * n + Math.max(b, s);
    let step = entry.steps[index];
    if (step === undefined) {
      step = commonStep((entry.specs[b] as MarketSpec).market.precision.amount, (entry.specs[s] as MarketSpec).market.precision.amount);
      entry.steps[index] = step;
    }
    return step;
  }
}
