import type { ApiCredentials, KeyAccess } from './api-credentials';
import { MissingCredentialsError } from './key-errors';

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * The credentials unlocked from a keystore, by venue and access level.
 * Printing it lists only which keys it holds.
 *
 * @example
 * ```ts
 * const ring = await readKeystore('keys.json', passphrase);
 * const trading = ring.get('binance', 'trading');
 * ring.entries(); // [{ venue: 'binance', access: 'trading' }, { venue: 'binance', access: 'read-only' }]
 * ```
 */
export class KeyRing {
  readonly #byKey = new Map<string, ApiCredentials>();

  constructor(credentials: Iterable<ApiCredentials>) {
    for (const c of credentials) this.#byKey.set(`${c.venue}\u0000${c.access}`, c);
  }

  /**
   * The credentials of a venue for an access level; throws
   * {@link MissingCredentialsError} when absent (read-only never falls back to trading).
   *
   * @example
   * ```ts
   * const monitor = ring.get('okx', 'read-only');
   * ```
   */
  get(venue: string, access: KeyAccess): ApiCredentials {
    const found = this.find(venue, access);
    if (found === undefined) throw new MissingCredentialsError(venue, access, 'the keystore');
    return found;
  }

  /**
   * The credentials of a venue for an access level, or `undefined`.
   *
   * @example
   * ```ts
   * const maybe = ring.find('kraken', 'trading');
   * ```
   */
  find(venue: string, access: KeyAccess): ApiCredentials | undefined {
    return this.#byKey.get(`${venue}\u0000${access}`);
  }

  /**
   * Which keys the ring holds (no secrets).
   *
   * @example
   * ```ts
   * ring.entries().filter((e) => e.access === 'trading').map((e) => e.venue);
   * ```
   */
  entries(): { venue: string; access: KeyAccess }[] {
    return [...this.#byKey.values()].map(({ venue, access }) => ({ venue, access }));
  }

  /**
   * Every credential held, for writing them back to a keystore.
   *
   * @example
   * ```ts
   * await writeKeystore('keys.json', [...ring.all(), newCreds], passphrase);
   * ```
   */
  all(): ApiCredentials[] {
    return [...this.#byKey.values()];
  }

  /** Lists the entries, never secrets. */
  toJSON(): { venue: string; access: KeyAccess }[] {
    return this.entries();
  }

  /** What `console.log` shows: the entries. */
  [INSPECT](): string {
    return `KeyRing(${this.entries()
      .map((e) => `${e.venue}:${e.access}`)
      .join(', ')})`;
  }
}
