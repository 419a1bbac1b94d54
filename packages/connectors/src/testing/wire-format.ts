import { Decimal } from '@arbot/core';

/**
 * A number as exchanges print it on the wire: plain decimal notation, never
 * exponent form (`1e-7` → `"0.0000001"`).
 */
export function wireNumber(value: number): string {
  const text = String(value);
  return text.includes('e') ? new Decimal(text).toFixed() : text;
}

/** A `[price, amount]` level as a pair of wire strings. */
export function wireLevel(level: readonly [number, number]): [string, string] {
  return [wireNumber(level[0]), wireNumber(level[1])];
}

const UNIT_MS: Readonly<Record<string, number>> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  H: 3_600_000,
  d: 86_400_000,
  D: 86_400_000,
  w: 604_800_000,
  W: 604_800_000,
};

/** Milliseconds of a candle interval in Binance (`1h`) or OKX (`1H`) notation; `undefined` when unknown. */
export function intervalMs(interval: string): number | undefined {
  const match = /^(\d+)([smhHdDwW])$/.exec(interval);
  if (match === null) return undefined;
  const unit = UNIT_MS[match[2] ?? ''];
  return unit === undefined ? undefined : Number(match[1]) * unit;
}
