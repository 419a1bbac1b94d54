/**
 * `@arbot/connectors/testing`: a local fake exchange for offline tests.
 *
 * @packageDocumentation
 */
export {};
