import { ArbotError } from '@arbot/core';

/**
 * Thrown when a risk gate is assembled wrongly: a policy needs a stream the
 * gate's context does not provide, or two policies share a name. Code
 * `RISK_CONFIG`; `context.policy` names the policy and `context.field` the
 * missing or conflicting field.
 *
 * @example
 * ```ts
 * try {
 *   riskGate([staleData({ maxAgeMs: 500, checkBooks: true })], { clock, markets }); // no books$
 * } catch (err) {
 *   if (err instanceof RiskConfigError) console.log(err.context.policy, err.context.field); // 'staleData' 'books$'
 * }
 * ```
 */
export class RiskConfigError extends ArbotError {
  constructor(message: string, context: { readonly policy: string; readonly field: string } & Record<string, unknown>) {
    super('RISK_CONFIG', message, context);
  }
}
