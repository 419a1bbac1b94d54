import { z } from 'zod';
import { parseWith } from '../model/parse';
import { Id } from '../model/primitives';
import { type ApiCredentials, type KeyAccess, KeyAccessSchema, makeCredentials } from './api-credentials';
import { MissingCredentialsError } from './key-errors';

/**
 * An environment: variable name → value (what `process.env` is).
 *
 * @example
 * ```ts
 * const env: Environment = { ARBOT_BINANCE_API_KEY: 'k', ARBOT_BINANCE_SECRET: 's' };
 * ```
 */
export type Environment = Readonly<Record<string, string | undefined>>;

const Args = z.object({ venue: Id, access: KeyAccessSchema });

/**
 * The names of the environment variables that hold a venue's keys.
 * The venue id is upper-cased with every non-alphanumeric run turned into
 * `_`; read-only keys have a `READONLY_` infix:
 *
 * | access | variables |
 * |---|---|
 * | `trading` | `ARBOT_BINANCE_API_KEY`, `ARBOT_BINANCE_SECRET`, `ARBOT_BINANCE_PASSWORD` (optional) |
 * | `read-only` | `ARBOT_BINANCE_READONLY_API_KEY`, `ARBOT_BINANCE_READONLY_SECRET`, `ARBOT_BINANCE_READONLY_PASSWORD` (optional) |
 *
 * @example
 * ```ts
 * credentialVariables('binance-us', 'read-only').apiKey; // 'ARBOT_BINANCE_US_READONLY_API_KEY'
 * ```
 */
export function credentialVariables(venue: string, access: KeyAccess): { apiKey: string; secret: string; password: string } {
  const args = parseWith(Args, { venue, access }, 'credential variables');
  const slug = args.venue.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  const prefix = `ARBOT_${slug}_${args.access === 'read-only' ? 'READONLY_' : ''}`;
  return { apiKey: `${prefix}API_KEY`, secret: `${prefix}SECRET`, password: `${prefix}PASSWORD` };
}

/**
 * Reads a venue's keys from environment variables (names from
 * {@link credentialVariables}). Throws {@link MissingCredentialsError}
 * naming the variables, never their values, when the key or the secret is
 * missing. Read-only and trading keys are separate: asking for `read-only`
 * never falls back to the trading keys.
 *
 * @example
 * ```ts
 * const trading = credentialsFromEnv('binance', 'trading'); // ARBOT_BINANCE_API_KEY, ARBOT_BINANCE_SECRET
 * const monitor = credentialsFromEnv('binance', 'read-only', process.env);
 * ```
 */
export function credentialsFromEnv(venue: string, access: KeyAccess, env: Environment = process.env): ApiCredentials {
  const names = credentialVariables(venue, access);
  const apiKey = env[names.apiKey];
  const secret = env[names.secret];
  if (apiKey === undefined || apiKey === '' || secret === undefined || secret === '') {
    throw new MissingCredentialsError(venue, access, 'the environment', [names.apiKey, names.secret]);
  }
  return makeCredentials(venue, access, { apiKey, secret, password: env[names.password] });
}
