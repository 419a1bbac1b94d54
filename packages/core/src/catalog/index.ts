export { MissingFeesError, UnknownMarketError, UnsupportedPrecisionModeError } from './catalog-errors';
export {
  CcxtMarketSchema,
  CcxtPrecisionMode,
  type CcxtPrecisionModeInput,
  type CcxtPrecisionModeName,
  CcxtPrecisionModeSchema,
  type CcxtUnifiedMarket,
} from './ccxt-market';
export { type CheckedOrder, checkOrder, type OrderCheckInput, orderViolations } from './check-order';
export { type FitOrderInput, type FittedOrder, fitOrder } from './fit-order';
export { type AddFromCcxtOptions, MarketCatalog } from './market-catalog';
export { type MarketFromCcxtOptions, marketFromCcxt } from './market-from-ccxt';
export { roundAmount, roundPrice } from './market-rounding';
export {
  InactiveMarketError,
  type LimitBound,
  type MarketRef,
  MaxAmountError,
  MaxNotionalError,
  MinAmountError,
  MinNotionalError,
  type OrderField,
  OrderLimitError,
  OrderViolationError,
  PrecisionError,
  PriceLimitError,
} from './order-violation-errors';
export { isMultipleOfStep, roundToStep, type StepRounding, StepRoundingSchema } from './round-to-step';
export { type Liquidity, LiquiditySchema, tradeFee } from './trade-fee';
