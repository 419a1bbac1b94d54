import { Id, type Market, MarketCatalog, MarketSchema, parseWith, type Side } from '@arbot/core';
import { z } from 'zod';

/**
 * One conversion of a triangle: trade `symbol` on `side` to turn `from` into
 * `to`. A `buy` spends the market's quote (`from`) for its base (`to`); a
 * `sell` spends the base for the quote.
 *
 * @example
 * ```ts
 * const leg: TriangleLeg = { symbol: 'ETH/BTC', side: 'sell', from: 'ETH', to: 'BTC' };
 * ```
 */
export interface TriangleLeg {
  readonly symbol: string;
  readonly side: Side;
  readonly from: string;
  readonly to: string;
}

/**
 * A cycle start → X → Y → start over three markets of one venue.
 * `id` is `<venue>:<start>><X>><Y>><start>`, followed by `:<symbol>,<symbol>,<symbol>`
 * when several market combinations make the same asset cycle.
 *
 * @example
 * ```ts
 * const t: Triangle = {
 *   id: 'binance:USDT>BTC>ETH>USDT', venue: 'binance', start: 'USDT',
 *   legs: [
 *     { symbol: 'BTC/USDT', side: 'buy', from: 'USDT', to: 'BTC' },
 *     { symbol: 'ETH/BTC', side: 'buy', from: 'BTC', to: 'ETH' },
 *     { symbol: 'ETH/USDT', side: 'sell', from: 'ETH', to: 'USDT' },
 *   ],
 * };
 * ```
 */
export interface Triangle {
  readonly id: string;
  readonly venue: string;
  readonly start: string;
  readonly legs: readonly [TriangleLeg, TriangleLeg, TriangleLeg];
}

/**
 * Options of {@link findTriangles}: the asset every cycle starts and ends in.
 *
 * @example
 * ```ts
 * FindTrianglesOptionsSchema.parse({ start: 'USDT' });
 * ```
 */
export const FindTrianglesOptionsSchema = z.object({ start: Id });
/**
 * What {@link findTriangles} accepts: see {@link FindTrianglesOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: FindTrianglesOptions = { start: 'BTC' };
 * ```
 */
export type FindTrianglesOptions = z.input<typeof FindTrianglesOptionsSchema>;

const MarketsSchema = z.union([
  z.custom<MarketCatalog>((value) => value instanceof MarketCatalog, { message: 'must be a MarketCatalog' }),
  z.array(MarketSchema),
]);

/**
 * Every triangle start → X → Y → start over each venue's markets, in both
 * directions (start → X → Y → start and start → Y → X → start are two
 * triangles), whichever way each market is quoted: a hop from `a` to `b`
 * buys `b/a` or sells `a/b`. Only active spot markets are used; triangles
 * never mix venues. Sorted by id.
 *
 * @example
 * ```ts
 * // BTC/USDT, ETH/USDT, ETH/BTC on one venue
 * findTriangles(catalog, { start: 'USDT' }).map((t) => t.id);
 * // ['binance:USDT>BTC>ETH>USDT', 'binance:USDT>ETH>BTC>USDT']
 * ```
 */
export function findTriangles(markets: MarketCatalog | readonly Market[], options: FindTrianglesOptions): Triangle[] {
  const list = parseWith(MarketsSchema, markets, 'findTriangles() markets');
  const { start } = parseWith(FindTrianglesOptionsSchema, options, 'findTriangles() options');
  const byVenue = new Map<string, Market[]>();
  for (const market of list instanceof MarketCatalog ? list.list() : list) {
    if (!market.active || market.type !== 'spot') continue;
    const venueMarkets = byVenue.get(market.venue) ?? [];
    venueMarkets.push(market);
    byVenue.set(market.venue, venueMarkets);
  }
  const found: { cycle: string; venue: string; legs: [TriangleLeg, TriangleLeg, TriangleLeg] }[] = [];
  for (const [venue, venueMarkets] of byVenue) {
    const hops = conversionsOf(venueMarkets);
    // The hops back to `start`, by the asset they spend, so closing a cycle is one lookup.
    const closing = new Map<string, TriangleLeg[]>();
    for (const [from, legs] of hops)
      closing.set(
        from,
        legs.filter((leg) => leg.to === start),
      );
    for (const first of hops.get(start) ?? []) {
      for (const second of hops.get(first.to) ?? []) {
        if (second.to === start) continue;
        for (const third of closing.get(second.to) ?? []) {
          found.push({ cycle: `${venue}:${start}>${first.to}>${second.to}>${start}`, venue, legs: [first, second, third] });
        }
      }
    }
  }
  const perCycle = new Map<string, number>();
  for (const f of found) perCycle.set(f.cycle, (perCycle.get(f.cycle) ?? 0) + 1);
  return found
    .map(({ cycle, venue, legs }) => ({
      id: (perCycle.get(cycle) ?? 0) > 1 ? `${cycle}:${legs.map((l) => l.symbol).join(',')}` : cycle,
      venue,
      start,
      legs,
    }))
    .sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** For each asset, the hops that spend it: buy `b/a` or sell `a/b`. */
function conversionsOf(markets: readonly Market[]): Map<string, TriangleLeg[]> {
  const hops = new Map<string, TriangleLeg[]>();
  const add = (leg: TriangleLeg) => {
    const from = hops.get(leg.from) ?? [];
    from.push(leg);
    hops.set(leg.from, from);
  };
  for (const m of markets) {
    if (m.base === m.quote) continue;
    add({ symbol: m.symbol, side: 'buy', from: m.quote, to: m.base });
    add({ symbol: m.symbol, side: 'sell', from: m.base, to: m.quote });
  }
  return hops;
}
