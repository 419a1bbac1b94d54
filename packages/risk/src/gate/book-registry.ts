import type { OrderBookView } from '@arbot/core';

/** The latest order book view per venue and symbol, as the gate's `books$` delivers them. */
export class BookRegistry {
  readonly #byVenue = new Map<string, Map<string, OrderBookView>>();

  set(view: OrderBookView): void {
    let symbols = this.#byVenue.get(view.venue);
    if (symbols === undefined) {
      symbols = new Map();
      this.#byVenue.set(view.venue, symbols);
    }
    symbols.set(view.symbol, view);
  }

  get(venue: string, symbol: string): OrderBookView | undefined {
    return this.#byVenue.get(venue)?.get(symbol);
  }
}
