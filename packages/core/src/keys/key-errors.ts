import { ArbotError } from '../errors/arbot-error';
import type { KeyAccess } from './api-credentials';

/**
 * No credentials were found for a venue and access level. `context.variables`
 * names the environment variables that were looked at (never their values).
 * Code `MISSING_CREDENTIALS`.
 *
 * @example
 * ```ts
 * try {
 *   credentialsFromEnv('binance', 'trading', {});
 * } catch (err) {
 *   if (err instanceof MissingCredentialsError) console.log(err.context.variables); // ['ARBOT_BINANCE_API_KEY', …]
 * }
 * ```
 */
export class MissingCredentialsError extends ArbotError {
  constructor(venue: string, access: KeyAccess, where: string, variables: readonly string[] = []) {
    const names = variables.length > 0 ? ` (set ${variables.join(', ')})` : '';
    super('MISSING_CREDENTIALS', `No ${access} credentials for ${venue} in ${where}${names}`, { venue, access, where, variables });
  }
}

/**
 * A keystore file is not a keystore this version can read: not JSON, wrong
 * `version`, a missing field or key-derivation parameters out of the
 * accepted range. `context.field` names the offending field. Code `KEYSTORE_INVALID`.
 *
 * @example
 * ```ts
 * try {
 *   await readKeystore('keys.json', passphrase);
 * } catch (err) {
 *   if (err instanceof KeystoreFormatError) console.log(err.context.field);
 * }
 * ```
 */
export class KeystoreFormatError extends ArbotError {
  constructor(path: string, field: string, problem: string) {
    super('KEYSTORE_INVALID', `Keystore ${path}: ${field} ${problem}`, { path, field });
  }
}

/**
 * A keystore could not be decrypted: the passphrase is wrong, or the file
 * was altered (AES-GCM authenticates every byte of the ciphertext and the
 * header). The passphrase never appears in the message. Code `KEYSTORE_DECRYPT`.
 *
 * @example
 * ```ts
 * try {
 *   await readKeystore('keys.json', new Secret('wrong'));
 * } catch (err) {
 *   if (err instanceof KeystoreDecryptError) console.error('wrong passphrase or tampered keystore');
 * }
 * ```
 */
export class KeystoreDecryptError extends ArbotError {
  constructor(path: string) {
    super('KEYSTORE_DECRYPT', `Keystore ${path} cannot be decrypted: wrong passphrase or altered file`, { path });
  }
}
