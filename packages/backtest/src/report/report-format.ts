import type { Decimal } from '@arbot/core';

/** Text shown for a figure that is undefined for the data. */
export const NOT_AVAILABLE = '—';

/**
 * Money for a report cell: 2 decimals from 1 up, 4 significant digits below.
 *
 * @example
 * ```ts
 * formatMoney(new Decimal('1234.567')); // '1,234.57'
 * ```
 */
export function formatMoney(value: Decimal | undefined): string {
  if (value === undefined) return NOT_AVAILABLE;
  const text = value.abs().gte(1) || value.isZero() ? value.toFixed(2) : value.toSignificantDigits(4).toString();
  return groupThousands(text);
}

/**
 * A fraction as a percentage with 2 decimals.
 *
 * @example
 * ```ts
 * formatPercent(0.1234); // '12.34%'
 * ```
 */
export function formatPercent(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return NOT_AVAILABLE;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return `${groupThousands((value * 100).toFixed(2))}%`;
}

/**
 * A ratio with 2 decimals (∞ for infinity).
 *
 * @example
 * ```ts
 * formatRatio(1.23456); // '1.23'
 * ```
 */
export function formatRatio(value: number | undefined): string {
  if (value === undefined || Number.isNaN(value)) return NOT_AVAILABLE;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  return groupThousands(value.toFixed(2));
}

/**
 * A duration as days, hours, minutes and seconds, largest units first.
 *
 * @example
 * ```ts
 * formatDuration(93_784_000); // '1d 2h 3m 4s'
 * ```
 */
export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) parts.push(`${n}${unit}`);
  }
  return parts.slice(0, 3).join(' ') || `${ms}ms`;
}

/**
 * A virtual time as a UTC date-time.
 *
 * @example
 * ```ts
 * formatTime(Date.UTC(2024, 0, 2, 3, 4, 5)); // '2024-01-02 03:04:05'
 * ```
 */
export function formatTime(ts: number | undefined): string {
  if (ts === undefined) return NOT_AVAILABLE;
  const iso = new Date(ts).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

function groupThousands(text: string): string {
  const [int = '', frac] = text.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = sign === '' ? int : int.slice(1);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}
