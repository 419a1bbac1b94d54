export { FeeCurrencySchema, type VenueFee, VenueFeeSchema } from './arbitrage-schemas';
export { type BalanceLookup, type BalanceSource, BalanceSourceSchema } from './balance-source';
export { detectSpatialArbitrage, type SpatialArbitrageOptions, SpatialArbitrageOptionsSchema } from './detect-spatial-arbitrage';
