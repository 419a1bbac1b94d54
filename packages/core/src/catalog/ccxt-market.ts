import { z } from 'zod';
import { DecimalSchema, Id } from '../model/primitives';

/**
 * ccxt's precision modes (the numeric values of ccxt's exported constants
 * `DECIMAL_PLACES`, `SIGNIFICANT_DIGITS` and `TICK_SIZE`; an exchange's mode
 * is `exchange.precisionMode`). Core does not import ccxt, so they are
 * mirrored here; a test pins them to ccxt's own values.
 *
 * @example
 * ```ts
 * marketFromCcxt(raw, { venue: 'binance', precisionMode: CcxtPrecisionMode.TICK_SIZE });
 * ```
 */
export const CcxtPrecisionMode = {
  /** Precision values count digits after the point: `2` means a step of `0.01`. */
  DECIMAL_PLACES: 2,
  /** Precision values count significant digits: not expressible as a fixed step. */
  SIGNIFICANT_DIGITS: 3,
  /** Precision values are the steps themselves, e.g. `0.01`. */
  TICK_SIZE: 4,
} as const;

/**
 * The name of a ccxt precision mode: `DECIMAL_PLACES`, `SIGNIFICANT_DIGITS` or `TICK_SIZE`.
 *
 * @example
 * ```ts
 * const mode: CcxtPrecisionModeName = 'TICK_SIZE';
 * ```
 */
export type CcxtPrecisionModeName = keyof typeof CcxtPrecisionMode;

/**
 * A ccxt precision mode given either as ccxt's number (what
 * `exchange.precisionMode` holds) or as its name; parses to the name.
 *
 * @example
 * ```ts
 * CcxtPrecisionModeSchema.parse(4); // 'TICK_SIZE'
 * ```
 */
export const CcxtPrecisionModeSchema = z.union(
  [
    z.enum(['DECIMAL_PLACES', 'SIGNIFICANT_DIGITS', 'TICK_SIZE']),
    z.literal(CcxtPrecisionMode.DECIMAL_PLACES).transform(() => 'DECIMAL_PLACES' as const),
    z.literal(CcxtPrecisionMode.SIGNIFICANT_DIGITS).transform(() => 'SIGNIFICANT_DIGITS' as const),
    z.literal(CcxtPrecisionMode.TICK_SIZE).transform(() => 'TICK_SIZE' as const),
  ],
  { error: 'must be a ccxt precision mode: 2 (DECIMAL_PLACES), 3 (SIGNIFICANT_DIGITS), 4 (TICK_SIZE) or its name' },
);

/**
 * What the `precisionMode` options accept: ccxt's number or a mode name.
 * `number | undefined` mirrors how ccxt types `exchange.precisionMode`, so it
 * can be passed straight through; anything but 2, 3, 4 or a name (including
 * `undefined`) is refused at runtime with a `ValidationError`.
 *
 * @example
 * ```ts
 * const mode: CcxtPrecisionModeInput = exchange.precisionMode;
 * ```
 */
export type CcxtPrecisionModeInput = number | CcxtPrecisionModeName | undefined;

// ccxt leaves unknown values `undefined`; markets that went through JSON
// (saved catalogs) carry `null` instead, so both mean "absent".
const OptionalNumber = DecimalSchema.nullish();
const CcxtRange = z.object({ min: OptionalNumber, max: OptionalNumber }).nullish();

/**
 * The fields ArBot reads from a ccxt unified market (`exchange.markets[symbol]`).
 * Every other field (`info`, `spot`, `linear`, ...) is ignored. Numbers are
 * turned into `Decimal`s through their shortest round-trip string, so a
 * `0.1` tick stays exactly `0.1`.
 *
 * @example
 * ```ts
 * const parsed = parseWith(CcxtMarketSchema, exchange.markets['BTC/USDT'], 'ccxt market');
 * ```
 */
export const CcxtMarketSchema = z.object({
  id: Id,
  symbol: Id,
  base: Id,
  quote: Id,
  type: z.enum(['spot', 'margin', 'swap', 'future', 'option']).nullish(),
  active: z.boolean().nullish(),
  precision: z.object({
    /** A step (TICK_SIZE mode) or a digit count (DECIMAL_PLACES / SIGNIFICANT_DIGITS). */
    amount: DecimalSchema,
    price: DecimalSchema,
  }),
  limits: z
    .object({
      amount: CcxtRange,
      price: CcxtRange,
      cost: CcxtRange,
    })
    .nullish(),
  maker: OptionalNumber,
  taker: OptionalNumber,
});

/**
 * A ccxt unified market as far as ArBot reads it: see {@link CcxtMarketSchema}.
 *
 * @example
 * ```ts
 * const raw: CcxtUnifiedMarket = {
 *   id: 'BTCUSDT', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT',
 *   precision: { amount: 0.00001, price: 0.01 }, maker: 0.001, taker: 0.001,
 * };
 * ```
 */
export type CcxtUnifiedMarket = z.input<typeof CcxtMarketSchema>;

/**
 * The `symbol` of something that looks like a ccxt market, for error labels
 * before it is validated. Internal to the catalog module (not exported by the package).
 */
export function ccxtSymbolOf(raw: unknown): string | undefined {
  if (typeof raw === 'object' && raw !== null && 'symbol' in raw && typeof raw.symbol === 'string') return raw.symbol;
  return undefined;
}
