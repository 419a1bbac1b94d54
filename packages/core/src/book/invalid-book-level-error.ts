import { ArbotError } from '../errors/arbot-error';
import { formatValue } from '../errors/validation-error';

/**
 * Which side of a book a level belongs to.
 *
 * @example
 * ```ts
 * const side: BookSideName = err.context.side as BookSideName; // 'bid' | 'ask'
 * ```
 */
export type BookSideName = 'bid' | 'ask';

/**
 * Thrown when a snapshot or delta carries a level whose price is not a finite
 * number > 0 or whose amount is not a finite number ≥ 0. The book is left
 * unchanged: levels are checked before any of them is applied.
 * Code `INVALID_BOOK_LEVEL`; `context` holds venue, symbol, the event type,
 * side, index in the event's level list, the offending field and value.
 *
 * @example
 * ```ts
 * try {
 *   book.applyDelta({ ...delta, bids: [[Number.NaN, 1]] });
 * } catch (err) {
 *   if (err instanceof InvalidBookLevelError) console.log(err.context.field); // 'price'
 * }
 * ```
 */
export class InvalidBookLevelError extends ArbotError {
  constructor(details: {
    readonly venue: string;
    readonly symbol: string;
    readonly event: 'snapshot' | 'delta';
    readonly side: BookSideName;
    readonly index: number;
    readonly field: 'price' | 'amount';
    readonly value: unknown;
  }) {
    const rule = details.field === 'price' ? 'must be a finite number > 0' : 'must be a finite number >= 0';
    super(
      'INVALID_BOOK_LEVEL',
      `Invalid ${details.side} level #${details.index} in ${details.venue} ${details.symbol} ${details.event}: ` +
        `${details.field} = ${formatValue(details.value)}: ${rule}`,
      { ...details },
    );
  }
}
