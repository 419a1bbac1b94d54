import type { MarketCatalog } from '@arbot/core';
import type { VenueFee } from './arbitrage-schemas';
import { findTriangles, type Triangle } from './find-triangles';
import { type MarketSpec, marketSpec } from './market-spec';

/**
 * The triangles of a set of venues flattened for the hot path: markets are
 * numbered, each triangle's hops are three market numbers, and an index
 * (CSR layout: `offsets`, `byMarket`) lists the triangles touching each
 * market, so a book update visits only its own triangles.
 */
export class TriangleIndex {
  readonly triangles: readonly Triangle[];
  /** Spec of each market number. */
  readonly specs: readonly MarketSpec[];
  /** Market number of hop `h` of triangle `t` at `3t + h`. */
  readonly hopMarket: Int32Array;
  /** 1 when hop `h` of triangle `t` (at `3t + h`) buys. */
  readonly hopBuys: Uint8Array;
  /** Slot of hop `3t + h` in a two-per-market rate array: `2m` (buy rate) or `2m + 1` (sell rate). */
  readonly hopRateSlot: Int32Array;
  /** Triangles of market `m`: `byMarket[offsets[m] … offsets[m + 1])`. */
  readonly offsets: Int32Array;
  readonly byMarket: Int32Array;
  private readonly numbers = new Map<string, Map<string, number>>();

  constructor(catalog: MarketCatalog, venues: readonly string[], start: string, fees: Readonly<Record<string, VenueFee>>) {
    const triangles: Triangle[] = [];
    const specs: MarketSpec[] = [];
    for (const venue of venues) {
      const found = findTriangles(catalog.list(venue), { start });
      for (const triangle of found) {
        triangles.push(triangle);
        for (const leg of triangle.legs) {
          let symbols = this.numbers.get(venue);
          if (symbols === undefined) {
            symbols = new Map();
            this.numbers.set(venue, symbols);
          }
          if (!symbols.has(leg.symbol)) {
            symbols.set(leg.symbol, specs.length);
            specs.push(marketSpec(catalog.get(venue, leg.symbol), fees[venue]));
          }
        }
      }
    }
    this.triangles = triangles;
    this.specs = specs;
    const hops = triangles.length * 3;
    this.hopMarket = new Int32Array(hops);
    this.hopBuys = new Uint8Array(hops);
    this.hopRateSlot = new Int32Array(hops);
    const counts = new Int32Array(specs.length + 1);
    triangles.forEach((triangle, t) => {
      triangle.legs.forEach((leg, h) => {
        const m = this.marketNumber(triangle.venue, leg.symbol);
        const buys = leg.side === 'buy';
        this.hopMarket[3 * t + h] = m;
        this.hopBuys[3 * t + h] = buys ? 1 : 0;
        this.hopRateSlot[3 * t + h] = 2 * m + (buys ? 0 : 1);
        counts[m + 1] = (counts[m + 1] as number) + 1;
      });
    });
    for (let m = 0; m < specs.length; m++) counts[m + 1] = (counts[m + 1] as number) + (counts[m] as number);
    this.offsets = counts;
    this.byMarket = new Int32Array(hops);
    const fill = counts.slice(0, specs.length);
    for (let i = 0; i < hops; i++) {
      const m = this.hopMarket[i] as number;
      const at = fill[m] as number;
      this.byMarket[at] = Math.floor(i / 3);
      fill[m] = at + 1;
    }
  }

  /** Number of markets used by at least one triangle. */
  get marketCount(): number {
    return this.specs.length;
  }

  /** The number of a market, or -1 when no triangle uses it. */
  marketNumber(venue: string, symbol: string): number {
    return this.numbers.get(venue)?.get(symbol) ?? -1;
  }
}
