import { readFile, writeFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, Journal, JournalCorruptError, readJournal, VirtualClock, verifyJournal } from '../../src/index';
import { tempJournalPath } from '../execution/helpers';

const opened: Journal[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((j) => j.close()));
});

async function journalWith(n: number, durability: 'fsync' | 'os-buffer' = 'fsync'): Promise<Journal> {
  const journal = await Journal.open(await tempJournalPath(), { clock: new VirtualClock(7), durability });
  opened.push(journal);
  await Promise.all(Array.from({ length: n }, (_, i) => journal.append({ type: 'resume', data: { reason: `r${i + 1}` } })));
  return journal;
}

const linesOf = async (path: string): Promise<string[]> => (await readFile(path, 'utf8')).split('\n').slice(0, -1);
const writeLines = (path: string, lines: readonly string[]): Promise<void> => writeFile(path, `${lines.join('\n')}\n`);

describe('Journal', () => {
  it('appends in call order, chains each line to the previous hash and verifies', async () => {
    const journal = await journalWith(5);
    const entries = await readJournal(journal.path);
    expect(entries.map((e) => [e.seq, e.ts, (e.data as { reason: string }).reason])).toEqual([
      [1, 7, 'r1'],
      [2, 7, 'r2'],
      [3, 7, 'r3'],
      [4, 7, 'r4'],
      [5, 7, 'r5'],
    ]);
    expect(entries[0]?.prev).toBe(GENESIS_HASH);
    for (let i = 1; i < entries.length; i++) expect(entries[i]?.prev).toBe(entries[i - 1]?.hash);
    expect(await verifyJournal(journal.path)).toEqual({ ok: true, lines: 5, head: journal.head });
  });

  it('continues the chain after reopening', async () => {
    const journal = await journalWith(2);
    await journal.close();
    const again = await Journal.open(journal.path);
    opened.push(again);
    await again.append({ type: 'halt', data: { reason: 'x', source: 'method' } });
    expect(again.length).toBe(3);
    expect(await verifyJournal(again.path)).toMatchObject({ ok: true, lines: 3 });
  });

  it('finds an edited line at that line', async () => {
    const journal = await journalWith(4);
    const lines = await linesOf(journal.path);
    lines[2] = (lines[2] ?? '').replace('"r3"', '"r9"');
    await writeLines(journal.path, lines);
    expect(await verifyJournal(journal.path)).toMatchObject({ ok: false, line: 3, defect: 'hash-mismatch', lines: 2 });
    await expect(readJournal(journal.path)).rejects.toBeInstanceOf(JournalCorruptError);
    await expect(Journal.open(journal.path)).rejects.toMatchObject({ code: 'JOURNAL_CORRUPT', context: { line: 3 } });
  });

  it('finds a removed line, a reordered pair, a truncated end and a torn tail', async () => {
    const journal = await journalWith(4);
    const original = await linesOf(journal.path);
    await writeLines(journal.path, [original[0], original[1], original[3]] as string[]);
    expect(await verifyJournal(journal.path)).toMatchObject({ ok: false, line: 3, defect: 'chain-broken' });
    await writeLines(journal.path, [original[0], original[2], original[1], original[3]] as string[]);
    expect(await verifyJournal(journal.path)).toMatchObject({ ok: false, line: 2, defect: 'chain-broken' });
    await writeLines(journal.path, original.slice(0, 3));
    expect(await verifyJournal(journal.path, { expectedHead: journal.head })).toMatchObject({
      ok: false,
      line: 4,
      defect: 'head-mismatch',
    });
    await writeFile(journal.path, `${original.join('\n')}\n${(original[3] ?? '').slice(0, 20)}`);
    expect(await verifyJournal(journal.path)).toMatchObject({ ok: false, line: 5, defect: 'torn-tail', lines: 4 });
    // A torn tail is a write that never completed: opening truncates it and continues the chain.
    const reopened = await Journal.open(journal.path);
    opened.push(reopened);
    await reopened.append({ type: 'resume', data: { reason: 'after crash' } });
    expect(await verifyJournal(journal.path)).toMatchObject({ ok: true, lines: 5 });
  });

  it('property: any single edit, removal or swap is reported at the first line it breaks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 8 }), fc.constantFrom('edit', 'remove', 'swap'), fc.nat(), async (n, mutation, seed) => {
        const journal = await journalWith(n, 'os-buffer');
        const lines = await linesOf(journal.path);
        const k = seed % (mutation === 'swap' ? n - 1 : n);
        let expected: number;
        if (mutation === 'edit') {
          lines[k] = (lines[k] ?? '').replace(`"r${k + 1}"`, '"tampered"');
          expected = k + 1;
        } else if (mutation === 'remove') {
          lines.splice(k, 1);
          expected = k + 1;
          if (k === n - 1) expected = n; // cutting the last line is only visible against the known head
        } else {
          [lines[k], lines[k + 1]] = [lines[k + 1] ?? '', lines[k] ?? ''];
          expected = k + 1;
        }
        await writeLines(journal.path, lines.length === 0 ? [] : lines);
        const v = await verifyJournal(journal.path, { expectedHead: journal.head });
        expect(v.ok).toBe(false);
        if (!v.ok) expect(v.line).toBe(expected);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses appends after close and rejects invalid options', async () => {
    const journal = await journalWith(1);
    await journal.close();
    await expect(journal.append({ type: 'resume', data: { reason: 'x' } })).rejects.toMatchObject({ code: 'JOURNAL_WRITE' });
    await expect(Journal.open(journal.path, { durability: 'maybe' as 'fsync' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
