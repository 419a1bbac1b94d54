export {
  type AdfOptions,
  AdfOptionsSchema,
  type AdfResult,
  type Autolag,
  AutolagSchema,
  adfTest,
} from './adf-test';
export { type EngleGrangerOptions, EngleGrangerOptionsSchema, type EngleGrangerResult, engleGranger } from './engle-granger';
export { halfLife, type MeanReversionFit, meanReversionFit } from './half-life';
export {
  type JohansenCriticalValues,
  type JohansenOptions,
  JohansenOptionsSchema,
  type JohansenResult,
  johansen,
} from './johansen';
export {
  type KalmanHedgeOptions,
  KalmanHedgeOptionsSchema,
  KalmanHedgeState,
  type KalmanHedgeValue,
  kalmanHedgeRatio,
} from './kalman-hedge-ratio';
export {
  type CriticalValues,
  type MackinnonRegression,
  mackinnonCriticalValues,
  mackinnonPValue,
  RegressionSchema,
} from './mackinnon';
export { normalCdf } from './normal-cdf';
export {
  type PairsAction,
  type PairsOpportunity,
  type PairsTradingOptions,
  PairsTradingOptionsSchema,
  type PairTick,
  pairsTrading,
} from './pairs-trading';
export {
  type PairScan,
  type PairScore,
  type ScanPairsOptions,
  ScanPairsOptionsSchema,
  type SkippedPair,
  scanPairs,
} from './scan-pairs';
export { CollinearSeriesError, InsufficientDataError, SingularMatrixError } from './statarb-errors';
