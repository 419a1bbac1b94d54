import { isDecimal } from '@arbot/core';
import type { EquityValue } from '../policy/risk-context';

/** An equity value as a number (`NaN` when it is not a finite decimal). */
export function equityNumber(value: EquityValue): number {
  if (typeof value === 'number') return value;
  if (isDecimal(value)) return value.toNumber();
  const parsed = Number(value);
  return value.trim() === '' ? Number.NaN : parsed;
}
