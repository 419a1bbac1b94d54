/**
 * `@arbot/strategies`: arbitrage detectors (spatial, triangular), incremental
 * indicators and statistical-arbitrage operators for ArBot SDK.
 *
 * @packageDocumentation
 */

export * from './arbitrage/index';
export * from './indicators/index';
export * from './statarb/index';
