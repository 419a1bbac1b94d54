/**
 * `@arbot/connectors`
 *
 * @packageDocumentation
 */
export {};
