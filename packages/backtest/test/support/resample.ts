import { type Candle, type Timeframe, timeframeMs } from '@arbot/core';
import { Observable, type OperatorFunction } from 'rxjs';

/**
 * Aggregates closed candles into candles of a longer timeframe, aligned on
 * multiples of it (UTC): first open, highest high, lowest low, last close,
 * summed volume; `recvTs` is the end of the bucket. A bucket is emitted when
 * a candle of a later bucket arrives, and the last one when the source completes.
 */
export function resample(timeframe: Timeframe): OperatorFunction<Candle, Candle> {
  const span = timeframeMs(timeframe);
  return (source) =>
    new Observable<Candle>((subscriber) => {
      let bucket: Candle | undefined;
      return source.subscribe({
        next(c) {
          const start = Math.floor(c.ts / span) * span;
          if (bucket !== undefined && bucket.ts !== start) {
            subscriber.next(bucket);
            bucket = undefined;
          }
          bucket =
            bucket === undefined
              ? { ...c, timeframe, ts: start, recvTs: start + span }
              : {
                  ...bucket,
                  high: Math.max(bucket.high, c.high),
                  low: Math.min(bucket.low, c.low),
                  close: c.close,
                  volume: bucket.volume + c.volume,
                };
        },
        error: (e: unknown) => subscriber.error(e),
        complete() {
          if (bucket !== undefined) subscriber.next(bucket);
          subscriber.complete();
        },
      });
    });
}
