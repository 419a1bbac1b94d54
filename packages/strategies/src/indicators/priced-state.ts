import type { IndicatorState } from './indicator-state';
import { type PriceInput, type PriceSource, priceOf } from './price-source';

/**
 * Adapts a state over numbers to numbers-or-bars: bars are read through
 * `source`, and every input is checked to be finite.
 *
 * @example
 * ```ts
 * const s = pricedState(new SmaState(2), 'hl2', 'sma');
 * s.update({ open: 1, high: 3, low: 1, close: 2 }); // undefined (warming up)
 * ```
 */
export function pricedState<O>(state: IndicatorState<number, O>, source: PriceSource, indicator: string): IndicatorState<PriceInput, O> {
  return {
    update: (input: PriceInput) => state.update(priceOf(input, source, indicator)),
    get ready() {
      return state.ready;
    },
    reset: () => state.reset(),
  };
}
