import type { Fee } from '../model/order';
import { Decimal } from '../money/decimal';
import { MissingPriceError } from './ledger-errors';

const ONE = new Decimal(1);

/** A fill's numbers, already normalized to ledger decimals. */
export interface FillNumbers {
  readonly base: string;
  readonly quote: string;
  readonly price: Decimal;
  readonly amount: Decimal;
  /** `price × amount`, computed once by the caller. */
  readonly cost: Decimal;
  readonly fee: Fee;
}

/** A fill expressed in the valuation currency. */
export interface FillValuation {
  /** Value exchanged (what the spent side was worth, and what the received side cost). */
  readonly notional: Decimal;
  /** Value of the fee. */
  readonly feeValue: Decimal;
}

/** Mark lookup of the ledger: `undefined` when the asset has none. */
export type MarkLookup = (asset: string) => Decimal | undefined;

/**
 * Values a fill in the valuation currency `v`. When one side of the market is
 * `v` the fill's own price defines the exchange rate (quote = v: price ×
 * amount; base = v: amount); otherwise the quote's mark converts. A fee in the
 * base or quote is valued at that same rate, a fee in any other asset at its mark.
 */
export function valueFill(fill: FillNumbers, v: string, mark: MarkLookup): FillValuation {
  const { base, quote, price, amount, cost, fee } = fill;
  // Value of base units and of quote units; with base = v a quote unit is worth 1/price, applied as a division to stay exact.
  let notional: Decimal;
  let baseUnit: Decimal;
  let quoteUnit: (x: Decimal) => Decimal;
  if (quote === v) {
    notional = cost;
    baseUnit = price;
    quoteUnit = (x) => x;
  } else if (base === v) {
    notional = amount;
    baseUnit = ONE;
    quoteUnit = (x) => x.div(price);
  } else {
    const quoteMark = requireMark(quote, v, mark);
    notional = cost.times(quoteMark);
    baseUnit = price.times(quoteMark);
    quoteUnit = (x) => x.times(quoteMark);
  }
  let feeValue: Decimal;
  if (fee.asset === base) feeValue = fee.amount.times(baseUnit);
  else if (fee.asset === quote) feeValue = quoteUnit(fee.amount);
  else if (fee.asset === v || fee.amount.isZero()) feeValue = fee.amount;
  else feeValue = fee.amount.times(requireMark(fee.asset, v, mark));
  return { notional, feeValue };
}

function requireMark(asset: string, v: string, mark: MarkLookup): Decimal {
  const m = mark(asset);
  if (m === undefined) throw new MissingPriceError(asset, v);
  return m;
}
