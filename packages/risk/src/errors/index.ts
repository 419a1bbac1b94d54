export { InsufficientDataError } from './insufficient-data-error';
export { PolicyNotConnectedError } from './policy-not-connected-error';
export { RiskConfigError } from './risk-config-error';
export { SplitOrderError, type SplitOrderErrorCode } from './split-order-error';
