/**
 * Base class of every error thrown by ArBot SDK. Each subclass has a stable
 * machine-readable `code` and a `context` object holding the values that
 * caused it, so callers can branch on `code` and log `context` without
 * parsing messages.
 *
 * @example
 * ```ts
 * try {
 *   checkOrder(market, { side: 'buy', amount: '0.00001', price: '30000' });
 * } catch (err) {
 *   if (err instanceof ArbotError) console.error(err.code, err.context);
 * }
 * ```
 */
export class ArbotError extends Error {
  /** Stable machine-readable error code, e.g. `MIN_NOTIONAL`. */
  readonly code: string;
  /** The values behind the error (field names, offending values, limits). */
  readonly context: Readonly<Record<string, unknown>>;

  constructor(code: string, message: string, context: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = Object.freeze({ ...context });
  }
}
