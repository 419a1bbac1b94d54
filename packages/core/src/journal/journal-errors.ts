import { ArbotError } from '../errors/arbot-error';

/**
 * Why a journal line failed verification:
 * - `malformed`: not a journal line (bad JSON, missing fields, no hash);
 * - `hash-mismatch`: the line's content does not match its own hash (edited);
 * - `chain-broken`: its `prev` is not the hash of the line before (a line was
 *   removed, inserted or moved);
 * - `sequence`: its `seq` is not the previous one plus 1;
 * - `torn-tail`: the last line has no newline (a write interrupted by a crash);
 * - `head-mismatch`: the chain is intact but does not end at the expected head
 *   (lines were cut off the end).
 *
 * @example
 * ```ts
 * const reason: JournalDefect = 'chain-broken';
 * ```
 */
export type JournalDefect = 'malformed' | 'hash-mismatch' | 'chain-broken' | 'sequence' | 'torn-tail' | 'head-mismatch';

/**
 * A journal failed verification. `context.line` is the first bad line
 * (1-based) and `context.defect` says what was wrong. Code `JOURNAL_CORRUPT`.
 *
 * @example
 * ```ts
 * try {
 *   await readJournal('run.ndjson');
 * } catch (err) {
 *   if (err instanceof JournalCorruptError) console.error(`line ${err.context.line}: ${err.context.defect}`);
 * }
 * ```
 */
export class JournalCorruptError extends ArbotError {
  constructor(path: string, line: number, defect: JournalDefect) {
    super('JOURNAL_CORRUPT', `Journal ${path} is corrupt at line ${line}: ${defect}`, { path, line, defect });
  }
}

/**
 * An append could not be made durable (the write or fsync failed) or the
 * journal was already closed or failed. After a write failure the journal
 * refuses every further append: what is on disk may no longer match the
 * chain in memory. Code `JOURNAL_WRITE`.
 *
 * @example
 * ```ts
 * try {
 *   await journal.append({ type: 'halt', data: { reason: 'shutdown', source: 'method' } });
 * } catch (err) {
 *   if (err instanceof JournalWriteError) stopTrading();
 * }
 * ```
 */
export class JournalWriteError extends ArbotError {
  constructor(path: string, problem: string, cause?: unknown) {
    super('JOURNAL_WRITE', `Journal ${path}: ${problem}`, { path, problem }, cause === undefined ? undefined : { cause });
  }
}

/**
 * A venue sent no balances snapshot in time, so a baseline could not be
 * recorded. Code `BALANCES_UNAVAILABLE`.
 *
 * @example
 * ```ts
 * try {
 *   await recordBalances(journal, [venue], { clock });
 * } catch (err) {
 *   if (err instanceof BalancesUnavailableError) console.error(err.context.venue);
 * }
 * ```
 */
export class BalancesUnavailableError extends ArbotError {
  constructor(venue: string, timeoutMs: number) {
    super('BALANCES_UNAVAILABLE', `No balances from ${venue} within ${timeoutMs} ms`, { venue, timeoutMs });
  }
}
