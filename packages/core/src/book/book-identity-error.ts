import { ArbotError } from '../errors/arbot-error';

/**
 * Thrown when an event for one (venue, symbol) is fed to the book of another:
 * a wiring bug upstream, never something to apply. Code `BOOK_IDENTITY_MISMATCH`;
 * `context` holds the book's and the event's venue and symbol.
 *
 * @example
 * ```ts
 * const book = new OrderBook({ venue: 'binance', symbol: 'BTC/USDT' });
 * book.applySnapshot({ ...snapshot, symbol: 'ETH/USDT' }); // throws BookIdentityError
 * ```
 */
export class BookIdentityError extends ArbotError {
  constructor(book: { readonly venue: string; readonly symbol: string }, event: { readonly venue: string; readonly symbol: string }) {
    super('BOOK_IDENTITY_MISMATCH', `Order book ${book.venue} ${book.symbol} cannot apply an event of ${event.venue} ${event.symbol}`, {
      bookVenue: book.venue,
      bookSymbol: book.symbol,
      eventVenue: event.venue,
      eventSymbol: event.symbol,
    });
  }
}
