/** The numbers (and names) behind a verdict, flat so that they log and serialize as they are. */
export type RiskDetails = Readonly<Record<string, string | number | boolean | null>>;

/** A policy lets the opportunity through unchanged. */
export interface ApproveVerdict {
  readonly action: 'approve';
}

/**
 * A policy lets the opportunity through at `scale` (0 < scale < 1) of its
 * current size: every leg is scaled by it and rounded down to its market.
 */
export interface ResizeVerdict {
  readonly action: 'resize';
  readonly scale: number;
  readonly code: string;
  readonly details: RiskDetails;
}

/** A policy refuses the opportunity. */
export interface RejectVerdict {
  readonly action: 'reject';
  readonly code: string;
  readonly details: RiskDetails;
}

/**
 * What a policy says about one opportunity.
 *
 * @example
 * ```ts
 * const verdict: PolicyVerdict = net > 0 ? approve() : reject('NO_PROFIT', { net });
 * ```
 */
export type PolicyVerdict = ApproveVerdict | ResizeVerdict | RejectVerdict;

const APPROVED: ApproveVerdict = Object.freeze({ action: 'approve' });

/**
 * The verdict "let it through unchanged" (one shared frozen object, so
 * approving allocates nothing).
 *
 * @example
 * ```ts
 * evaluate: (c) => (c.netBps >= 5 ? approve() : reject('MIN_NET_BPS', { netBps: c.netBps, minBps: 5 })),
 * ```
 */
export function approve(): ApproveVerdict {
  return APPROVED;
}

/**
 * The verdict "let it through at `scale` of its current size".
 *
 * @example
 * ```ts
 * return resizeBy(0.5, 'DRAWDOWN_SOFT', { drawdown: 0.07 });
 * ```
 */
export function resizeBy(scale: number, code: string, details: RiskDetails = {}): ResizeVerdict {
  return { action: 'resize', scale, code, details };
}

/**
 * The verdict "refuse it", with a machine-readable code and the numbers behind it.
 *
 * @example
 * ```ts
 * return reject('MIN_NET_PROFIT', { net: 0.4, minNet: 1 });
 * ```
 */
export function reject(code: string, details: RiskDetails = {}): RejectVerdict {
  return { action: 'reject', code, details };
}
