/**
 * The incremental core of an indicator: O(1) work per input, shared by the
 * RxJS operator and the array form so both give identical values.
 *
 * Warm-up convention (all indicators): `update` returns `undefined` until
 * the indicator has enough inputs, exactly where TA-Lib's output begins (its
 * "lookback"); operators emit nothing for those inputs and array forms put
 * `NaN` there.
 *
 * @example
 * ```ts
 * const state: IndicatorState<number, number> = new SmaState(3);
 * [1, 2, 3, 4].map((x) => state.update(x)); // [undefined, undefined, 2, 3]
 * ```
 */
export interface IndicatorState<I, O> {
  /** Feeds one input; returns the value after it, or `undefined` while warming up. */
  update(input: I): O | undefined;
  /** `true` once `update` returns values. */
  readonly ready: boolean;
  /** Forgets every input, back to the freshly constructed state. */
  reset(): void;
}
