import { type OperatorFunction, scan } from 'rxjs';
import { BookSet } from './book-set';
import type { OrderBookView } from './order-book-view';

/**
 * Collects the views of many (venue, symbol) books, e.g. several `book()`
 * streams merged together, and emits after each one a {@link BookSet} with
 * the latest view of every book and `updated` set to the view that arrived.
 * Each subscription keeps its own state; emitted sets are never mutated.
 *
 * @example
 * ```ts
 * merge(binanceBtc$.pipe(book()), okxBtc$.pipe(book()))
 *   .pipe(books())
 *   .subscribe((set) => console.log(set.forSymbol('BTC/USDT').map((v) => `${v.venue} ${v.bestAsk}`)));
 * ```
 */
export function books(): OperatorFunction<OrderBookView, BookSet> {
  return scan<OrderBookView, BookSet, undefined>((set, view) => (set === undefined ? BookSet.of(view) : set.with(view)), undefined);
}
