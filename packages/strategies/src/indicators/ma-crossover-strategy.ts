import {
  type Candle,
  Decimal,
  type ExecutionReport,
  MarketSchema,
  NonNegativeNumber,
  type Opportunity,
  PositiveDecimal,
  parseWith,
  roundAmount,
  tradeFee,
  ValidationError,
} from '@arbot/core';
import { isObservable, Observable, type OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { ClockSchema } from './clock-schema';
import { type Cross, MaCrossoverState } from './ma-crossover';
import { PeriodSchema } from './period-schema';
import { PriceSourceSchema, priceOf } from './price-source';
import { ReportedPosition } from './reported-position';
import { signalLeg } from './signal-leg';

/**
 * Options of {@link maCrossoverStrategy}.
 *
 * @example
 * ```ts
 * MaCrossoverStrategyOptionsSchema.parse({ market: btcUsdt, amount: '0.01', clock: systemClock }).slippageBps; // 10
 * ```
 */
export const MaCrossoverStrategyOptionsSchema = z
  .object({
    /** The market traded; candles must be of this venue and symbol. */
    market: MarketSchema,
    /** Base amount per order, rounded down to the market's amount step (must stay > 0). */
    amount: PositiveDecimal,
    /** Slippage allowed around the close for the price limit, in bps (default 10, < 5000). */
    slippageBps: NonNegativeNumber.max(5_000).default(10),
    /**
     * Edge the strategy claims per trade, in bps of notional (default 0): the
     * expected gross. Net is this minus the taker fee, so with the default a
     * signal's expected net is −fees; risk filters on net bps should treat
     * kind `signal` accordingly.
     */
    expectedEdgeBps: z.number().refine(Number.isFinite, { message: 'must be a finite number' }).default(0),
    /**
     * `long-only` (default): buy on a golden cross when flat, sell on the next
     * death cross (a death cross while flat is ignored).
     * `every-cross`: buy on every golden cross and sell on every death cross.
     */
    mode: z.enum(['long-only', 'every-cross']).default('long-only'),
    /**
     * What the strategy holds: the execution reports of its opportunities
     * (the executor's output fed back, e.g. through a `Subject`). With it, a
     * death cross sells the base its own fills left it — buys net of any fee
     * taken in the base, minus what it sold — rounded down to the amount
     * step, and emits nothing when that is 0 (the buy failed or is not
     * reported yet; the whole position then goes at the next death cross).
     * Without it, a death cross sells `amount`, which a venue that takes the
     * buy's fee from the coins received (Binance, the simulated venue) refuses
     * unless other coins cover the fee.
     */
    position: z
      .custom<Observable<ExecutionReport>>((p) => isObservable(p), { message: 'must be an Observable of execution reports' })
      .optional(),
    /** Source of `detectedAt`. */
    clock: ClockSchema,
    /** Strategy name in the opportunities (default `ma-crossover`). */
    strategy: z.string().min(1).default('ma-crossover'),
    fast: PeriodSchema.default(50),
    slow: PeriodSchema.default(200),
    source: PriceSourceSchema.default('close'),
    average: z.enum(['sma', 'ema']).default('sma'),
  })
  .refine((o) => o.fast < o.slow, { message: 'fast must be < slow', path: ['fast'] });
/** Options of {@link maCrossoverStrategy}: see {@link MaCrossoverStrategyOptionsSchema}. */
export type MaCrossoverStrategyOptions = z.input<typeof MaCrossoverStrategyOptionsSchema>;

/** An opportunity from {@link maCrossoverStrategy}, with the cross that caused it. */
export interface MaCrossoverOpportunity extends Opportunity {
  readonly signal: Cross & { readonly price: number; readonly ts: number };
}

/**
 * The moving-average crossover as a strategy: turns golden/death crosses on
 * a candle stream into single-leg `Opportunity` events of kind `signal`
 * (buy on golden, sell on death) that go through the same risk gate and
 * executor as arbitrage. A buy is `amount` base (on the amount grid); a sell
 * is `amount` too, or, given a `position` source, what the strategy's own
 * fills hold (see the option). Each leg has a price limit `slippageBps`
 * around the close of the crossing candle, rounded to the tick. Forming
 * candles are ignored; a candle of another venue or symbol errors the stream
 * with a `ValidationError`, and so does an error of the `position` source.
 *
 * @example
 * ```ts
 * // The executor's reports go back to the strategy, so a sell never exceeds what the buy left.
 * const reports = new Subject<ExecutionReport>();
 * venue.candles$('BTC/USDT', '1h')
 *   .pipe(
 *     maCrossoverStrategy({ market: btcUsdt, amount: '0.01', fast: 50, slow: 200, clock, position: reports }),
 *     executeOpportunities(venues, { clock, catalog }),
 *     tap(reports),
 *   )
 *   .subscribe((report) => console.log(report.status));
 * ```
 */
export function maCrossoverStrategy(options: MaCrossoverStrategyOptions): OperatorFunction<Candle, MaCrossoverOpportunity> {
  const o = parseWith(MaCrossoverStrategyOptionsSchema, options, 'maCrossoverStrategy() options');
  const { market } = o;
  const amount = roundAmount(market, o.amount, 'down');
  if (amount.isZero()) {
    throw new ValidationError('maCrossoverStrategy() options', [
      { field: 'amount', value: o.amount.toString(), message: `rounds to 0 on the amount step ${market.precision.amount.toString()}` },
    ]);
  }
  const edge = new Decimal(o.expectedEdgeBps).div(10_000);
  // Every opportunity id starts with this, so the reports of this strategy's trades can be told apart.
  const idPrefix = `${o.strategy}:${market.venue}:${market.symbol}:`;
  return (candles) =>
    new Observable<MaCrossoverOpportunity>((subscriber) => {
      const state = new MaCrossoverState(o.fast, o.slow, o.average);
      const held = new ReportedPosition(market, idPrefix);
      let long = false;
      if (o.position !== undefined) {
        subscriber.add(
          o.position.subscribe({
            next: (report) => held.apply(report),
            error: (err: unknown) => subscriber.error(err),
          }),
        );
      }
      subscriber.add(
        candles.subscribe({
          next(candle) {
            if (candle.closed === false) return;
            let opportunity: MaCrossoverOpportunity | undefined;
            try {
              if (candle.venue !== market.venue || candle.symbol !== market.symbol) {
                throw new ValidationError('maCrossoverStrategy candle', [
                  { field: 'symbol', value: `${candle.venue} ${candle.symbol}`, message: `expected ${market.venue} ${market.symbol}` },
                ]);
              }
              const price = priceOf(candle, o.source, 'maCrossoverStrategy');
              const cross = state.update(price);
              if (cross === undefined) return;
              if (o.mode === 'long-only' && (cross.kind === 'golden') === long) return;
              long = cross.kind === 'golden';
              const side = cross.kind === 'golden' ? 'buy' : 'sell';
              const size = side === 'sell' && o.position !== undefined ? roundAmount(market, held.base, 'down') : amount;
              if (size.isZero()) return;
              const leg = signalLeg(market, side, size, candle.close, o.slippageBps);
              const notional = size.times(leg.expectedPrice);
              const fees = tradeFee(market, notional, 'taker');
              const gross = notional.times(edge);
              const net = gross.minus(fees);
              opportunity = {
                id: `${idPrefix}${candle.ts}:${cross.kind}`,
                kind: 'signal',
                strategy: o.strategy,
                legs: [leg],
                expected: { currency: market.quote, gross, fees, net, netBps: net.div(notional).times(10_000).toNumber(), notional },
                sources: [{ venue: candle.venue, symbol: candle.symbol, ts: candle.ts, recvTs: candle.recvTs }],
                detectedAt: o.clock.now(),
                signal: { ...cross, price, ts: candle.ts },
              };
            } catch (err) {
              subscriber.error(err);
              return;
            }
            subscriber.next(opportunity);
          },
          error: (err: unknown) => subscriber.error(err),
          complete: () => subscriber.complete(),
        }),
      );
    });
}
