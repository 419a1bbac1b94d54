export { type BalanceBucket, InsufficientBalanceError, MissingPriceError } from './ledger-errors';
export type { AppliedFill, ApplyFillOptions, AssetBalance, DepositOptions, EquityPoint, FillMarket, Position } from './ledger-types';
export { PortfolioLedger } from './portfolio-ledger';
export { type PortfolioLedgerOptions, PortfolioLedgerOptionsSchema } from './portfolio-ledger-options';
