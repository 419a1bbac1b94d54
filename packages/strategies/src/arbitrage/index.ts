export { FeeCurrencySchema, type VenueFee, VenueFeeSchema } from './arbitrage-schemas';
export { type BalanceLookup, type BalanceSource, BalanceSourceSchema } from './balance-source';
export { detectSpatialArbitrage, type SpatialArbitrageOptions, SpatialArbitrageOptionsSchema } from './detect-spatial-arbitrage';
export {
  detectTriangularArbitrage,
  type TriangularArbitrageOptions,
  TriangularArbitrageOptionsSchema,
} from './detect-triangular-arbitrage';
export { type FindTrianglesOptions, FindTrianglesOptionsSchema, findTriangles, type Triangle, type TriangleLeg } from './find-triangles';
