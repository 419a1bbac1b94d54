import { type Decimal, isDecimal, toDecimal } from '@arbot/core';

/** A parsed per-currency option: one value for every currency, or a record keyed by currency. */
export type PerCurrency = Decimal | Readonly<Record<string, Decimal>>;

/** The threshold for `currency`; a record without it gives 0. */
export function thresholdIn(value: PerCurrency, currency: string): Decimal {
  return isDecimal(value) ? value : (value[currency] ?? toDecimal(0));
}

/** The cap for `currency`; `undefined` (uncapped) when not set for it. */
export function capIn(value: PerCurrency | undefined, currency: string): Decimal | undefined {
  if (value === undefined) return undefined;
  return isDecimal(value) ? value : value[currency];
}
