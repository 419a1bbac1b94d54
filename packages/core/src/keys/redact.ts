import { ArbotError } from '../errors/arbot-error';
import { REDACTED_TEXT, type Secret } from './secret';

/** Secrets shorter than this are not searched for: replacing 1–3 characters everywhere would garble text without protecting anything. */
const MIN_REDACTED_LENGTH = 4;

/**
 * Replaces every occurrence of any of the secrets' values in `text` with
 * `[REDACTED]`. Use it on text that may echo a secret back — an exchange's
 * error message, a request URL, a debug dump — before it is logged.
 *
 * @example
 * ```ts
 * redactSecrets(`401 for key ${creds.apiKey.reveal()}`, [creds.apiKey]); // '401 for key [REDACTED]'
 * ```
 */
export function redactSecrets(text: string, secrets: Iterable<Secret>): string {
  const values = [...secrets]
    .map((s) => s.reveal())
    .filter((v) => v.length >= MIN_REDACTED_LENGTH)
    // Longest first, so a secret containing another is replaced whole.
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const value of values) out = out.split(value).join(REDACTED_TEXT);
  return out;
}

/**
 * An error safe to log: same class name, `code` and `context` (with string
 * values redacted) when it is an `ArbotError`, the message and stack with
 * every secret replaced, and the cause redacted the same way.
 *
 * @example
 * ```ts
 * try { await exchange.fetchBalance(); } catch (err) {
 *   logger.error(redactError(err, [creds.apiKey, creds.secret]));
 * }
 * ```
 */
export function redactError(error: unknown, secrets: Iterable<Secret>): Error {
  const list = [...secrets];
  if (!(error instanceof Error)) return new Error(redactSecrets(String(error), list));
  const cause = error.cause === undefined ? undefined : { cause: redactError(error.cause, list) };
  let out: Error;
  if (error instanceof ArbotError) {
    const context = Object.fromEntries(
      Object.entries(error.context).map(([k, v]) => [k, typeof v === 'string' ? redactSecrets(v, list) : v]),
    );
    out = new ArbotError(error.code, redactSecrets(error.message, list), context, cause);
  } else {
    out = new Error(redactSecrets(error.message, list), cause);
  }
  out.name = error.name;
  if (error.stack !== undefined) out.stack = redactSecrets(error.stack, list);
  return out;
}
