import { readFile } from 'node:fs/promises';
import { JournalCorruptError, type JournalDefect } from './journal-errors';
import { decodeLine, GENESIS_HASH, type JournalEntry } from './journal-line';

/**
 * Outcome of {@link verifyJournal}. `lines` counts the valid lines before
 * the first defect; `head` is the hash of the last valid line
 * ({@link GENESIS_HASH} for an empty journal).
 *
 * @example
 * ```ts
 * const v: JournalVerification = await verifyJournal(path);
 * if (!v.ok) console.error(`first bad line: ${v.line} (${v.defect})`);
 * ```
 */
export type JournalVerification =
  | { readonly ok: true; readonly lines: number; readonly head: string }
  | { readonly ok: false; readonly lines: number; readonly head: string; readonly line: number; readonly defect: JournalDefect };

/**
 * Options of {@link verifyJournal} and {@link readJournal}.
 *
 * @example
 * ```ts
 * await verifyJournal(path, { expectedHead: journal.head }); // also detects lines cut off the end
 * ```
 */
export interface VerifyJournalOptions {
  /**
   * The hash the journal must end at (e.g. `Journal.head` saved elsewhere).
   * A chain cannot show that lines were cut off its end; this can.
   */
  readonly expectedHead?: string;
}

/** Parsed journal text: entries up to the first defect, and the defect if any. */
export interface ScannedJournal {
  readonly entries: JournalEntry[];
  readonly defect?: { readonly line: number; readonly defect: JournalDefect };
  /** Byte length of the valid prefix (every valid line with its newline). */
  readonly validBytes: number;
}

/** Walks journal text line by line, checking each line's hash, `seq` and link to the line before. */
export function scanJournal(text: string): ScannedJournal {
  const entries: JournalEntry[] = [];
  let prev = GENESIS_HASH;
  let offset = 0;
  let validBytes = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    const lineNo = entries.length + 1;
    if (end < 0) return { entries, validBytes, defect: { line: lineNo, defect: 'torn-tail' } };
    const decoded = decodeLine(text.slice(offset, end));
    if (typeof decoded === 'string') return { entries, validBytes, defect: { line: lineNo, defect: decoded } };
    if (decoded.prev !== prev) return { entries, validBytes, defect: { line: lineNo, defect: 'chain-broken' } };
    if (decoded.seq !== lineNo) return { entries, validBytes, defect: { line: lineNo, defect: 'sequence' } };
    entries.push(decoded);
    prev = decoded.hash;
    validBytes += Buffer.byteLength(text.slice(offset, end + 1), 'utf8');
    offset = end + 1;
  }
  return { entries, validBytes };
}

/**
 * Checks a journal file: every line's own hash, its link to the line before
 * and its sequence number, and optionally the final hash. Any edited,
 * removed, inserted or reordered line is found; the result names the first
 * bad line (1-based). A missing file is an empty journal.
 *
 * @example
 * ```ts
 * const v = await verifyJournal('journal.ndjson');
 * if (!v.ok) throw new Error(`journal tampered at line ${v.line}: ${v.defect}`);
 * ```
 */
export async function verifyJournal(path: string, options: VerifyJournalOptions = {}): Promise<JournalVerification> {
  const scanned = scanJournal(await readText(path));
  const head = scanned.entries.at(-1)?.hash ?? GENESIS_HASH;
  const lines = scanned.entries.length;
  if (scanned.defect !== undefined) return { ok: false, lines, head, ...scanned.defect };
  if (options.expectedHead !== undefined && options.expectedHead !== head) {
    return { ok: false, lines, head, line: lines + 1, defect: 'head-mismatch' };
  }
  return { ok: true, lines, head };
}

/**
 * Reads and verifies a whole journal; throws {@link JournalCorruptError} at
 * the first bad line. A missing file is an empty journal.
 *
 * @example
 * ```ts
 * const entries = await readJournal('journal.ndjson');
 * const records = entries.map(parseJournalRecord);
 * ```
 */
export async function readJournal(path: string, options: VerifyJournalOptions = {}): Promise<JournalEntry[]> {
  const scanned = scanJournal(await readText(path));
  if (scanned.defect !== undefined) throw new JournalCorruptError(path, scanned.defect.line, scanned.defect.defect);
  const head = scanned.entries.at(-1)?.hash ?? GENESIS_HASH;
  if (options.expectedHead !== undefined && options.expectedHead !== head) {
    throw new JournalCorruptError(path, scanned.entries.length + 1, 'head-mismatch');
  }
  return scanned.entries;
}

/** The file's text, or `''` when it does not exist. */
export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}
