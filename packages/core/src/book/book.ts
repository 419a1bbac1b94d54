import { Observable, type OperatorFunction } from 'rxjs';
import { z } from 'zod';
import type { OrderBookDelta, OrderBookEvent, OrderBookSnapshot } from '../model/book';
import { parseWith } from '../model/parse';
import type { BookIssue } from './book-issue';
import { OrderBook } from './order-book';
import type { OrderBookView } from './order-book-view';

/**
 * Options of the {@link book} operator, validated when the operator is created.
 *
 * @example
 * ```ts
 * BookOptionsSchema.parse({ depth: 20 }); // { depth: 20, bufferLimit: 1000 }
 * ```
 */
export const BookOptionsSchema = z.object({
  /** Levels per side in emitted views (default: all). */
  depth: z.number().int().positive().optional(),
  /** Deltas kept while waiting for a snapshot (default 1000); beyond it the oldest are dropped and reported. */
  bufferLimit: z.number().int().positive().default(1000),
  /** Called with every gap, crossed book and buffer overflow. */
  onIssue: z.custom<(issue: BookIssue) => void>((value) => typeof value === 'function', { message: 'must be a function' }).optional(),
});
/**
 * Options of the {@link book} operator: see {@link BookOptionsSchema}.
 *
 * @example
 * ```ts
 * const options: BookOptions = { depth: 20, bufferLimit: 5_000, onIssue: (issue) => console.warn(issue) };
 * ```
 */
export type BookOptions = z.input<typeof BookOptionsSchema>;

/**
 * Maintains the L2 book of ONE (venue, symbol) event stream and emits an
 * immutable view (the best `depth` levels when set) after each applied
 * snapshot or delta. Stale deltas are skipped. On a gap or a crossed book it
 * calls `onIssue` and emits nothing until the next snapshot.
 *
 * Deltas that arrive while there is no usable snapshot (at the start, or
 * after a gap/crossed book) are buffered, up to `bufferLimit`; when the
 * snapshot arrives, the buffered deltas it already contains are dropped and
 * the rest applied before one view is emitted (Binance's documented
 * procedure: buffer the diff stream, fetch a snapshot, drop `u <= lastUpdateId`,
 * apply the rest). A snapshot without `seq` cannot be ordered against the
 * buffer, so buffered deltas are discarded as already contained in it.
 * An event of another venue/symbol errors the stream with `BookIdentityError`;
 * a bad level errors it with `InvalidBookLevelError`.
 *
 * @example
 * ```ts
 * binanceBtcEvents$
 *   .pipe(book({ depth: 20, onIssue: (issue) => console.warn(issue.kind, issue.symbol) }))
 *   .subscribe((view) => console.log(view.bestBid, view.bestAsk));
 * ```
 */
export function book(options: BookOptions = {}): OperatorFunction<OrderBookEvent, OrderBookView> {
  const { depth, bufferLimit, onIssue } = parseWith(BookOptionsSchema, options, 'book() options');
  return (source) =>
    new Observable<OrderBookView>((subscriber) => {
      let orderBook: OrderBook | undefined;
      let pending: OrderBookDelta[] = [];
      let overflowReported = false;
      const report = (issue: BookIssue): void => onIssue?.(issue);

      const hold = (target: OrderBook, delta: OrderBookDelta): void => {
        pending.push(delta);
        if (pending.length <= bufferLimit) return;
        const dropped = pending.shift() as OrderBookDelta;
        if (overflowReported) return;
        overflowReported = true;
        report({ kind: 'buffer-overflow', venue: target.venue, symbol: target.symbol, limit: bufferLimit, droppedSeq: dropped.seq });
      };

      /** Applies a delta to a synced book; returns whether a view should be emitted. */
      const apply = (target: OrderBook, delta: OrderBookDelta): boolean => {
        const result = target.applyDelta(delta);
        switch (result.status) {
          case 'applied':
            return true;
          case 'stale':
            return false;
          case 'gap':
            report({
              kind: 'gap',
              venue: target.venue,
              symbol: target.symbol,
              rule: result.rule,
              expected: result.expected,
              received: result.received,
              seq: delta.seq,
            });
            // It may well follow the next snapshot.
            hold(target, delta);
            return false;
          case 'crossed':
            report({
              kind: 'crossed',
              venue: target.venue,
              symbol: target.symbol,
              event: 'delta',
              bestBid: result.bestBid,
              bestAsk: result.bestAsk,
              seq: delta.seq,
            });
            return false;
          case 'resync-required':
            hold(target, delta);
            return false;
        }
      };

      const onSnapshot = (target: OrderBook, snapshot: OrderBookSnapshot): void => {
        const result = target.applySnapshot(snapshot);
        if (result.status === 'crossed') {
          report({
            kind: 'crossed',
            venue: target.venue,
            symbol: target.symbol,
            event: 'snapshot',
            bestBid: result.bestBid,
            bestAsk: result.bestAsk,
            seq: snapshot.seq,
          });
          return;
        }
        const buffered = snapshot.seq === undefined ? [] : pending;
        pending = [];
        overflowReported = false;
        for (let i = 0; i < buffered.length; i++) {
          apply(target, buffered[i] as OrderBookDelta);
          if (target.state !== 'synced') {
            // A gap re-held its delta; what follows it may fit the next snapshot too.
            for (let j = i + 1; j < buffered.length; j++) hold(target, buffered[j] as OrderBookDelta);
            return;
          }
        }
        subscriber.next(target.view(depth));
      };

      return source.subscribe({
        next(event) {
          try {
            orderBook ??= new OrderBook({ venue: event.venue, symbol: event.symbol });
            if (event.type === 'snapshot') onSnapshot(orderBook, event);
            else if (orderBook.state !== 'synced') hold(orderBook, event);
            else if (apply(orderBook, event)) subscriber.next(orderBook.view(depth));
          } catch (err) {
            subscriber.error(err);
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
    });
}
