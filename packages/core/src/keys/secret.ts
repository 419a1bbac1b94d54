const REDACTED = '[REDACTED]';
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * A string that must never be printed: an API key, a secret, a passphrase.
 * Converting it to a string, to JSON or through `util.inspect` /
 * `console.log` yields `[REDACTED]`; only {@link Secret.reveal} returns the
 * value, so every place that really needs it is easy to find. The value lives
 * in a private field, invisible to `Object.keys`, spreads and serializers.
 *
 * @example
 * ```ts
 * const key = new Secret('abc123');
 * `${key}`;               // '[REDACTED]'
 * JSON.stringify({ key }); // '{"key":"[REDACTED]"}'
 * key.reveal();           // 'abc123'
 * ```
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /**
   * The secret value. Call it only where the value leaves for the exchange.
   *
   * @example
   * ```ts
   * exchange.apiKey = credentials.apiKey.reveal();
   * ```
   */
  reveal(): string {
    return this.#value;
  }

  /**
   * `true` when both secrets hold the same value (constant-time in the value's length).
   *
   * @example
   * ```ts
   * new Secret('a').equals(new Secret('a')); // true
   * ```
   */
  equals(other: Secret): boolean {
    const a = this.#value;
    const b = other.reveal();
    let diff = a.length ^ b.length;
    for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
    return diff === 0;
  }

  /** Always `[REDACTED]`. */
  toString(): string {
    return REDACTED;
  }

  /** Always `[REDACTED]`, so `JSON.stringify` never leaks the value. */
  toJSON(): string {
    return REDACTED;
  }

  /** Template literals and `+` concatenation also see `[REDACTED]`. */
  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  /** What `console.log` and `util.inspect` show. */
  [INSPECT](): string {
    return `Secret(${REDACTED})`;
  }
}

/**
 * The text that replaces a secret wherever it would be printed.
 *
 * @example
 * ```ts
 * String(new Secret('x')) === REDACTED_TEXT; // true
 * ```
 */
export const REDACTED_TEXT = REDACTED;
