/**
 * `@arbot/connectors`
 *
 * @packageDocumentation
 */
export {};
export * from './formats/index';
export * from './record/index';
export * from './replay/index';
export * from './ccxt/index';
export * from './multi/index';
export * from './sim/index';
