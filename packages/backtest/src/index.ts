/**
 * `@arbot/backtest`
 *
 * @packageDocumentation
 */
export {};
