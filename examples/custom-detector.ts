/**
 * Write your own detector: a top-of-book cross detector as an RxJS operator.
 *
 * A detector is a pure function returning an `OperatorFunction<BookSet, Opportunity>`:
 * it reads books, never places orders, keeps its state inside the subscription,
 * reads time only from the Clock, finds in `number` and prices the legs in
 * `Decimal` on the market's grid. This one emits when one venue's best bid is
 * above another venue's best ask by more than both taker fees plus
 * `minEdgeBps`, sized to what both touches hold (capped by `maxBase`).
 * docs/guides/write-your-own-detector.md walks through it; here it runs over
 * the bundled LINK/USDT session and through a risk gate.
 *
 *   pnpm example custom-detector
 *   pnpm example custom-detector --min-edge-bps 2
 */
import { readL2SnapshotCsv } from '@arbot/connectors';
import {
  type BookSet,
  book,
  books,
  type Clock,
  Decimal,
  fitOrder,
  type Market,
  MarketCatalog,
  type Opportunity,
  type OrderBookSnapshot,
  type OrderBookView,
  parseMarket,
  tradeFee,
  ValidationError,
  VirtualClock,
} from '@arbot/core';
import { minNetProfit, riskGate } from '@arbot/risk';
import { defer, firstValueFrom, from, groupBy, mergeMap, type OperatorFunction, tap, toArray } from 'rxjs';
import { parseFlags, runExample } from './lib/cli';
import { bundledData } from './lib/data';
import { fixed, heading, printTable, utc } from './lib/print';

/** Options of {@link topOfBookCross}. */
export interface TopOfBookCrossOptions {
  /** Markets of every venue (precision, limits, taker fees). */
  readonly markets: MarketCatalog;
  /** Source of `detectedAt` and of book ages. */
  readonly clock: Clock;
  /** Edge required beyond both taker fees, bps (default 0). */
  readonly minEdgeBps?: number;
  /** Largest amount per opportunity, in base units. */
  readonly maxBase: number;
  /** Books received longer ago than this are ignored, ms (default 1000). */
  readonly maxBookAgeMs?: number;
}

/**
 * Emits an opportunity whenever the book that just updated crosses another
 * venue's book of the same symbol by more than the fees plus `minEdgeBps`:
 * buy at the cheaper ask, sell at the richer bid, the smaller of the two
 * touch amounts (and `maxBase`), rounded to both markets' amount steps.
 */
export function topOfBookCross(options: TopOfBookCrossOptions): OperatorFunction<BookSet, Opportunity> {
  // Validate at the boundary, once, with an error that names the field.
  const { markets, clock, maxBase, minEdgeBps = 0, maxBookAgeMs = 1_000 } = options;
  if (!(maxBase > 0)) throw new ValidationError('topOfBookCross options', [{ field: 'maxBase', value: maxBase, message: 'must be > 0' }]);
  if (!(minEdgeBps >= 0)) {
    throw new ValidationError('topOfBookCross options', [{ field: 'minEdgeBps', value: minEdgeBps, message: 'must be >= 0' }]);
  }
  // defer: every subscription gets its own counter, so two pipelines never share state.
  return (source) =>
    defer(() => {
      let emitted = 0;
      return source.pipe(
        mergeMap((set) => {
          const updated = set.updated;
          const found: Opportunity[] = [];
          for (const other of set.forSymbol(updated.symbol)) {
            if (other.venue === updated.venue) continue;
            for (const [buy, sell] of [
              [updated, other],
              [other, updated],
            ] as const) {
              const opportunity = cross(buy, sell);
              if (opportunity !== undefined) found.push(opportunity);
            }
          }
          return found;
        }),
      );

      function cross(buyView: OrderBookView, sellView: OrderBookView): Opportunity | undefined {
        const now = clock.now();
        if (now - buyView.recvTs > maxBookAgeMs || now - sellView.recvTs > maxBookAgeMs) return undefined;
        const buyMarket = markets.find(buyView.venue, buyView.symbol);
        const sellMarket = markets.find(sellView.venue, sellView.symbol);
        const ask = buyView.bestAsk;
        const bid = sellView.bestBid;
        if (buyMarket === undefined || sellMarket === undefined || ask === undefined || bid === undefined) return undefined;
        // Hot path in numbers: is the touch crossed by more than the fees and the required edge?
        const costRate = buyMarket.fees.taker.toNumber() + sellMarket.fees.taker.toNumber() + minEdgeBps / 10_000;
        if (bid <= ask * (1 + costRate)) return undefined;
        const size = Math.min(buyView.askAmount(0), sellView.bidAmount(0), maxBase);
        // Money in Decimal, on the markets' grids: both legs must trade the same amount.
        return legsFor(buyMarket, sellMarket, size, ask, bid, [buyView, sellView]);
      }

      function legsFor(
        buyMarket: Market,
        sellMarket: Market,
        size: number,
        ask: number,
        bid: number,
        views: readonly OrderBookView[],
      ): Opportunity | undefined {
        let buy: ReturnType<typeof fitOrder>;
        let sell: ReturnType<typeof fitOrder>;
        try {
          buy = fitOrder(buyMarket, { side: 'buy', amount: size, priceLimit: ask });
          sell = fitOrder(sellMarket, { side: 'sell', amount: buy.amount, priceLimit: bid });
          if (!sell.amount.eq(buy.amount)) buy = fitOrder(buyMarket, { side: 'buy', amount: sell.amount, priceLimit: ask });
        } catch {
          return undefined; // too small for a market's limits once rounded: not an opportunity
        }
        const cost = buy.amount.times(ask);
        const proceeds = buy.amount.times(bid);
        const fees = tradeFee(buyMarket, cost, 'taker').plus(tradeFee(sellMarket, proceeds, 'taker'));
        const gross = proceeds.minus(cost);
        const net = gross.minus(fees);
        if (!net.gt(0)) return undefined;
        emitted++;
        const detectedAt = clock.now();
        return {
          id: `tob-cross:${buyMarket.symbol}:${buyMarket.venue}>${sellMarket.venue}:${detectedAt}:${emitted}`,
          kind: 'spatial',
          strategy: 'top-of-book-cross',
          legs: [
            {
              venue: buyMarket.venue,
              symbol: buyMarket.symbol,
              side: 'buy',
              amount: buy.amount,
              priceLimit: buy.price,
              expectedPrice: new Decimal(ask),
            },
            {
              venue: sellMarket.venue,
              symbol: sellMarket.symbol,
              side: 'sell',
              amount: buy.amount,
              priceLimit: sell.price,
              expectedPrice: new Decimal(bid),
            },
          ],
          expected: { currency: buyMarket.quote, gross, fees, net, netBps: net.div(cost).times(10_000).toNumber(), notional: cost },
          sources: views.map((v) => ({ venue: v.venue, symbol: v.symbol, ts: v.ts, recvTs: v.recvTs })),
          detectedAt,
        };
      }
    });
}

const info = {
  name: 'custom-detector',
  summary: 'A hand-written top-of-book cross detector, run over the recorded LINK/USDT session and through a risk gate.',
  flags: {
    minEdgeBps: { type: 'number', default: 0, min: 0, max: 100, help: 'edge required beyond the fees, bps' },
    maxBase: { type: 'number', default: 20, min: 0.01, help: 'largest amount per opportunity, LINK' },
  },
} as const;

runExample(info, async () => {
  const flags = parseFlags(info);
  const market = (venue: string, priceStep: string) =>
    parseMarket({
      venue,
      symbol: 'LINK/USDT',
      id: 'LINKUSDT',
      base: 'LINK',
      quote: 'USDT',
      precision: { amount: '0.01', price: priceStep },
      limits: { amount: { min: '0.01' }, cost: { min: '5' } },
      fees: { maker: '0.0001', taker: '0.0001' },
    });
  const catalog = new MarketCatalog([market('binance', '0.001'), market('huobi', '0.0001')]);

  // The recorded session, in receive-time order (--smoke: the first 20 minutes).
  const load = (file: string) => firstValueFrom(readL2SnapshotCsv(bundledData(file)).pipe(toArray()));
  const until = flags.smoke ? Date.UTC(2021, 7, 20, 0, 20) : Number.POSITIVE_INFINITY;
  const events: OrderBookSnapshot[] = [
    ...(await load('linkusdt_l2_10lvl_binance_2021-08-20.csv.gz')),
    ...(await load('linkusdt_l2_10lvl_huobi_2021-08-20.csv.gz')),
  ]
    .filter((e) => e.recvTs < until)
    .sort((a, b) => a.recvTs - b.recvTs);

  // Time is a VirtualClock moved to each event: the detector reads it for book ages and detectedAt.
  const clock = new VirtualClock(events[0]?.recvTs ?? 0);
  const gate = riskGate([minNetProfit({ minNet: '0.01', currency: 'USDT' })], { clock, markets: catalog });
  let decided = 0;
  gate.decisions$.subscribe(() => decided++);
  const approved = await firstValueFrom(
    from(events).pipe(
      tap((event) => clock.advanceTo(event.recvTs)),
      groupBy((event) => event.venue),
      mergeMap((venueEvents) => venueEvents.pipe(book())),
      books(),
      // The 1 s snapshots of both venues share instants: only compare books of the same second.
      topOfBookCross({ markets: catalog, clock, minEdgeBps: flags.minEdgeBps, maxBase: flags.maxBase, maxBookAgeMs: 500 }),
      gate.operator,
      toArray(),
    ),
  );

  heading(`${decided} opportunities found, ${approved.length} approved by the risk gate (net ≥ 0.01 USDT)`);
  printTable(
    approved.slice(0, 10).map((o) => ({
      time: utc(o.detectedAt),
      legs: o.legs.map((l) => `${l.side} ${l.amount.toString()} ${l.venue} @${l.priceLimit.toString()}`).join(' / '),
      'net USDT': fixed(o.expected.net, 4),
      'net bps': fixed(o.expected.netBps, 2),
    })),
  );
});
