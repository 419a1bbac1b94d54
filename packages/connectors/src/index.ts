/**
 * `@arbot/connectors`: exchanges as RxJS streams. ccxt pro venues with
 * reconnects, staleness watchdogs and latency measurements; `multiVenue`;
 * the simulated venue (matching engine for paper trading and backtests);
 * record and replay of any event stream; readers of real market-data files;
 * and, under `@arbot/connectors/testing`, a local fake exchange that real
 * ccxt classes talk to in offline tests.
 *
 * @packageDocumentation
 */

export * from './ccxt/index';
export * from './formats/index';
export * from './multi/index';
export * from './record/index';
export * from './replay/index';
export * from './sim/index';
