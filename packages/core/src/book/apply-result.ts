/**
 * Which sequencing rule a delta was checked with:
 * - `prevSeq`: the delta names the `seq` the book must be at (OKX `prevSeqId`, Binance futures `pu`);
 * - `firstSeq`: the delta carries its first update id (Binance spot `U`);
 * - `seq`: only the delta's own id, which must follow the book's by exactly one.
 *
 * @example
 * ```ts
 * const result = book.applyDelta(delta);
 * if (result.status === 'gap' && result.rule === 'firstSeq') console.warn('Binance diff stream skipped updates');
 * ```
 */
export type SequenceRule = 'prevSeq' | 'firstSeq' | 'seq';

/**
 * Where a book stands:
 * - `awaiting-snapshot`: new or cleared, deltas are refused until a snapshot arrives;
 * - `synced`: deltas apply in sequence;
 * - `resync-required`: a gap or a crossed book was reported, deltas are refused until the next snapshot.
 *
 * @example
 * ```ts
 * if (book.state !== 'synced') book.applySnapshot(await fetchSnapshot());
 * ```
 */
export type OrderBookState = 'awaiting-snapshot' | 'synced' | 'resync-required';

/**
 * Outcome of {@link OrderBook.applyDelta}:
 * - `applied`: the levels were applied and the book is consistent;
 * - `stale`: `seq <= book.seq`, the delta is already contained in the book and was ignored (not an error);
 * - `gap`: the delta does not follow the book's sequence; it was NOT applied and the book now requires a resync.
 *   `expected`/`received` depend on `rule`: for `prevSeq` the book's seq vs the delta's `prevSeq`; for
 *   `firstSeq` the next id the book needs (`book.seq + 1`) vs the delta's `firstSeq`; for `seq` `book.seq + 1` vs `seq`;
 * - `crossed`: after applying, best bid ≥ best ask (crossed or locked); the book keeps the offending levels for
 *   inspection but requires a resync;
 * - `resync-required`: the book is awaiting a snapshot (new, cleared, or after a gap/crossed) and refused the delta.
 *
 * @example
 * ```ts
 * const result = book.applyDelta(delta);
 * if (result.status === 'gap') console.warn(`missed updates ${result.expected}..${result.received - 1}`);
 * ```
 */
export type DeltaResult =
  | { readonly status: 'applied' }
  | { readonly status: 'stale' }
  | { readonly status: 'gap'; readonly rule: SequenceRule; readonly expected: number; readonly received: number }
  | { readonly status: 'crossed'; readonly bestBid: number; readonly bestAsk: number }
  | { readonly status: 'resync-required' };

/**
 * Outcome of {@link OrderBook.applySnapshot}: `applied`, or `crossed` when the
 * snapshot itself has best bid ≥ best ask (the book then requires another snapshot).
 *
 * @example
 * ```ts
 * if (book.applySnapshot(snapshot).status === 'crossed') refetchSnapshot();
 * ```
 */
export type SnapshotResult =
  | { readonly status: 'applied' }
  | { readonly status: 'crossed'; readonly bestBid: number; readonly bestAsk: number };
