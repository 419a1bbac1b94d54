import {
  type Decimal,
  type Market,
  MarketSchema,
  NonNegativeNumber,
  type Opportunity,
  type OpportunityLeg,
  PositiveDecimal,
  parseWith,
  roundAmount,
  type Side,
  toDecimal,
  tradeFee,
  ValidationError,
} from '@arbot/core';
import { Observable, type OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { ClockSchema } from '../indicators/clock-schema';
import { MAX_PERIOD } from '../indicators/period-schema';
import { RollingOlsState } from '../indicators/rolling-ols';
import { signalLeg } from '../indicators/signal-leg';
import { KalmanHedgeOptionsSchema, KalmanHedgeState } from './kalman-hedge-ratio';

const PositiveFinite = z.number().positive({ message: 'must be > 0' }).refine(Number.isFinite, { message: 'must be a finite number' });

/**
 * Options of {@link pairsTrading}.
 *
 * @example
 * ```ts
 * PairsTradingOptionsSchema.parse({ markets: { a: ethUsdt, b: btcUsdt }, lookback: 240, amount: '0.5', clock }).entryZ; // 2
 * ```
 */
export const PairsTradingOptionsSchema = z
  .object({
    /** The two markets: the spread is a − alpha − beta·b (a regressed on b). They must share a quote currency. */
    markets: z.object({ a: MarketSchema, b: MarketSchema }),
    /** Window of the rolling regression (`rolling-ols`), or ticks of warm-up before trading (`kalman`). */
    lookback: z.number().int().min(3).max(MAX_PERIOD),
    /** |z| at which a position opens (default 2). */
    entryZ: PositiveFinite.default(2),
    /** |z| at or below which an open position closes (default 0.5). */
    exitZ: NonNegativeNumber.default(0.5),
    /** |z| at or beyond which an open position is stopped out (default 4). */
    stopZ: PositiveFinite.default(4),
    /**
     * Hedge ratio and z-score model: `rolling-ols` (default) regresses a on b
     * over `lookback` ticks, z = residual / residual std; `kalman` filters a
     * time-varying beta (see {@link kalmanHedgeRatio}), z = forecast error / its std.
     */
    hedge: z.enum(['rolling-ols', 'kalman']).default('rolling-ols'),
    /** Filter options when `hedge` is `kalman`. */
    kalman: KalmanHedgeOptionsSchema.default({
      delta: 1e-4,
      observationVariance: 1e-3,
      initialBeta: 0,
      initialAlpha: 0,
      initialVariance: 1,
    }),
    /** Base amount of leg a per position; leg b is |beta| times it. Each is rounded down to its market's amount step. */
    amount: PositiveDecimal,
    /** Slippage allowed around the tick's prices for the price limits, in bps (default 10, < 5000). */
    slippageBps: NonNegativeNumber.max(5_000).default(10),
    /** Source of `detectedAt`. */
    clock: ClockSchema,
    /** Strategy name in the opportunities (default `pairs-trading`). */
    strategy: z.string().min(1).default('pairs-trading'),
  })
  .refine((o) => o.exitZ < o.entryZ, { message: 'exitZ must be < entryZ', path: ['exitZ'] })
  .refine((o) => o.entryZ < o.stopZ, { message: 'stopZ must be > entryZ', path: ['stopZ'] })
  .refine((o) => o.markets.a.quote === o.markets.b.quote, {
    message: 'both markets must have the same quote currency',
    path: ['markets', 'b'],
  });
/** Options of {@link pairsTrading}: see {@link PairsTradingOptionsSchema}. */
export type PairsTradingOptions = z.input<typeof PairsTradingOptionsSchema>;

/** Synchronised prices of the two legs (e.g. closes of the same bar, or mids sampled together). */
export interface PairTick {
  /** Exchange time of the prices, ms. */
  readonly ts: number;
  /** Local receive time, ms (default `ts`). */
  readonly recvTs?: number;
  /** Price of market a, in quote (not a log price: leg sizes come from the hedge ratio). */
  readonly a: number;
  /** Price of market b, in quote. */
  readonly b: number;
}

/** What happened on the spread. `enter-long` buys the spread (buy a, sell beta·b), `enter-short` sells it. */
export type PairsAction = 'enter-long' | 'enter-short' | 'exit' | 'stop';

/** A two-leg statistical opportunity from {@link pairsTrading}, with the signal behind it. */
export interface PairsOpportunity extends Opportunity {
  readonly signal: {
    readonly action: PairsAction;
    /** The position opened or closed. */
    readonly position: 'long' | 'short';
    readonly zScore: number;
    /** beta: units of b per unit of a. */
    readonly hedgeRatio: number;
    /** a − alpha − beta·b (or the Kalman forecast error). */
    readonly spread: number;
    readonly spreadStd: number;
  };
}

interface SpreadReading {
  readonly z: number;
  readonly beta: number;
  readonly spread: number;
  readonly std: number;
}

interface OpenPosition {
  readonly side: 'long' | 'short';
  readonly legs: readonly OpportunityLeg[];
}

/** 1 − R² below this is a numerically perfect fit: residuals are rounding noise, not a spread. */
const PERFECT_FIT = 1e-12;

/**
 * Pairs trading on z-scores of a spread: emits a two-leg `Opportunity`
 * (kind `statistical`) when |z| reaches `entryZ` (below `stopZ`), and the
 * closing two-leg opportunity when z comes back within `exitZ` (`exit`) or
 * runs to `stopZ` (`stop`). After a stop no new position opens until |z|
 * has fallen back below `entryZ`, so a blown-out spread is not re-entered
 * immediately. Leg a trades `amount`, leg b |beta|·amount (the side of b
 * follows the sign of beta), both rounded down to their amount steps, with
 * limits `slippageBps` around the tick prices rounded to the tick; an entry
 * whose b amount rounds to zero is not taken. Closing legs reverse the
 * opening legs with the same amounts.
 *
 * Expected profit: an entry's gross is the reversion from |z| to `exitZ`,
 * (|z| − exitZ)·σ·amount; a close's gross is the P&L of the round trip at
 * the tick's prices. Fees are the markets' taker fees on each leg.
 *
 * @example
 * ```ts
 * combineLatest([btc$, eth$]).pipe(
 *   map(([btc, eth]) => ({ ts: Math.max(btc.ts, eth.ts), a: eth.close, b: btc.close })),
 *   pairsTrading({ markets: { a: ethUsdt, b: btcUsdt }, lookback: 240, entryZ: 2, exitZ: 0.5, stopZ: 4, amount: '0.5', clock }),
 * ).subscribe((op) => console.log(op.signal.action, op.signal.zScore));
 * ```
 */
export function pairsTrading(options: PairsTradingOptions): OperatorFunction<PairTick, PairsOpportunity> {
  const o = parseWith(PairsTradingOptionsSchema, options, 'pairsTrading() options');
  const { a: marketA, b: marketB } = o.markets;
  const amountA = roundAmount(marketA, o.amount, 'down');
  if (amountA.isZero()) {
    throw new ValidationError('pairsTrading() options', [
      { field: 'amount', value: o.amount.toString(), message: `rounds to 0 on the amount step ${marketA.precision.amount.toString()}` },
    ]);
  }
  return (ticks) =>
    new Observable<PairsOpportunity>((subscriber) => {
      const read = spreadModel(o.hedge, o.lookback, o.kalman);
      let open: OpenPosition | undefined;
      let armed = true;
      return ticks.subscribe({
        next(tick) {
          let out: PairsOpportunity | undefined;
          try {
            checkTick(tick);
            const reading = read(tick);
            if (reading === undefined) return;
            const absZ = Math.abs(reading.z);
            if (open === undefined) {
              if (!armed) {
                armed = absZ < o.entryZ;
                return;
              }
              if (absZ < o.entryZ || absZ >= o.stopZ) return;
              const side = reading.z > 0 ? 'short' : 'long';
              const legs = openingLegs(side, reading.beta, tick);
              if (legs === undefined) return;
              open = { side, legs };
              out = opportunity(side === 'long' ? 'enter-long' : 'enter-short', side, legs, reading, tick, entryGross(reading, absZ));
            } else {
              const adverse = open.side === 'long' ? -reading.z : reading.z;
              let action: PairsAction | undefined;
              if (adverse >= o.stopZ) action = 'stop';
              else if (adverse <= o.exitZ) action = 'exit';
              if (action === undefined) return;
              // Legs are always [a, b]: close each with the same amount, opposite side.
              const closing = open.legs.map((leg, i) =>
                signalLeg(i === 0 ? marketA : marketB, flip(leg.side), leg.amount, i === 0 ? tick.a : tick.b, o.slippageBps),
              );
              out = opportunity(action, open.side, closing, reading, tick, roundTripGross(open.legs, closing));
              open = undefined;
              armed = action === 'exit';
            }
          } catch (err) {
            subscriber.error(err);
            return;
          }
          subscriber.next(out);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });

  function openingLegs(side: 'long' | 'short', beta: number, tick: PairTick): OpportunityLeg[] | undefined {
    const amountB = roundAmount(marketB, amountA.times(toDecimal(Math.abs(beta))), 'down');
    if (amountB.isZero()) return undefined;
    const sideA: Side = side === 'long' ? 'buy' : 'sell';
    // Long the spread = long a and short beta·b: b is sold when beta > 0, bought when beta < 0.
    const sellB = side === 'long' ? beta > 0 : beta < 0;
    const sideB: Side = sellB ? 'sell' : 'buy';
    return [signalLeg(marketA, sideA, amountA, tick.a, o.slippageBps), signalLeg(marketB, sideB, amountB, tick.b, o.slippageBps)];
  }

  function entryGross(reading: SpreadReading, absZ: number): Decimal {
    return toDecimal(Math.max(0, (absZ - o.exitZ) * reading.std)).times(amountA);
  }

  function opportunity(
    action: PairsAction,
    position: 'long' | 'short',
    legs: readonly OpportunityLeg[],
    reading: SpreadReading,
    tick: PairTick,
    gross: Decimal,
  ): PairsOpportunity {
    const markets: readonly Market[] = [marketA, marketB];
    let notional = toDecimal(0);
    let fees = toDecimal(0);
    legs.forEach((leg, i) => {
      const legNotional = leg.amount.times(leg.expectedPrice);
      notional = notional.plus(legNotional);
      fees = fees.plus(tradeFee(markets[i] ?? marketB, legNotional, 'taker'));
    });
    const net = gross.minus(fees);
    const recvTs = tick.recvTs ?? tick.ts;
    return {
      id: `${o.strategy}:${marketA.symbol}~${marketB.symbol}:${tick.ts}:${action}`,
      kind: 'statistical',
      strategy: o.strategy,
      legs: [...legs],
      expected: { currency: marketA.quote, gross, fees, net, netBps: net.div(notional).times(10_000).toNumber(), notional },
      sources: [
        { venue: marketA.venue, symbol: marketA.symbol, ts: tick.ts, recvTs },
        { venue: marketB.venue, symbol: marketB.symbol, ts: tick.ts, recvTs },
      ],
      detectedAt: o.clock.now(),
      signal: { action, position, zScore: reading.z, hedgeRatio: reading.beta, spread: reading.spread, spreadStd: reading.std },
    };
  }
}

/** A z-score reader over ticks; `undefined` while warming up or when the spread is degenerate. */
function spreadModel(
  hedge: 'rolling-ols' | 'kalman',
  lookback: number,
  kalman: z.output<typeof KalmanHedgeOptionsSchema>,
): (tick: PairTick) => SpreadReading | undefined {
  if (hedge === 'kalman') {
    const filter = new KalmanHedgeState(kalman);
    let seen = 0;
    return (tick) => {
      const k = filter.update({ x: tick.b, y: tick.a });
      seen++;
      if (seen < lookback) return undefined;
      return { z: k.zScore, beta: k.beta, spread: k.forecastError, std: k.forecastStd };
    };
  }
  const ols = new RollingOlsState(lookback);
  return (tick) => {
    const fit = ols.update({ x: tick.b, y: tick.a });
    if (fit === undefined || 1 - fit.rSquared <= PERFECT_FIT || fit.residualStd === 0) return undefined;
    const spread = tick.a - fit.alpha - fit.beta * tick.b;
    return { z: spread / fit.residualStd, beta: fit.beta, spread, std: fit.residualStd };
  };
}

function checkTick(tick: PairTick): void {
  for (const field of ['a', 'b', 'ts'] as const) {
    const value = tick[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || (field !== 'ts' && value <= 0)) {
      throw new ValidationError('pairsTrading tick', [
        { field, value, message: field === 'ts' ? 'must be a finite number' : 'must be a positive finite price' },
      ]);
    }
  }
}

function flip(side: Side): Side {
  return side === 'buy' ? 'sell' : 'buy';
}

/** P&L of opening legs closed at the closing legs' expected prices. */
function roundTripGross(opening: readonly OpportunityLeg[], closing: readonly OpportunityLeg[]): Decimal {
  let gross = toDecimal(0);
  opening.forEach((leg, i) => {
    const exit = closing[i];
    if (exit === undefined) return;
    const move = exit.expectedPrice.minus(leg.expectedPrice).times(leg.amount);
    gross = leg.side === 'buy' ? gross.plus(move) : gross.minus(move);
  });
  return gross;
}
