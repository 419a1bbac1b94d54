import { ArbotError } from '@arbot/core';

/**
 * Thrown by a policy method that needs the gate's clock (e.g.
 * `circuitBreaker().trip()`) before any gate using the policy is connected.
 * Code `POLICY_NOT_CONNECTED`; `context.policy` names the policy and
 * `context.method` the method called.
 *
 * @example
 * ```ts
 * const breaker = circuitBreaker({ maxConsecutiveLosses: 3 });
 * try {
 *   breaker.trip('manual');
 * } catch (err) {
 *   if (err instanceof PolicyNotConnectedError) console.log(err.context.method); // 'trip'
 * }
 * ```
 */
export class PolicyNotConnectedError extends ArbotError {
  constructor(policy: string, method: string) {
    super('POLICY_NOT_CONNECTED', `${policy}.${method}() needs a connected risk gate (subscribe to gate.operator or call gate.connect())`, {
      policy,
      method,
    });
  }
}
