import { EVENT_STREAMS, type EventStream, type SimVenue, simVenue } from '@arbot/connectors';
import {
  type Candle,
  Decimal,
  type ExecutionReport,
  type Market,
  MarketCatalog,
  MissingPriceError,
  PortfolioLedger,
  parseWith,
  ValidationError,
  VirtualClock,
} from '@arbot/core';
import { from, type Subscription, tap } from 'rxjs';
import { FeedMerger } from '../merge/feed-merger';
import { breakdown } from '../metrics/breakdown';
import { computeMetrics } from '../metrics/compute-metrics';
import { roundTrips } from '../metrics/round-trips';
import type { BacktestContext, BacktestVenue } from './backtest-context';
import { type BacktestOptions, BacktestOptionsSchema, type ParsedBacktestOptions, SimVenueSettingsSchema } from './backtest-options';
import type { BacktestResult } from './backtest-result';
import { candleBook } from './candle-book';
import { EquitySampler } from './equity-sampler';
import { FillRecorder } from './fill-recorder';
import { MarkTracker, symbolAssets } from './mark-tracker';
import { BacktestPipelineError } from './pipeline-error';
import { PromiseWatch } from './promise-watch';
import { ReplayedMarketData } from './replayed-market-data';

/** Lets every queued promise continuation run: `setImmediate` fires only once the microtask queue is empty. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Runs a pipeline over recorded market data, exactly as it would run live
 * but on a virtual clock and simulated venues, and measures it.
 *
 * **Replay.** The feeds (each sorted by `time`, `recvTs` by default) are
 * merged by a streaming k-way merge: a binary heap over each feed's next
 * event, so memory stays constant however many events there are. Before
 * each event the `VirtualClock` is advanced to its time, timer by timer:
 * timers armed on `ctx.clock.scheduler` (staleness checks, cooldowns,
 * latency of the simulated venues) fire at their exact virtual times
 * between events. After each timer instant, and after each event during
 * which the pipeline created a promise (an executor awaiting a placement),
 * pending promise continuations run before time moves on, so asynchronous
 * steps happen at the virtual time they would live. (Awaiting real I/O,
 * such as a journal file, is not virtual: leave the journal out of
 * backtests.) The event then goes to its venue's streams
 * (`orderBook$`, `trades$`, `ticker$`, `candles$`).
 *
 * **Venues.** Each venue named in `markets` or `balances` is the
 * connectors' simulated venue (matching engine with a seeded latency
 * model; venue i in id order gets seed `seed + i`) over that venue's
 * replayed data, all on one `PortfolioLedger`. Candle-only data gets
 * synthetic books, on each market's tick and amount grid, with the
 * `candleBooks` option.
 *
 * **Measurement.** Assets are marked to market from the data (book mid,
 * else last trade, candle close or ticker mid); equity is sampled every
 * `sampleEveryMs` from the start and once at the end. Fills are recorded
 * as reported, valued at the marks of that moment, attributed to
 * strategies through the execution reports and `ctx.tapOpportunities()`,
 * and grouped into round-trip trades; metrics and breakdowns follow.
 *
 * Throws `ValidationError` for bad options, `FeedOrderError` /
 * `UnknownFeedItemError` for bad feeds, `BacktestPipelineError` when the
 * pipeline fails, and `MissingPriceError` when equity needs a mark no data
 * or `startPrices` gives.
 *
 * @example
 * ```ts
 * const result = await runBacktest({
 *   feeds: [readKlineCsv('BTCUSDT-1h.csv')],
 *   markets: [btcUsdt],
 *   balances: { binance: { USDT: '10000' } },
 *   candleBooks: { spreadBps: 2 },
 *   sampleEveryMs: 3_600_000,
 *   pipeline: (ctx) =>
 *     ctx.venues.binance.candles$('BTC/USDT', '1h').pipe(
 *       maCrossoverStrategy({ market: btcUsdt, amount: '0.1', fast: 10, slow: 30, clock: ctx.clock }),
 *       ctx.tapOpportunities(),
 *       executeOpportunities(ctx.venues, { clock: ctx.clock, catalog: ctx.catalog }),
 *     ),
 * });
 * console.log(result.metrics.sharpe, result.metrics.maxDrawdown);
 * ```
 */
export async function runBacktest(options: BacktestOptions): Promise<BacktestResult> {
  const o = parseWith(BacktestOptionsSchema, options, 'runBacktest() options');
  const merger = new FeedMerger(o.feeds, o.time, {
    from: o.from ?? Number.NEGATIVE_INFINITY,
    to: o.to ?? Number.POSITIVE_INFINITY,
  });
  try {
    while (merger.needsLoad()) await merger.load();
    const first = merger.peekTime();
    const start = o.from ?? first;
    if (start === undefined) {
      throw new ValidationError('runBacktest() options', [
        { field: 'from', value: undefined, message: 'the feeds hold no event; give from (and to) to run an empty period' },
      ]);
    }
    return await new BacktestRun(o, start).run(merger);
  } finally {
    await merger.close();
  }
}

/** The state of one backtest run. */
class BacktestRun {
  private readonly clock: VirtualClock;
  private readonly ledger: PortfolioLedger;
  private readonly marks: MarkTracker;
  private readonly recorder: FillRecorder;
  private readonly sampler: EquitySampler;
  private readonly marketData = new Map<string, ReplayedMarketData>();
  private readonly venues = new Map<string, SimVenue>();
  private readonly marketsByVenue = new Map<string, Map<string, Market>>();
  private readonly subscriptions: Subscription[] = [];
  private readonly counts: Record<EventStream, number> = { book: 0, trade: 0, ticker: 0, candle: 0 };
  private readonly promises = new PromiseWatch();
  private failure: BacktestPipelineError | undefined;
  private bookIssues = 0;
  private lastTime: number;

  constructor(
    private readonly o: ParsedBacktestOptions,
    private readonly start: number,
  ) {
    this.lastTime = start;
    this.clock = new VirtualClock(start);
    this.ledger = new PortfolioLedger({ valuationCurrency: o.valuationCurrency, clock: this.clock });
    for (const [asset, price] of Object.entries(o.startPrices)) this.ledger.setPrice(asset, price);
    for (const market of o.markets) {
      let bySymbol = this.marketsByVenue.get(market.venue);
      if (bySymbol === undefined) {
        bySymbol = new Map();
        this.marketsByVenue.set(market.venue, bySymbol);
      }
      bySymbol.set(market.symbol, market);
    }
    this.marks = new MarkTracker(
      o.valuationCurrency,
      (venue, symbol) => this.marketsByVenue.get(venue)?.get(symbol) ?? symbolAssets(symbol),
    );
    // The data's current mark first; the ledger's (last sample, or a start price) when the data has none.
    this.recorder = new FillRecorder(o.valuationCurrency, (asset) => this.marks.mark(asset) ?? this.ledger.price(asset));
    this.sampler = new EquitySampler(start, o.sampleEveryMs, () => this.equityNow());
  }

  async run(merger: FeedMerger): Promise<BacktestResult> {
    this.promises.start();
    const candleBooks = this.o.candleBooks;
    try {
      this.openVenues();
      this.startPipeline();
      for (;;) {
        if (merger.needsLoad()) {
          await merger.load();
          continue;
        }
        const event = merger.shift();
        if (event === undefined) break;
        const time = merger.time;
        const stream = merger.stream;
        if (this.dueBy(time)) await this.advance(time);
        else if (time > this.clock.now()) this.clock.advanceTo(time);
        this.lastTime = time;
        const target = this.marketData.get(event.venue);
        // Watch from here: a synthetic book, like the event itself, may set the pipeline off (a detector, then an executor).
        this.promises.reset();
        if (candleBooks !== undefined && stream === 'candle' && (event as Candle).closed !== false) {
          const candle = event as Candle;
          const market = this.marketsByVenue.get(candle.venue)?.get(candle.symbol);
          const synthetic = candleBook(candle, market, candleBooks.spreadBps, candleBooks.size);
          if (synthetic !== undefined) {
            this.marks.observe('book', synthetic, time);
            target?.deliver('book', synthetic);
          }
        }
        this.marks.observe(stream, event, time);
        this.counts[stream]++;
        target?.deliver(stream, event);
        // The pipeline went asynchronous (an executor awaiting a placement): let it run at this virtual time.
        if (this.promises.created) await settle();
        this.check();
      }
      const end = this.o.to ?? this.lastTime + this.o.settleMs;
      await this.advance(end);
      await settle();
      this.check();
      const equity = this.sampler.finish(end);
      return this.result(end, equity);
    } finally {
      this.promises.stop();
      for (const subscription of this.subscriptions) subscription.unsubscribe();
      for (const data of this.marketData.values()) data.complete();
      await Promise.all([...this.venues.values()].map((venue) => venue.close()));
    }
  }

  /** Whether a timer or a sample falls at or before `time`. */
  private dueBy(time: number): boolean {
    const timerAt = this.clock.nextTimerAt();
    return this.sampler.nextAt <= time || (timerAt !== undefined && timerAt <= time);
  }

  /** Moves the clock to `target` timer instant by timer instant, taking the equity samples due on the way. */
  private async advance(target: number): Promise<void> {
    for (;;) {
      const timerAt = this.clock.nextTimerAt();
      const sampleAt = this.sampler.nextAt;
      if (timerAt !== undefined && timerAt <= target && timerAt <= sampleAt) {
        this.clock.advanceTo(timerAt);
        await settle();
        this.check();
      } else if (sampleAt <= target) {
        this.clock.advanceTo(sampleAt);
        this.sampler.sample();
      } else break;
    }
    this.clock.advanceTo(target);
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private venueIds(): string[] {
    return [...new Set([...Object.keys(this.o.balances), ...this.marketsByVenue.keys()])].sort();
  }

  private openVenues(): void {
    const settings = this.o.venue;
    this.venueIds().forEach((id, i) => {
      const markets = [...(this.marketsByVenue.get(id)?.values() ?? [])];
      const data = new ReplayedMarketData(id, markets, () => {
        this.bookIssues++;
      });
      this.marketData.set(id, data);
      const own = parseWith(
        SimVenueSettingsSchema,
        typeof settings === 'function' ? settings(id) : (settings ?? {}),
        `venue settings of ${id}`,
      );
      const venue = simVenue(data, {
        clock: this.clock,
        ledger: this.ledger,
        balances: this.o.balances[id] ?? {},
        startPrices: this.o.startPrices,
        markets,
        latency: own.latency,
        fees: own.fees,
        ...(own.bookDepth === undefined ? {} : { bookDepth: own.bookDepth }),
        seed: this.o.seed + i,
      });
      this.venues.set(id, venue);
      this.subscriptions.push(
        venue.orders$().subscribe(({ fill }) => {
          if (fill === undefined) return;
          const market = this.marketsByVenue.get(fill.venue)?.get(fill.symbol);
          const assets = market ?? symbolAssets(fill.symbol);
          if (assets === undefined) return;
          this.recorder.fill(fill, assets.base, assets.quote);
        }),
      );
    });
  }

  private startPipeline(): void {
    const venues: Record<string, BacktestVenue> = Object.fromEntries(this.venues);
    const ctx: BacktestContext = {
      clock: this.clock,
      ledger: this.ledger,
      venues: Object.freeze(venues),
      markets: this.o.markets,
      seed: this.o.seed,
      tapOpportunities: () => tap((opportunity) => this.recorder.opportunity(opportunity)),
      catalog: new MarketCatalog(this.o.markets),
    };
    try {
      const reports$ = from(this.o.pipeline(ctx));
      this.subscriptions.push(
        reports$.subscribe({
          next: (report: ExecutionReport) => this.recorder.report(report),
          error: (error: unknown) => {
            this.failure ??= new BacktestPipelineError(this.clock.now(), error);
          },
        }),
      );
    } catch (error) {
      throw new BacktestPipelineError(this.clock.now(), error);
    }
    this.check();
  }

  /** Pushes the current marks into the ledger and reads its equity. */
  private equityNow(): Decimal {
    for (const [asset, mark] of this.marks.marks()) {
      if (!this.ledger.price(asset)?.eq(mark)) this.ledger.setPrice(asset, mark);
    }
    return this.ledger.equity();
  }

  private result(end: number, equity: BacktestResult['equity']): BacktestResult {
    const finalMarks: Record<string, Decimal> = {};
    const markOf = (asset: string): Decimal | undefined =>
      asset === this.o.valuationCurrency ? new Decimal(1) : (this.ledger.price(asset) ?? undefined);
    for (const balance of this.ledger.balances()) {
      if (balance.asset === this.o.valuationCurrency) continue;
      const mark = markOf(balance.asset);
      if (mark === undefined) throw new MissingPriceError(balance.asset, this.o.valuationCurrency);
      finalMarks[balance.asset] = mark;
    }
    for (const [asset, mark] of this.marks.marks()) finalMarks[asset] ??= mark;
    const fills = this.recorder.fills();
    const trades = roundTrips(
      fills,
      (symbol) => {
        const base = symbolAssets(symbol)?.base;
        return base === undefined ? undefined : markOf(base);
      },
      (venue, symbol) => this.marketsByVenue.get(venue)?.get(symbol)?.precision.amount,
    );
    const metrics = computeMetrics({ equity, periodMs: this.o.sampleEveryMs, riskFreeRate: this.o.riskFreeRate, fills, trades });
    const eventsByStream = Object.fromEntries(EVENT_STREAMS.map((s) => [s, this.counts[s]])) as Record<EventStream, number>;
    return {
      from: this.start,
      to: end,
      seed: this.o.seed,
      valuationCurrency: this.o.valuationCurrency,
      time: this.o.time,
      events: EVENT_STREAMS.reduce((sum, s) => sum + this.counts[s], 0),
      eventsByStream,
      bookIssues: this.bookIssues,
      opportunities: this.recorder.opportunities,
      equity,
      fills,
      trades,
      reports: this.recorder.reports(),
      metrics,
      breakdown: breakdown(fills, trades, markOf),
      balances: this.ledger.balances(),
      marks: finalMarks,
    };
  }
}
