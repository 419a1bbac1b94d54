import { type Fill, type JournalEntry, parseJournalRecord, readJournal } from '@arbot/core';

/**
 * A fill that happened live, as the executor's journal records it: the
 * venue's fill and, when known, the opportunity it executed.
 *
 * @example
 * ```ts
 * const live: LiveFill[] = await readLiveFills('state/journal.ndjson');
 * ```
 */
export interface LiveFill {
  readonly fill: Fill;
  readonly opportunityId?: string | undefined;
}

/**
 * The fills of a journal's entries (its `fill` records, validated), in journal order.
 *
 * @example
 * ```ts
 * const live = liveFillsFromJournal(await readJournal('state/journal.ndjson'));
 * ```
 */
export function liveFillsFromJournal(entries: readonly JournalEntry[]): LiveFill[] {
  const out: LiveFill[] = [];
  for (const entry of entries) {
    if (entry.type !== 'fill') continue;
    const record = parseJournalRecord(entry);
    if (record.type === 'fill') out.push({ fill: record.data.fill, opportunityId: record.data.opportunityId });
  }
  return out;
}

/**
 * Reads and verifies an executor journal (hash chain included; a corrupt
 * journal throws `JournalCorruptError`) and returns its fills.
 *
 * @example
 * ```ts
 * const report = liveDivergence({ live: await readLiveFills('journal.ndjson'), backtest: result });
 * ```
 */
export async function readLiveFills(path: string): Promise<LiveFill[]> {
  return liveFillsFromJournal(await readJournal(path));
}
