import { z } from 'zod';
import { ValidationError } from '../errors/validation-error';
import { type Market, parseMarket } from '../model/market';
import { parseWith } from '../model/parse';
import { DecimalSchema, Id } from '../model/primitives';
import { Decimal, type DecimalLike } from '../money/decimal';
import { MissingFeesError, UnsupportedPrecisionModeError } from './catalog-errors';
import {
  CcxtMarketSchema,
  type CcxtPrecisionModeInput,
  type CcxtPrecisionModeName,
  CcxtPrecisionModeSchema,
  ccxtSymbolOf,
} from './ccxt-market';

/**
 * Options of {@link marketFromCcxt}.
 *
 * @example
 * ```ts
 * const options: MarketFromCcxtOptions = { venue: 'kraken', precisionMode: 4, defaultFees: { maker: '0.0016', taker: '0.0026' } };
 * ```
 */
export interface MarketFromCcxtOptions {
  /** ArBot venue id the market belongs to, usually the ccxt exchange id (`binance`). */
  readonly venue: string;
  /** The exchange's ccxt precision mode: `exchange.precisionMode` (2, 3 or 4) or its name. */
  readonly precisionMode: CcxtPrecisionModeInput;
  /** Fee rates (fractions) used when the ccxt market has no `maker` / `taker`. */
  readonly defaultFees?: { readonly maker: DecimalLike; readonly taker: DecimalLike };
}

const OptionsSchema = z.object({
  venue: Id,
  precisionMode: CcxtPrecisionModeSchema,
  defaultFees: z.object({ maker: DecimalSchema, taker: DecimalSchema }).optional(),
});

/**
 * Builds a validated {@link Market} from a ccxt unified market (the object in
 * `exchange.markets[symbol]`), converting ccxt's precision into amount/price
 * steps:
 *
 * - `TICK_SIZE` (4): the precision values are the steps (`0.01`).
 * - `DECIMAL_PLACES` (2): the values are digit counts, step = 10^-digits
 *   (`2` → `0.01`, `-1` → `10`).
 * - `SIGNIFICANT_DIGITS` (3): throws {@link UnsupportedPrecisionModeError}.
 *
 * A missing `active` counts as active (ccxt leaves it unknown for some
 * venues). A maximum limit of `0` counts as "no maximum": Binance reports
 * `maxPrice: 0` for unbounded prices, and a zero cap would refuse every order.
 * Missing `maker`/`taker` rates come from `defaultFees`, else
 * {@link MissingFeesError}. Malformed input throws a `ValidationError` naming
 * the field (e.g. `precision.amount`, absent when an exchange publishes no lot
 * size).
 *
 * @example
 * ```ts
 * const exchange = new ccxt.binance();
 * await exchange.loadMarkets();
 * const market = marketFromCcxt(exchange.markets['BTC/USDT'], {
 *   venue: 'binance',
 *   precisionMode: exchange.precisionMode,
 * });
 * market.precision.price.toString(); // '0.01'
 * ```
 */
export function marketFromCcxt(ccxtMarket: unknown, options: MarketFromCcxtOptions): Market {
  const opts = parseWith(OptionsSchema, options, 'marketFromCcxt options');
  const what = `ccxt market ${opts.venue} ${ccxtSymbolOf(ccxtMarket) ?? '(no symbol)'}`;
  const raw = parseWith(CcxtMarketSchema, ccxtMarket, what);
  if (opts.precisionMode === 'SIGNIFICANT_DIGITS') {
    throw new UnsupportedPrecisionModeError(opts.venue, raw.symbol, opts.precisionMode);
  }
  const amountStep = stepFromPrecision(raw.precision.amount, opts.precisionMode, 'precision.amount', what);
  const priceStep = stepFromPrecision(raw.precision.price, opts.precisionMode, 'precision.price', what);
  const maker = raw.maker ?? opts.defaultFees?.maker;
  if (maker === undefined) throw new MissingFeesError(opts.venue, raw.symbol, 'maker');
  const taker = raw.taker ?? opts.defaultFees?.taker;
  if (taker === undefined) throw new MissingFeesError(opts.venue, raw.symbol, 'taker');
  const limits = raw.limits;
  return parseMarket({
    venue: opts.venue,
    symbol: raw.symbol,
    id: raw.id,
    base: raw.base,
    quote: raw.quote,
    type: raw.type ?? 'spot',
    active: raw.active ?? true,
    precision: { amount: amountStep, price: priceStep },
    limits: { amount: range(limits?.amount), price: range(limits?.price), cost: range(limits?.cost) },
    fees: { maker, taker },
  });
}

function stepFromPrecision(
  value: Decimal,
  mode: Exclude<CcxtPrecisionModeName, 'SIGNIFICANT_DIGITS'>,
  field: string,
  what: string,
): Decimal {
  if (mode === 'TICK_SIZE') {
    if (value.gt(0)) return value;
    throw new ValidationError(what, [{ field, value: value.toString(), message: 'must be a step > 0 in TICK_SIZE mode' }]);
  }
  if (!value.isInteger()) {
    throw new ValidationError(what, [
      { field, value: value.toString(), message: 'must be a whole number of digits in DECIMAL_PLACES mode' },
    ]);
  }
  // `1e-d` is parsed exactly, unlike 10 ** -d in binary floating point.
  return new Decimal(`1e${value.neg().toFixed()}`);
}

type ParsedRange = { min?: Decimal | null | undefined; max?: Decimal | null | undefined } | null | undefined;

function range(r: ParsedRange): { min?: Decimal; max?: Decimal } {
  const out: { min?: Decimal; max?: Decimal } = {};
  if (r?.min != null) out.min = r.min;
  if (r?.max?.gt(0)) out.max = r.max;
  return out;
}
