import { ValidationError } from '@arbot/core';
import { z } from 'zod';

/**
 * The four prices of a bar. Any core `Candle` is one; indicators need no
 * more than this, so plain objects work too.
 */
export interface Ohlc {
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
}

/** What price indicators accept: a bare number, or a bar read through a {@link PriceSource}. */
export type PriceInput = number | Ohlc;

/**
 * Which price of a bar an indicator reads: one of the four, or TA-Lib's
 * composite prices `hl2` = (high+low)/2 (MEDPRICE), `hlc3` = (high+low+close)/3
 * (TYPPRICE) and `ohlc4` = (open+high+low+close)/4 (AVGPRICE). Bare numbers
 * are used as they are, whatever the source.
 *
 * @example
 * ```ts
 * PriceSourceSchema.parse('hlc3'); // 'hlc3'
 * ```
 */
export const PriceSourceSchema = z.enum(['open', 'high', 'low', 'close', 'hl2', 'hlc3', 'ohlc4']);
/** A bar price selector: see {@link PriceSourceSchema}. */
export type PriceSource = z.infer<typeof PriceSourceSchema>;

/**
 * Reads the selected price of an input and checks that it is a finite number
 * (a NaN would otherwise poison an indicator's state forever). Throws a
 * `ValidationError` naming the indicator, the field and the value.
 *
 * @example
 * ```ts
 * priceOf({ open: 1, high: 4, low: 0.5, close: 2 }, 'hl2', 'sma'); // 2.25
 * priceOf(101.5, 'close', 'sma'); // 101.5
 * ```
 */
export function priceOf(input: PriceInput, source: PriceSource, indicator: string): number {
  const value = typeof input === 'number' ? input : readBar(input, source);
  if (!Number.isFinite(value)) throw invalidInput(indicator, typeof input === 'number' ? 'value' : source, value);
  return value;
}

function readBar(bar: Ohlc, source: PriceSource): number {
  switch (source) {
    case 'open':
      return bar.open;
    case 'high':
      return bar.high;
    case 'low':
      return bar.low;
    case 'close':
      return bar.close;
    case 'hl2':
      return (bar.high + bar.low) / 2;
    case 'hlc3':
      return (bar.high + bar.low + bar.close) / 3;
    case 'ohlc4':
      return (bar.open + bar.high + bar.low + bar.close) / 4;
  }
}

/**
 * Checks that a streamed number is finite; returns it, or throws a
 * `ValidationError` naming the indicator, the field and the value.
 *
 * @example
 * ```ts
 * finiteInput(3, 'rollingOLS', 'x'); // 3
 * finiteInput(Number.NaN, 'rollingOLS', 'x'); // throws ValidationError 'Invalid rollingOLS input: x = NaN: ...'
 * ```
 */
export function finiteInput(value: number, indicator: string, field: string): number {
  if (!Number.isFinite(value)) throw invalidInput(indicator, field, value);
  return value;
}

function invalidInput(indicator: string, field: string, value: unknown): ValidationError {
  return new ValidationError(`${indicator} input`, [{ field, value, message: 'must be a finite number' }]);
}
