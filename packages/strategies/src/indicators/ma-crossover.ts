import { parseWith } from '@arbot/core';
import { Observable, type OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { EmaState } from './ema';
import type { IndicatorState } from './indicator-state';
import { PeriodSchema } from './period-schema';
import { type Ohlc, PriceSourceSchema, priceOf } from './price-source';
import { SmaState } from './sma';

/**
 * Options of {@link maCrossover}.
 *
 * @example
 * ```ts
 * MaCrossoverOptionsSchema.parse({}); // { fast: 50, slow: 200, source: 'close', average: 'sma' }
 * ```
 */
export const MaCrossoverOptionsSchema = z
  .object({
    /** Fast average period (default 50). */
    fast: PeriodSchema.default(50),
    /** Slow average period (default 200); must exceed `fast`. */
    slow: PeriodSchema.default(200),
    /** Bar price the averages read (default `close`). */
    source: PriceSourceSchema.default('close'),
    /** Kind of moving average (default `sma`, the classic golden cross). */
    average: z.enum(['sma', 'ema']).default('sma'),
  })
  .refine((o) => o.fast < o.slow, { message: 'fast must be < slow', path: ['fast'] });
/** Options of {@link maCrossover}: see {@link MaCrossoverOptionsSchema}. */
export type MaCrossoverOptions = z.input<typeof MaCrossoverOptionsSchema>;

/** `golden`: the fast average crossed above the slow one; `death`: below. */
export type CrossKind = 'golden' | 'death';

/** A cross, with the averages on the bar where it happened. */
export interface Cross {
  readonly kind: CrossKind;
  readonly fast: number;
  readonly slow: number;
}

/** What {@link maCrossover} accepts: a bar with its open time; `closed: false` marks a still-forming bar. */
export interface CrossoverBar extends Ohlc {
  readonly ts: number;
  readonly closed?: boolean;
}

/** A cross on a bar stream: the {@link Cross}, the price read and the bar itself. */
export interface CrossoverSignal<B extends CrossoverBar = CrossoverBar> extends Cross {
  /** Open time of the bar on which the cross happened. */
  readonly ts: number;
  /** The source price of that bar. */
  readonly price: number;
  readonly bar: B;
}

/**
 * Detects moving-average crosses on a price series. A cross is a change of
 * the sign of fast − slow; bars where the averages are exactly equal keep
 * the previous sign, so touching without crossing is not a signal. The
 * first bar with both averages ready only sets the starting side: it is
 * never a signal.
 *
 * @example
 * ```ts
 * const c = new MaCrossoverState(2, 3, 'sma');
 * [3, 2, 1, 2, 4].map((x) => c.update(x)?.kind); // [undefined, undefined, undefined, undefined, 'golden']
 * ```
 */
export class MaCrossoverState implements IndicatorState<number, Cross> {
  private readonly fastMa: IndicatorState<number, number>;
  private readonly slowMa: IndicatorState<number, number>;
  private side = 0;

  constructor(
    readonly fast: number,
    readonly slow: number,
    readonly average: 'sma' | 'ema' = 'sma',
  ) {
    parseWith(MaCrossoverOptionsSchema, { fast, slow, average }, 'MaCrossoverState options');
    this.fastMa = average === 'sma' ? new SmaState(fast) : new EmaState(fast);
    this.slowMa = average === 'sma' ? new SmaState(slow) : new EmaState(slow);
  }

  /** `true` once both averages are available. */
  get ready(): boolean {
    return this.slowMa.ready;
  }

  update(x: number): Cross | undefined {
    const fast = this.fastMa.update(x);
    const slow = this.slowMa.update(x);
    if (fast === undefined || slow === undefined || fast === slow) return undefined;
    const side = fast > slow ? 1 : -1;
    const previous = this.side;
    this.side = side;
    if (previous === 0 || previous === side) return undefined;
    return { kind: side > 0 ? 'golden' : 'death', fast, slow };
  }

  reset(): void {
    this.fastMa.reset();
    this.slowMa.reset();
    this.side = 0;
  }
}

/**
 * Golden-cross / death-cross signals on a bar stream: emits only on the bar
 * where the fast average crosses the slow one (see {@link MaCrossoverState}).
 * Bars flagged `closed: false` (still forming) are ignored, so a live candle
 * stream signals once per closed bar.
 *
 * @example
 * ```ts
 * venue.candles$('BTC/USDT', '1h')
 *   .pipe(maCrossover({ fast: 50, slow: 200, source: 'close' }))
 *   .subscribe((s) => console.log(s.kind, new Date(s.ts).toISOString(), s.price));
 * ```
 */
export function maCrossover<B extends CrossoverBar>(options: MaCrossoverOptions = {}): OperatorFunction<B, CrossoverSignal<B>> {
  const { fast, slow, source, average } = parseWith(MaCrossoverOptionsSchema, options, 'maCrossover() options');
  return (bars) =>
    new Observable<CrossoverSignal<B>>((subscriber) => {
      const state = new MaCrossoverState(fast, slow, average);
      return bars.subscribe({
        next(bar) {
          if (bar.closed === false) return;
          let cross: Cross | undefined;
          let price: number;
          try {
            price = priceOf(bar, source, 'maCrossover');
            cross = state.update(price);
          } catch (err) {
            subscriber.error(err);
            return;
          }
          if (cross) subscriber.next({ ...cross, ts: bar.ts, price, bar });
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}
