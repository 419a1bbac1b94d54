import { Decimal, type Fill, parseWith } from '@arbot/core';
import { z } from 'zod';
import type { BacktestResult } from '../engine/backtest-result';
import { symbolAssets } from '../engine/mark-tracker';
import type { LiveFill } from './live-fill';

const DivergenceOptionsSchema = z.object({
  toleranceMs: z.number().nonnegative().default(5_000),
  priceToleranceBps: z.number().nonnegative().default(5),
  pnlTolerance: z.number().nonnegative().default(0),
  currency: z.string().min(1).optional(),
});

/**
 * Options of {@link liveDivergence}.
 *
 * @example
 * ```ts
 * const options: DivergenceOptions = { toleranceMs: 2_000, priceToleranceBps: 3, pnlTolerance: 1 };
 * ```
 */
export interface DivergenceOptions {
  /** Largest time difference between a live fill and the backtest fill it is paired with, ms (default 5,000). */
  readonly toleranceMs?: number;
  /** A paired fill diverges when its prices differ by more than this, bps (default 5). */
  readonly priceToleranceBps?: number;
  /** The PnL paths diverge once they differ by more than this, in `currency` (default 0: any difference). */
  readonly pnlTolerance?: number;
  /** Currency of the PnL paths: fills quoted in it count (default the backtest's valuation currency). */
  readonly currency?: string;
}

/**
 * A live fill and the backtest fill paired with it (same venue, symbol and
 * side, within the time tolerance; the same opportunity preferred, then the
 * nearest in time).
 *
 * @example
 * ```ts
 * for (const m of report.matched.filter((m) => m.divergent)) console.log(m.live.ts, m.priceDiffBps, m.amountDiff.toString());
 * ```
 */
export interface MatchedFill {
  readonly live: Fill;
  readonly backtest: Fill;
  /** `backtest.ts − live.ts`, ms. */
  readonly lagMs: number;
  /** `(backtest price − live price) / live price × 10,000`. */
  readonly priceDiffBps: number;
  /** `backtest amount − live amount`. */
  readonly amountDiff: Decimal;
  /** Price beyond the tolerance, or amounts that differ. */
  readonly divergent: boolean;
}

/**
 * The first moment live and backtest parted ways.
 *
 * @example
 * ```ts
 * if (report.firstDivergence) console.log(report.firstDivergence.ts, report.firstDivergence.reason);
 * ```
 */
export interface FirstDivergence {
  readonly ts: number;
  /** `live-only` / `backtest-only`: a fill the other side lacks; `price` / `amount`: a paired fill differs; `pnl`: the PnL paths drift apart. */
  readonly reason: 'live-only' | 'backtest-only' | 'price' | 'amount' | 'pnl';
  readonly detail: string;
}

/**
 * One point of the PnL paths: after every fill up to `ts` (of either side).
 *
 * @example
 * ```ts
 * report.pnl.map((p) => [p.ts, p.diff.toNumber()]);
 * ```
 */
export interface PnlPoint {
  readonly ts: number;
  readonly live: Decimal;
  readonly backtest: Decimal;
  /** `live − backtest`. */
  readonly diff: Decimal;
}

/**
 * Where a live run and a backtest of the same period diverged: paired
 * fills and their differences, fills only one side has, both PnL paths,
 * the first divergence, and totals.
 *
 * @example
 * ```ts
 * const { summary, firstDivergence } = liveDivergence({ live, backtest: result });
 * console.log(summary.matched, summary.liveOnly, summary.pnlDiff.toString(), firstDivergence?.reason);
 * ```
 */
export interface DivergenceReport {
  readonly currency: string;
  readonly matched: readonly MatchedFill[];
  readonly liveOnly: readonly Fill[];
  readonly backtestOnly: readonly Fill[];
  readonly pnl: readonly PnlPoint[];
  readonly firstDivergence: FirstDivergence | undefined;
  readonly summary: {
    readonly liveFills: number;
    readonly backtestFills: number;
    readonly matched: number;
    readonly divergentMatches: number;
    readonly liveOnly: number;
    readonly backtestOnly: number;
    /** Fills left out of the PnL paths: quoted in another currency. */
    readonly unvalued: number;
    readonly meanLagMs: number | undefined;
    readonly meanPriceDiffBps: number | undefined;
    readonly maxAbsPriceDiffBps: number | undefined;
    readonly livePnl: Decimal;
    readonly backtestPnl: Decimal;
    /** `livePnl − backtestPnl`. */
    readonly pnlDiff: Decimal;
  };
}

/**
 * Compares the fills of a live run (from the executor's journal, see
 * `readLiveFills`) with those of a backtest of the same period.
 *
 * **Pairing.** Fills are paired per (venue, symbol, side), live fills in
 * time order, each with an unpaired backtest fill no more than
 * `toleranceMs` away: one of the same opportunity if any, else the nearest
 * in time (earlier first on a tie). A pair diverges when the prices differ
 * by more than `priceToleranceBps` or the amounts differ.
 *
 * **PnL paths.** For each side, after every fill time: quote received minus
 * quote paid minus fees (a fee in the base valued at its fill's price), plus
 * the net base position of each symbol at a reference price common to both
 * sides (the latest fill price of that symbol on either side), so that the
 * paths differ only because the fills did. Only fills quoted in `currency` count.
 *
 * **First divergence.** The earliest of: an unpaired fill, a divergent
 * pair (at the earlier of its two times), or the PnL paths drifting more
 * than `pnlTolerance` apart.
 *
 * @example
 * ```ts
 * const report = liveDivergence({ live: await readLiveFills('journal.ndjson'), backtest: result, options: { priceToleranceBps: 3 } });
 * console.log(divergenceSummary(report));
 * ```
 */
export function liveDivergence(input: {
  readonly live: readonly LiveFill[];
  readonly backtest: BacktestResult;
  readonly options?: DivergenceOptions;
}): DivergenceReport {
  const o = parseWith(DivergenceOptionsSchema, input.options ?? {}, 'liveDivergence() options');
  const currency = o.currency ?? input.backtest.valuationCurrency;
  const live = [...input.live].map((l, i) => ({ ...l, i })).sort((a, b) => a.fill.ts - b.fill.ts || a.i - b.i);
  const backtest = input.backtest.fills.map((f, i) => ({ fill: f.fill, opportunityId: f.opportunityId, i, used: false }));
  const key = (f: Fill): string => `${f.venue}\u0000${f.symbol}\u0000${f.side}`;
  const byKey = new Map<string, typeof backtest>();
  for (const b of backtest) byKey.set(key(b.fill), [...(byKey.get(key(b.fill)) ?? []), b]);

  const matched: MatchedFill[] = [];
  const liveOnly: Fill[] = [];
  for (const l of live) {
    const candidates = (byKey.get(key(l.fill)) ?? []).filter((b) => !b.used && Math.abs(b.fill.ts - l.fill.ts) <= o.toleranceMs);
    const sameOpportunity = l.opportunityId === undefined ? [] : candidates.filter((b) => b.opportunityId === l.opportunityId);
    const pool = sameOpportunity.length > 0 ? sameOpportunity : candidates;
    const pick = pool.sort(
      (a, b) => Math.abs(a.fill.ts - l.fill.ts) - Math.abs(b.fill.ts - l.fill.ts) || a.fill.ts - b.fill.ts || a.i - b.i,
    )[0];
    if (pick === undefined) {
      liveOnly.push(l.fill);
      continue;
    }
    pick.used = true;
    const priceDiffBps = pick.fill.price.minus(l.fill.price).div(l.fill.price).times(10_000).toNumber();
    const amountDiff = pick.fill.amount.minus(l.fill.amount);
    matched.push({
      live: l.fill,
      backtest: pick.fill,
      lagMs: pick.fill.ts - l.fill.ts,
      priceDiffBps,
      amountDiff,
      divergent: Math.abs(priceDiffBps) > o.priceToleranceBps || !amountDiff.isZero(),
    });
  }
  const backtestOnly = backtest.filter((b) => !b.used).map((b) => b.fill);
  const { points, unvalued } = pnlPaths(
    live.map((l) => l.fill),
    input.backtest.fills.map((f) => f.fill),
    currency,
  );

  const candidates: FirstDivergence[] = [
    ...liveOnly.map((f): FirstDivergence => ({ ts: f.ts, reason: 'live-only', detail: describe(f) })),
    ...backtestOnly.map((f): FirstDivergence => ({ ts: f.ts, reason: 'backtest-only', detail: describe(f) })),
    ...matched
      .filter((m) => m.divergent)
      .map(
        (m): FirstDivergence => ({
          ts: Math.min(m.live.ts, m.backtest.ts),
          reason: m.amountDiff.isZero() ? 'price' : 'amount',
          detail: `${describe(m.live)} vs backtest ${m.backtest.amount.toString()} @ ${m.backtest.price.toString()}`,
        }),
      ),
  ];
  const drift = points.find((p) => p.diff.abs().gt(o.pnlTolerance));
  if (drift !== undefined)
    candidates.push({ ts: drift.ts, reason: 'pnl', detail: `live ${drift.live.toString()} vs backtest ${drift.backtest.toString()}` });
  const firstDivergence = candidates.sort((a, b) => a.ts - b.ts)[0];

  const lags = matched.map((m) => m.lagMs);
  const diffs = matched.map((m) => m.priceDiffBps);
  const mean = (xs: number[]): number | undefined => (xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length);
  const last = points[points.length - 1];
  const zero = new Decimal(0);
  return {
    currency,
    matched,
    liveOnly,
    backtestOnly,
    pnl: points,
    firstDivergence,
    summary: {
      liveFills: live.length,
      backtestFills: backtest.length,
      matched: matched.length,
      divergentMatches: matched.filter((m) => m.divergent).length,
      liveOnly: liveOnly.length,
      backtestOnly: backtestOnly.length,
      unvalued,
      meanLagMs: mean(lags),
      meanPriceDiffBps: mean(diffs),
      maxAbsPriceDiffBps: diffs.length === 0 ? undefined : Math.max(...diffs.map(Math.abs)),
      livePnl: last?.live ?? zero,
      backtestPnl: last?.backtest ?? zero,
      pnlDiff: last?.diff ?? zero,
    },
  };
}

function describe(f: Fill): string {
  return `${f.venue} ${f.symbol} ${f.side} ${f.amount.toString()} @ ${f.price.toString()}`;
}

interface Side {
  cash: Decimal;
  readonly positions: Map<string, Decimal>;
}

/** Both PnL paths at every fill time (see `liveDivergence`). */
function pnlPaths(live: readonly Fill[], backtest: readonly Fill[], currency: string): { points: PnlPoint[]; unvalued: number } {
  const events = [...live.map((fill) => ({ fill, side: 0 })), ...backtest.map((fill) => ({ fill, side: 1 }))];
  // Stable sort: at one time, live fills then backtest fills, each in its own order.
  events.sort((a, b) => a.fill.ts - b.fill.ts);
  const sides: [Side, Side] = [
    { cash: new Decimal(0), positions: new Map() },
    { cash: new Decimal(0), positions: new Map() },
  ];
  const reference = new Map<string, Decimal>();
  const points: PnlPoint[] = [];
  let unvalued = 0;
  const value = (s: Side): Decimal => {
    let total = s.cash;
    for (const [symbol, position] of s.positions) total = total.plus(position.times(reference.get(symbol) ?? 0));
    return total;
  };
  for (let i = 0; i < events.length; i++) {
    const { fill, side } = events[i] as (typeof events)[number];
    const assets = symbolAssets(fill.symbol);
    if (assets === undefined || assets.quote !== currency) unvalued++;
    else {
      const s = sides[side as 0 | 1];
      const notional = fill.price.times(fill.amount);
      const sign = fill.side === 'buy' ? 1 : -1;
      let fee = new Decimal(0);
      if (fill.fee.asset === assets.quote) fee = fill.fee.amount;
      else if (fill.fee.asset === assets.base) fee = fill.fee.amount.times(fill.price);
      s.cash = s.cash.minus(notional.times(sign)).minus(fee);
      s.positions.set(fill.symbol, (s.positions.get(fill.symbol) ?? new Decimal(0)).plus(fill.amount.times(sign)));
      reference.set(fill.symbol, fill.price);
    }
    const next = events[i + 1];
    if (next !== undefined && next.fill.ts === fill.ts) continue;
    const [l, b] = [value(sides[0]), value(sides[1])];
    points.push({ ts: fill.ts, live: l, backtest: b, diff: l.minus(b) });
  }
  return { points, unvalued };
}

/**
 * A few lines summing up a divergence report, for logs and terminals.
 *
 * @example
 * ```ts
 * console.log(divergenceSummary(liveDivergence({ live, backtest: result })));
 * ```
 */
export function divergenceSummary(report: DivergenceReport): string {
  const s = report.summary;
  const fmt = (x: number | undefined, digits: number): string => (x === undefined ? '—' : x.toFixed(digits));
  const lines = [
    `fills: live ${s.liveFills}, backtest ${s.backtestFills}; paired ${s.matched} (${s.divergentMatches} diverging), live only ${s.liveOnly}, backtest only ${s.backtestOnly}`,
    `paired fills: mean lag ${fmt(s.meanLagMs, 0)} ms, mean price difference ${fmt(s.meanPriceDiffBps, 2)} bps (max ${fmt(s.maxAbsPriceDiffBps, 2)} bps)`,
    `PnL (${report.currency}): live ${s.livePnl.toString()}, backtest ${s.backtestPnl.toString()}, difference ${s.pnlDiff.toString()}`,
  ];
  const first = report.firstDivergence;
  lines.push(
    first === undefined ? 'no divergence' : `first divergence at ${new Date(first.ts).toISOString()}: ${first.reason} (${first.detail})`,
  );
  return lines.join('\n');
}
