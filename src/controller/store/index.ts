/**
 * The production store (SQLite): orders and records (personal data sealed), cards, jobs, device steps, the
 * stock ledger, runs, operators and the audit log. See STORE.md.
 */
export { Store, DEFAULT_MAX_ATTEMPTS, type StoreOptions } from './store';
export { StoreError, type StoreErrorCode } from './store-error';
export { openDatabase, APPLICATION_ID, BUSY_TIMEOUT_MS } from './open-database';
export { migrate, schemaVersion, checkMigrationList, type MigrationResult } from './migrate';
export { MIGRATIONS, type Migration } from './migrations';
export { CARD_TRANSITIONS, type CardEvent, type IssueCard } from './cards';
export { type StepIntent } from './device-steps';
export { type FailedCardFate, type InDoubtDecision } from './job-lifecycle';
export { type StockLedger, type LedgerFigures, type OrderLedger } from './stock-ledger';
export { type InFlight, type OpenStep } from './in-flight';
export { type OperatorRow } from './operators';
export { type ImportOptions, type ImportReport } from './import-records';
export { type RecordPayload, encodeRecordPayload, decodeRecordPayload, recordPayloadAad } from './record-payload';
export * from './types';
export { type OrderFacts } from './order-facts';
