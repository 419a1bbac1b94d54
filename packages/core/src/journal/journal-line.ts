import { createHash } from 'node:crypto';
import type { JournalDefect } from './journal-errors';

/**
 * `prev` of the first line: 64 zeros.
 *
 * @example
 * ```ts
 * (await readJournal(path))[0]?.prev === GENESIS_HASH; // true
 * ```
 */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One line of a journal as read back. `hash` is the SHA-256 (hex) of the
 * line's content without the `hash` field; `prev` is the `hash` of the line
 * before ({@link GENESIS_HASH} for the first), which chains the lines.
 *
 * @example
 * ```ts
 * const entry: JournalEntry = { seq: 1, ts: 0, type: 'halt', data: { reason: 'x', source: 'method' }, prev: GENESIS_HASH, hash };
 * ```
 */
export interface JournalEntry {
  /** 1-based position in the journal. */
  readonly seq: number;
  /** Clock time of the append, ms. */
  readonly ts: number;
  readonly type: string;
  readonly data: unknown;
  readonly prev: string;
  readonly hash: string;
}

const HASH_SUFFIX = /,"hash":"([0-9a-f]{64})"\}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** SHA-256 hex of a string. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Serializes an entry to one line (no newline): `{seq,ts,type,data,prev,hash}`, the hash over everything before it. */
export function encodeLine(seq: number, ts: number, type: string, data: unknown, prev: string): { line: string; hash: string } {
  const body = JSON.stringify({ seq, ts, type, data, prev });
  const hash = sha256Hex(body);
  return { line: `${body.slice(0, -1)},"hash":"${hash}"}`, hash };
}

/** Parses one line and checks its own hash; the chain is checked by the caller. */
export function decodeLine(line: string): JournalEntry | JournalDefect {
  const match = HASH_SUFFIX.exec(line);
  if (match === null) return 'malformed';
  const hash = match[1] ?? '';
  const body = `${line.slice(0, match.index)}}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return 'malformed';
  }
  if (typeof parsed !== 'object' || parsed === null) return 'malformed';
  const { seq, ts, type, data, prev } = parsed as Record<string, unknown>;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || typeof ts !== 'number' || typeof type !== 'string') return 'malformed';
  if (typeof prev !== 'string' || !HEX64.test(prev)) return 'malformed';
  if (sha256Hex(body) !== hash) return 'hash-mismatch';
  return { seq, ts, type, data, prev, hash };
}
