import type { Market, Opportunity, Side } from '@arbot/core';
import { decimalToNumber } from './decimal-number';
import type { MarketSource } from './market-source';

/**
 * One leg of a {@link RiskCandidate}, with its figures as plain numbers for the hot path.
 *
 * @example
 * ```ts
 * const biggest = Math.max(...candidate.legs.map((leg: CandidateLeg) => leg.value));
 * ```
 */
export interface CandidateLeg {
  readonly index: number;
  readonly venue: string;
  readonly symbol: string;
  readonly side: Side;
  /** Base asset (from the market, else the symbol's part before `/`). */
  readonly base: string;
  /** Quote asset (from the market, else the symbol's part after `/`, settle suffix dropped). */
  readonly quote: string;
  /** The leg's market, when the catalog holds it. */
  readonly market: Market | undefined;
  readonly amount: number;
  readonly priceLimit: number;
  readonly expectedPrice: number;
  /**
   * Expected notional in the opportunity's currency: amount × expectedPrice
   * converted with the rates the legs themselves imply (e.g. an `ETH/BTC` leg
   * of a USDT triangle is valued through the `BTC/USDT` leg). `NaN` when the
   * legs do not connect the quote to the currency.
   */
  readonly value: number;
}

type MutableLeg = { -readonly [K in keyof CandidateLeg]: CandidateLeg[K] };

/**
 * An opportunity as policies see it: the opportunity itself plus its figures
 * converted once to numbers, so that policies compare floats instead of
 * decimals on the hot path. Resizing goes back through `Decimal`.
 *
 * @example
 * ```ts
 * evaluate: (c: RiskCandidate) => (c.legs.every((l) => l.value < 10_000) ? approve() : reject('TOO_BIG', {})),
 * ```
 */
export interface RiskCandidate {
  readonly opportunity: Opportunity;
  readonly legs: readonly CandidateLeg[];
  /** Currency of the expected figures. */
  readonly currency: string;
  readonly net: number;
  readonly netBps: number;
  readonly notional: number;
}

/**
 * Builds the numeric view of an opportunity that policies evaluate. The gate
 * does this once per opportunity (and again after each resize); custom
 * policy tests can call it directly.
 *
 * @example
 * ```ts
 * const c = riskCandidate(opportunity, catalog);
 * c.legs[0]?.value; // notional of leg 0 in opportunity.expected.currency
 * ```
 */
export function riskCandidate(opportunity: Opportunity, markets: MarketSource): RiskCandidate {
  // map, not push: the array is allocated once at its final length (push grows a spare backing store).
  const legs = opportunity.legs.map((leg, i): MutableLeg => {
    const market = markets.find(leg.venue, leg.symbol);
    const parts = market === undefined ? splitSymbol(leg.symbol) : undefined;
    return {
      index: i,
      venue: leg.venue,
      symbol: leg.symbol,
      side: leg.side,
      base: parts === undefined ? (market?.base ?? '') : parts[0],
      quote: parts === undefined ? (market?.quote ?? '') : parts[1],
      market,
      amount: decimalToNumber(leg.amount),
      priceLimit: decimalToNumber(leg.priceLimit),
      expectedPrice: decimalToNumber(leg.expectedPrice),
      value: Number.NaN,
    };
  });
  const currency = opportunity.expected.currency;
  valueLegs(legs, currency);
  return {
    opportunity,
    legs,
    currency,
    net: decimalToNumber(opportunity.expected.net),
    netBps: opportunity.expected.netBps,
    notional: decimalToNumber(opportunity.expected.notional),
  };
}

const symbolParts = new Map<string, readonly [string, string]>();

function splitSymbol(symbol: string): readonly [string, string] {
  let parts = symbolParts.get(symbol);
  if (parts === undefined) {
    const slash = symbol.indexOf('/');
    const colon = symbol.indexOf(':');
    parts = slash < 0 ? [symbol, ''] : [symbol.slice(0, slash), colon > slash ? symbol.slice(slash + 1, colon) : symbol.slice(slash + 1)];
    if (symbolParts.size < 10_000) symbolParts.set(symbol, parts);
  }
  return parts;
}

/**
 * Values each leg in `currency`: starts from currency = 1 and propagates
 * rates along the legs (quote known → base = price × quote rate; base known →
 * quote = base rate / price) until nothing changes.
 */
function valueLegs(legs: MutableLeg[], currency: string): void {
  let direct = true;
  for (const leg of legs) {
    if (leg.quote === currency) leg.value = leg.amount * leg.expectedPrice;
    else direct = false;
  }
  if (direct) return;
  const assets: string[] = [currency];
  const rates: number[] = [1];
  let progressed = true;
  while (progressed) {
    progressed = false;
    for (const leg of legs) {
      const q = assets.indexOf(leg.quote);
      const b = assets.indexOf(leg.base);
      if (q >= 0 && b < 0) {
        assets.push(leg.base);
        rates.push(leg.expectedPrice * (rates[q] ?? Number.NaN));
        progressed = true;
      } else if (b >= 0 && q < 0 && leg.quote !== '') {
        assets.push(leg.quote);
        rates.push((rates[b] ?? Number.NaN) / leg.expectedPrice);
        progressed = true;
      }
    }
  }
  for (const leg of legs) {
    const q = assets.indexOf(leg.quote);
    const rate = q < 0 ? Number.NaN : (rates[q] ?? Number.NaN);
    leg.value = leg.amount * leg.expectedPrice * rate;
  }
}
