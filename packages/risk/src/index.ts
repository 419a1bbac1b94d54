/**
 * `@arbot/risk`
 *
 * @packageDocumentation
 */
export {};
