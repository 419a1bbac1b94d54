/** Candle resampling for the examples: 1m candles in, candles of a longer timeframe out. */
import { type Candle, type Timeframe, timeframeMs } from '@arbot/core';
import { Observable, type OperatorFunction } from 'rxjs';

/**
 * Aggregates closed candles into `timeframe` candles aligned on UTC
 * multiples of the timeframe: open of the first, highest high, lowest low,
 * close of the last, summed volume. A bar is emitted when a candle of the
 * next bar arrives (or the source completes), with `recvTs` = its end, so a
 * replay never shows it before it closed. Missing minutes just leave a
 * shorter bar.
 */
export function resampleCandles(timeframe: Timeframe): OperatorFunction<Candle, Candle> {
  const span = timeframeMs(timeframe);
  return (source) =>
    new Observable<Candle>((subscriber) => {
      let bar: Candle | undefined;
      return source.subscribe({
        next(candle) {
          const start = Math.floor(candle.ts / span) * span;
          if (bar !== undefined && bar.ts !== start) {
            subscriber.next(bar);
            bar = undefined;
          }
          bar =
            bar === undefined
              ? { ...candle, timeframe, ts: start, recvTs: start + span, closed: true }
              : {
                  ...bar,
                  high: Math.max(bar.high, candle.high),
                  low: Math.min(bar.low, candle.low),
                  close: candle.close,
                  volume: bar.volume + candle.volume,
                };
        },
        error: (err: unknown) => subscriber.error(err),
        complete() {
          if (bar !== undefined) subscriber.next(bar);
          subscriber.complete();
        },
      });
    });
}
