export { type AtrOptions, AtrOptionsSchema, AtrState, atr } from './atr';
export { type BollingerOptions, BollingerOptionsSchema, BollingerState, type BollingerValue, bollinger } from './bollinger';
export { ClockSchema } from './clock-schema';
export { type EmaOptions, EmaOptionsSchema, EmaState, ema } from './ema';
export { indicatorOperator, indicatorSeries } from './indicator-operator';
export type { IndicatorState } from './indicator-state';
export {
  type Cross,
  type CrossKind,
  type CrossoverBar,
  type CrossoverSignal,
  type MaCrossoverOptions,
  MaCrossoverOptionsSchema,
  MaCrossoverState,
  maCrossover,
} from './ma-crossover';
export {
  type MaCrossoverOpportunity,
  type MaCrossoverStrategyOptions,
  MaCrossoverStrategyOptionsSchema,
  maCrossoverStrategy,
} from './ma-crossover-strategy';
export { type MacdOptions, MacdOptionsSchema, MacdState, type MacdValue, macd } from './macd';
export { NeumaierSum } from './neumaier-sum';
export { MAX_PERIOD, PeriodSchema } from './period-schema';
export { finiteInput, type Ohlc, type PriceInput, type PriceSource, PriceSourceSchema, priceOf } from './price-source';
export { pricedState } from './priced-state';
export { RingBuffer } from './ring-buffer';
export { RollingCoMoments } from './rolling-co-moments';
export { RollingMoments } from './rolling-moments';
export { type OlsValue, type RollingOlsOptions, RollingOlsOptionsSchema, RollingOlsState, rollingOLS, type XY } from './rolling-ols';
export { type RsiOptions, RsiOptionsSchema, RsiState, rsi } from './rsi';
export { signalLeg } from './signal-leg';
export { type SmaOptions, SmaOptionsSchema, SmaState, sma } from './sma';
export { type StddevOptions, StddevOptionsSchema, StddevState, stddev } from './stddev';
export { type WmaOptions, WmaOptionsSchema, WmaState, wma } from './wma';
export { type ZscoreOptions, ZscoreOptionsSchema, ZscoreState, zscore } from './zscore';
