import { Observable, type OperatorFunction } from 'rxjs';
import type { IndicatorState } from './indicator-state';

/**
 * Turns an indicator state into an RxJS operator. Each subscription gets its
 * own state from `createState`, so one operator instance can be reused on
 * many streams. Inputs during warm-up produce no emission; an input the state
 * rejects (it throws) errors the stream.
 *
 * @example
 * ```ts
 * const sma3 = indicatorOperator(() => new SmaState(3));
 * of(1, 2, 3, 4).pipe(sma3).subscribe(console.log); // 2, 3
 * ```
 */
export function indicatorOperator<I, O>(createState: () => IndicatorState<I, O>): OperatorFunction<I, O> {
  return (source) =>
    new Observable<O>((subscriber) => {
      const state = createState();
      return source.subscribe({
        next(input) {
          let output: O | undefined;
          try {
            output = state.update(input);
          } catch (err) {
            subscriber.error(err);
            return;
          }
          if (output !== undefined) subscriber.next(output);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}

/**
 * Runs an indicator state over an array: one output per input, with
 * `warmup` (e.g. `NaN`) where the state is not ready yet, so outputs stay
 * aligned with inputs.
 *
 * @example
 * ```ts
 * indicatorSeries([1, 2, 3, 4], new SmaState(3), Number.NaN); // [NaN, NaN, 2, 3]
 * ```
 */
export function indicatorSeries<I, O>(inputs: readonly I[], state: IndicatorState<I, O>, warmup: O): O[] {
  const out = new Array<O>(inputs.length);
  for (let i = 0; i < inputs.length; i++) {
    out[i] = state.update(inputs[i] as I) ?? warmup;
  }
  return out;
}
