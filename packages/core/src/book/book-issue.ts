import type { SequenceRule } from './apply-result';

/**
 * A problem the {@link book} operator found in its event stream. The operator
 * stops emitting until the next snapshot after a `gap` or `crossed` issue;
 * the usual reaction is to fetch a fresh snapshot.
 * - `gap`: a delta did not follow the book's sequence (see {@link SequenceRule} for `expected`/`received`);
 *   `seq` is the delta's own id;
 * - `crossed`: after a snapshot or delta, best bid ≥ best ask; `seq` is the offending event's id;
 * - `buffer-overflow`: more than `limit` deltas arrived while waiting for a snapshot; the oldest,
 *   with id `droppedSeq`, was dropped (reported once per wait).
 *
 * @example
 * ```ts
 * events$.pipe(book({ onIssue: (issue) => { if (issue.kind !== 'buffer-overflow') resnapshot(issue.symbol); } }));
 * ```
 */
export type BookIssue =
  | {
      readonly kind: 'gap';
      readonly venue: string;
      readonly symbol: string;
      readonly rule: SequenceRule;
      readonly expected: number;
      readonly received: number;
      readonly seq: number;
    }
  | {
      readonly kind: 'crossed';
      readonly venue: string;
      readonly symbol: string;
      readonly event: 'snapshot' | 'delta';
      readonly bestBid: number;
      readonly bestAsk: number;
      readonly seq: number | undefined;
    }
  | {
      readonly kind: 'buffer-overflow';
      readonly venue: string;
      readonly symbol: string;
      readonly limit: number;
      readonly droppedSeq: number;
    };
