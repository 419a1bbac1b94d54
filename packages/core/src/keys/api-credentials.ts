import { z } from 'zod';
import { Secret } from './secret';

/**
 * What a key may do: `read-only` keys can read balances and orders,
 * `trading` keys can also place and cancel. Keeping them apart lets
 * monitoring and reconciliation run with keys that cannot trade.
 *
 * @example
 * ```ts
 * KeyAccessSchema.parse('read-only'); // 'read-only'
 * ```
 */
export const KeyAccessSchema = z.enum(['read-only', 'trading']);
/**
 * `'read-only' | 'trading'`: see {@link KeyAccessSchema}.
 *
 * @example
 * ```ts
 * const access: KeyAccess = 'trading';
 * ```
 */
export type KeyAccess = z.infer<typeof KeyAccessSchema>;

/**
 * One venue's API credentials. Every secret part is a {@link Secret}, so
 * logging the object prints `[REDACTED]` in their place.
 *
 * @example
 * ```ts
 * const creds: ApiCredentials = { venue: 'okx', access: 'trading',
 *   apiKey: new Secret(k), secret: new Secret(s), password: new Secret(p) };
 * console.log(creds); // apiKey: Secret([REDACTED]), …
 * ```
 */
export interface ApiCredentials {
  readonly venue: string;
  readonly access: KeyAccess;
  readonly apiKey: Secret;
  readonly secret: Secret;
  /** Some venues (OKX, KuCoin, Bitget) also need an API passphrase. */
  readonly password?: Secret;
}

/**
 * The plain-string form of credentials that ccxt's exchange constructor
 * takes. It is the one place secrets are revealed: pass it straight to the
 * exchange and do not keep or log it.
 *
 * @example
 * ```ts
 * const exchange = new ccxt.binance({ ...exchangeCredentials(creds) });
 * ```
 */
export function exchangeCredentials(credentials: ApiCredentials): { apiKey: string; secret: string; password?: string } {
  const out: { apiKey: string; secret: string; password?: string } = {
    apiKey: credentials.apiKey.reveal(),
    secret: credentials.secret.reveal(),
  };
  if (credentials.password !== undefined) out.password = credentials.password.reveal();
  return out;
}

/**
 * Builds credentials from plain strings, wrapping each secret part in a
 * {@link Secret} (an empty password counts as none).
 *
 * @example
 * ```ts
 * const creds = makeCredentials('binance', 'read-only', { apiKey: k, secret: s });
 * ```
 */
export function makeCredentials(
  venue: string,
  access: KeyAccess,
  parts: { apiKey: string; secret: string; password?: string | undefined },
): ApiCredentials {
  const base = { venue, access, apiKey: new Secret(parts.apiKey), secret: new Secret(parts.secret) };
  return parts.password === undefined || parts.password === '' ? base : { ...base, password: new Secret(parts.password) };
}
