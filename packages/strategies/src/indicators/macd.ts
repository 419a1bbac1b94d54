import { parseWith } from '@arbot/core';
import type { OperatorFunction } from 'rxjs';
import { z } from 'zod';
import { EmaState } from './ema';
import { indicatorOperator, indicatorSeries } from './indicator-operator';
import type { IndicatorState } from './indicator-state';
import { NeumaierSum } from './neumaier-sum';
import { PeriodSchema } from './period-schema';
import { finiteInput, type PriceInput, PriceSourceSchema } from './price-source';
import { pricedState } from './priced-state';
import { RingBuffer } from './ring-buffer';

/**
 * Options of {@link macd}.
 *
 * @example
 * ```ts
 * MacdOptionsSchema.parse({}); // { fast: 12, slow: 26, signal: 9, source: 'close' }
 * ```
 */
export const MacdOptionsSchema = z
  .object({
    /** Fast EMA period (default 12). */
    fast: PeriodSchema.default(12),
    /** Slow EMA period (default 26); must exceed `fast`. */
    slow: PeriodSchema.default(26),
    /** Signal EMA period (default 9). */
    signal: PeriodSchema.default(9),
    /** Price read from bars (default `close`). */
    source: PriceSourceSchema.default('close'),
  })
  .refine((o) => o.fast < o.slow, { message: 'fast must be < slow', path: ['fast'] });
/** Options of {@link macd}: see {@link MacdOptionsSchema}. */
export type MacdOptions = z.input<typeof MacdOptionsSchema>;

/** One MACD output. */
export interface MacdValue {
  /** Fast EMA − slow EMA. */
  readonly macd: number;
  /** EMA of `macd` over the signal period. */
  readonly signal: number;
  /** `macd − signal`. */
  readonly histogram: number;
}

const WARMUP: MacdValue = Object.freeze({ macd: Number.NaN, signal: Number.NaN, histogram: Number.NaN });

/**
 * MACD with TA-Lib's seeding. Both EMAs start at input `slow`: the slow one
 * from the SMA of the first `slow` inputs, the fast one from the SMA of the
 * last `fast` of those (TA-Lib aligns the fast EMA on the slow one rather
 * than starting it earlier). The signal line is an EMA of the MACD line,
 * itself seeded with the SMA of its first `signal` values, so the first
 * output comes at input `slow + signal − 1` (34 for 12/26/9), where TA-Lib's
 * output begins.
 *
 * @example
 * ```ts
 * const m = new MacdState(12, 26, 9);
 * const out = closes.map((x) => m.update(x)); // undefined for the first 33, then { macd, signal, histogram }
 * ```
 */
export class MacdState implements IndicatorState<number, MacdValue> {
  private readonly fastEma: EmaState;
  private readonly slowEma: EmaState;
  private readonly signalEma: EmaState;
  private readonly head: RingBuffer;
  private readonly slowSeed = new NeumaierSum();
  private count = 0;
  private isReady = false;

  constructor(
    readonly fast: number,
    readonly slow: number,
    readonly signal: number,
  ) {
    parseWith(MacdOptionsSchema, { fast, slow, signal }, 'MacdState periods');
    this.fastEma = new EmaState(fast);
    this.slowEma = new EmaState(slow);
    this.signalEma = new EmaState(signal);
    this.head = new RingBuffer(fast);
  }

  get ready(): boolean {
    return this.isReady;
  }

  update(x: number): MacdValue | undefined {
    finiteInput(x, 'macd', 'value');
    let fastValue: number;
    let slowValue: number;
    if (this.count < this.slow) {
      this.count++;
      this.slowSeed.add(x);
      this.head.push(x);
      if (this.count < this.slow) return undefined;
      const fastSeed = new NeumaierSum();
      for (let i = 0; i < this.fast; i++) fastSeed.add(this.head.at(i));
      fastValue = fastSeed.value / this.fast;
      slowValue = this.slowSeed.value / this.slow;
      this.fastEma.seedWith(fastValue);
      this.slowEma.seedWith(slowValue);
    } else {
      fastValue = this.fastEma.update(x) as number;
      slowValue = this.slowEma.update(x) as number;
    }
    const line = fastValue - slowValue;
    const signal = this.signalEma.update(line);
    if (signal === undefined) return undefined;
    this.isReady = true;
    return { macd: line, signal, histogram: line - signal };
  }

  reset(): void {
    this.fastEma.reset();
    this.slowEma.reset();
    this.signalEma.reset();
    this.head.clear();
    this.slowSeed.reset();
    this.count = 0;
    this.isReady = false;
  }
}

/**
 * MACD (see {@link MacdState}) as an RxJS operator, or over an array (same
 * length, all-`NaN` objects during warm-up).
 *
 * @example
 * ```ts
 * closes$.pipe(macd()).subscribe(({ histogram }) => console.log(histogram > 0 ? 'bullish' : 'bearish'));
 * macd(closes, { fast: 12, slow: 26, signal: 9 })[33]; // first value, as TA-Lib
 * ```
 */
export function macd(options?: MacdOptions): OperatorFunction<PriceInput, MacdValue>;
/**
 * Array form of {@link macd}: one output per input, aligned with the inputs
 * (warm-up entries are `NaN`).
 *
 * @example
 * ```ts
 * macd(closes)[33]; // { macd, signal, histogram }: the first value, as TA-Lib
 * ```
 */
export function macd(values: readonly PriceInput[], options?: MacdOptions): MacdValue[];
export function macd(
  first?: MacdOptions | readonly PriceInput[],
  second?: MacdOptions,
): OperatorFunction<PriceInput, MacdValue> | MacdValue[] {
  const isSeries = Array.isArray(first);
  const o = parseWith(MacdOptionsSchema, (isSeries ? second : first) ?? {}, 'macd() options');
  const create = () => pricedState(new MacdState(o.fast, o.slow, o.signal), o.source, 'macd');
  return isSeries ? indicatorSeries(first as readonly PriceInput[], create(), WARMUP) : indicatorOperator(create);
}
