export { Journal, type JournalOptions, JournalOptionsSchema } from './journal';
export { BalancesUnavailableError, JournalCorruptError, type JournalDefect, JournalWriteError } from './journal-errors';
export { GENESIS_HASH, type JournalEntry } from './journal-line';
export {
  type JournalRecord,
  type JournalRecordInput,
  JournalRecordSchema,
  type OrderRole,
  OrderRoleSchema,
  parseJournalRecord,
} from './journal-records';
export {
  type BalanceDrift,
  type ReconcileOptions,
  ReconcileOptionsSchema,
  type Reconciliation,
  reconcile,
  recordBalances,
} from './reconcile';
export { type JournalVerification, readJournal, type VerifyJournalOptions, verifyJournal } from './verify-journal';
