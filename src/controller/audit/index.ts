/**
 * The audit log: append-only (SQLite triggers refuse UPDATE and DELETE) and hash-chained (each entry's hash
 * covers the previous one), with a verifier that names the first broken entry. See store/STORE.md.
 */
export { canonicalJson, type JsonValue } from './canonical-json';
export {
  AUDIT_GENESIS_HASH,
  auditEntryHash,
  type AuditEntry,
  type AuditEntryFields,
  type AuditEvent,
  type AuditOutcome,
} from './audit-entry';
export { AUDIT_TABLE, AUDIT_TRIGGERS } from './audit-table';
export { appendAudit, type AuditWriteContext } from './append-audit';
export { verifyAuditChain, type AuditChainBreak, type AuditVerification } from './verify-audit-chain';
