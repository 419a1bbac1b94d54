import { CliError } from './cli-error';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * Parses a CLI duration: `500ms`, `60s`, `5m`, `1.5h`; a bare number is seconds.
 *
 * @throws {CliError} `CLI_USAGE` naming the flag for anything else, or a non-positive duration.
 * @example
 * ```ts
 * parseDuration('90s', '--duration'); // 90000
 * ```
 */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const value = m ? Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1_000) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new CliError('CLI_USAGE', `${flag} must be a positive duration like 500ms, 60s, 5m or 1h (got "${text}")`, { flag, value: text });
  }
  return Math.round(value);
}

/**
 * Renders a span of milliseconds as `1h 59m 59s` (or `250ms` under a second).
 *
 * @example
 * ```ts
 * formatSpan(7_199_000); // '1h 59m 59s'
 * ```
 */
export function formatSpan(ms: number): string {
  if (ms < 1_000) return `${ms}ms`;
  const total = Math.round(ms / 1_000);
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  return [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', s > 0 || total === 0 ? `${s}s` : ''].filter(Boolean).join(' ');
}
