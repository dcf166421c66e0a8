/**
 * Names in the database that the audit code relies on. The table and its triggers are created by the
 * store's first migration (store/migrations/001-initial.ts), whose SQL spells the same names.
 */

/** The audit table. */
export const AUDIT_TABLE = 'audit_log';

/** Triggers that make the table append-only: each aborts the statement. */
export const AUDIT_TRIGGERS = { noUpdate: 'audit_log_no_update', noDelete: 'audit_log_no_delete' } as const;
