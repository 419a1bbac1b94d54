/**
 * `@arbot/connectors`
 *
 * @packageDocumentation
 */
export {};
export * from './formats/index';
export * from './record/index';
export * from './replay/index';
