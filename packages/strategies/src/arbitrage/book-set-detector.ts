import type { BookSet, Opportunity } from '@arbot/core';
import { Observable, type OperatorFunction } from 'rxjs';
import type { z } from 'zod';
import { BalanceBook, type BalanceSourceSchema } from './balance-source';

/** The per-subscription state of a detector: fed every `BookSet`, it emits through the callback it was built with. */
export interface BookSetDetector {
  onBooks(set: BookSet): void;
}

/**
 * The operator shell both arbitrage detectors share: per subscription, open
 * the balance source, build a fresh detector, feed it every `BookSet`, and
 * turn a throw inside it (or a failing balance stream) into an error of the
 * output stream instead of a crash.
 */
export function bookSetDetector(
  balancesSource: z.output<typeof BalanceSourceSchema> | undefined,
  create: (balances: BalanceBook, emit: (op: Opportunity) => void) => BookSetDetector,
): OperatorFunction<BookSet, Opportunity> {
  return (source) =>
    new Observable<Opportunity>((subscriber) => {
      const { book: balances, subscription: balanceSubscription } = BalanceBook.open(balancesSource, (err) => subscriber.error(err));
      const detector = create(balances, (op) => subscriber.next(op));
      const inner = source.subscribe({
        next(set) {
          try {
            detector.onBooks(set);
          } catch (err) {
            subscriber.error(err);
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => {
        inner.unsubscribe();
        balanceSubscription?.unsubscribe();
      };
    });
}
