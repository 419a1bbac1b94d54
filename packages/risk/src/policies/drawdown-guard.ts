import { parseWith } from '@arbot/core';
import { z } from 'zod';
import { RiskReason } from '../decision/reason-code';
import { approve, reject, resizeBy } from '../decision/verdict';
import type { HaltStatus, RiskPolicy } from '../policy/risk-policy';
import { equityNumber } from './equity-number';

const Percent = z.number().positive().max(100);

/** Options of {@link drawdownGuard}; drawdowns are percentages of the equity peak. */
export const DrawdownGuardOptionsSchema = z
  .object({
    /** From this drawdown on, sizes shrink linearly from 1 (at the soft limit) to `minScale` (at the hard limit). */
    softLimitPct: Percent,
    /** At this drawdown the gate halts until {@link DrawdownGuardPolicy.resume} is called. */
    hardLimitPct: Percent,
    /** Size at the hard limit, as a fraction (default 0.25). */
    minScale: z.number().gt(0).lte(1).default(0.25),
    name: z.string().min(1).default('drawdownGuard'),
  })
  .refine((o) => o.softLimitPct < o.hardLimitPct, { message: 'softLimitPct must be below hardLimitPct', path: ['softLimitPct'] });
/** What {@link drawdownGuard} accepts. */
export type DrawdownGuardOptions = z.input<typeof DrawdownGuardOptionsSchema>;

/** The drawdown guard's view of equity. */
export interface DrawdownState {
  /** Latest equity, `undefined` before the first value. */
  readonly equity: number | undefined;
  /** Highest equity since start (or since the last resume). */
  readonly peak: number | undefined;
  /** `(peak − equity) / peak × 100`, 0 before the first value. */
  readonly drawdownPct: number;
  /** Whether the hard limit halted the gate. */
  readonly halted: boolean;
}

/**
 * The drawdown guard, with its state and a manual resume.
 *
 * @example
 * ```ts
 * const dd = drawdownGuard({ softLimitPct: 5, hardLimitPct: 10 });
 * if (dd.state().halted) dd.resume();
 * ```
 */
export interface DrawdownGuardPolicy extends RiskPolicy {
  /** The guard's current peak, drawdown and halt state. */
  state(): DrawdownState;
  /**
   * Lifts a hard-limit halt and re-bases the peak at the latest equity (else
   * the unchanged drawdown would halt again at the next equity value).
   */
  resume(): void;
}

/**
 * Watches the context's `equity$` (portfolio equity in one currency) and
 * its running peak. Drawdown = `(peak − equity) / peak`.
 *
 * - below `softLimitPct`: approve;
 * - from `softLimitPct`: resize by `1 − (1 − minScale) × (dd − soft) / (hard − soft)`
 *   with `DRAWDOWN_SOFT` (details `drawdownPct`, `softLimitPct`, `hardLimitPct`);
 * - reaching `hardLimitPct` (on any equity value): halt with `DRAWDOWN_HALT`,
 *   latched until `resume()`, even if equity recovers;
 * - a non-finite equity value halts too (fail closed); before the first
 *   value every opportunity is rejected with `NO_EQUITY_DATA`.
 *
 * @example
 * ```ts
 * const dd = drawdownGuard({ softLimitPct: 5, hardLimitPct: 10 });
 * const gate = riskGate([dd, notionalLimits({ maxOrderNotional: 5_000 })], { clock, markets, equity$: ledger.equity$ });
 * // later, after review:
 * dd.resume();
 * ```
 */
export function drawdownGuard(options: DrawdownGuardOptions): DrawdownGuardPolicy {
  const o = parseWith(DrawdownGuardOptionsSchema, options, 'drawdownGuard options');
  let equity: number | undefined;
  let peak: number | undefined;
  let halted: HaltStatus | undefined;

  const drawdownPct = (): number => {
    if (equity === undefined || peak === undefined) return 0;
    if (peak <= 0) return 100;
    // Multiply before dividing: (1000 − 930) × 100 / 1000 is exactly 7, (70 / 1000) × 100 is not.
    return Math.max(0, ((peak - equity) * 100) / peak);
  };

  return {
    name: o.name,
    requires: ['equity$'],
    connect(env) {
      return env.equity$.subscribe((value) => {
        const next = equityNumber(value);
        if (!Number.isFinite(next)) {
          halted ??= {
            policy: o.name,
            code: RiskReason.DRAWDOWN_HALT,
            since: env.clock.now(),
            details: { reason: 'non-finite equity', equity: String(value) },
          };
          return;
        }
        equity = next;
        peak = peak === undefined ? next : Math.max(peak, next);
        const dd = drawdownPct();
        if (dd >= o.hardLimitPct && halted === undefined) {
          halted = {
            policy: o.name,
            code: RiskReason.DRAWDOWN_HALT,
            since: env.clock.now(),
            details: { drawdownPct: dd, equity: next, peak, hardLimitPct: o.hardLimitPct },
          };
        }
      });
    },
    halt: () => halted,
    evaluate() {
      if (equity === undefined) return reject(RiskReason.NO_EQUITY_DATA, {});
      const dd = drawdownPct();
      if (dd < o.softLimitPct) return approve();
      const scale = 1 - ((1 - o.minScale) * (dd - o.softLimitPct)) / (o.hardLimitPct - o.softLimitPct);
      return resizeBy(Math.max(o.minScale, scale), RiskReason.DRAWDOWN_SOFT, {
        drawdownPct: dd,
        softLimitPct: o.softLimitPct,
        hardLimitPct: o.hardLimitPct,
      });
    },
    state: () => ({ equity, peak, drawdownPct: drawdownPct(), halted: halted !== undefined }),
    resume() {
      halted = undefined;
      peak = equity;
    },
  };
}
