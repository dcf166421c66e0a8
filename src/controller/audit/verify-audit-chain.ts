/**
 * Walks the audit log in order and checks the chain: consecutive sequence numbers from 1, each entry's
 * prev_hash equal to the hash of the entry before, each hash equal to the hash recomputed from the entry's
 * content, and the append-only triggers still in place. Reports the first break.
 *
 * What this detects: any entry edited, deleted or inserted in the middle, and a detail rewritten outside
 * cardline, even by someone who dropped the triggers first. What a bare hash chain cannot detect: the last
 * entries cut off, or the whole chain recomputed by someone with write access to the file. Against those,
 * keep the head (seq and hash, printed by `cardline audit verify`) somewhere the database's writers cannot
 * reach, and compare it later (see store/STORE.md).
 */
import type { Database } from 'better-sqlite3';
import { canonicalJson, type JsonValue } from './canonical-json';
import { AUDIT_GENESIS_HASH, auditEntryHash, type AuditOutcome } from './audit-entry';
import { AUDIT_TABLE, AUDIT_TRIGGERS } from './audit-table';

/** The first place where the chain does not hold. */
export interface AuditChainBreak {
  /** The entry at which the break shows. */
  seq: number;
  reason: string;
}

/** Outcome of {@link verifyAuditChain}. */
export interface AuditVerification {
  /** True when the chain holds and both append-only triggers exist. */
  ok: boolean;
  /** Number of entries in the table. */
  entries: number;
  /** The last entry, to be noted outside the database (null for an empty log). */
  head: { seq: number; hash: string } | null;
  /** The first break found, or null. */
  firstBreak: AuditChainBreak | null;
  /** Append-only triggers that are missing (names), empty when intact. */
  missingTriggers: string[];
}

interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object: string | null;
  outcome: string;
  detail: string;
  origin: string;
  prev_hash: string;
  hash: string;
}

/** The reason entry `row` breaks the chain after an entry with hash `prevHash`, or null when it holds. */
function checkEntry(row: AuditRow, expectedSeq: number, prevHash: string): string | null {
  if (row.seq !== expectedSeq) {
    if (row.seq < expectedSeq) return `sequence number out of order (expected ${expectedSeq})`;
    return row.seq - 1 === expectedSeq
      ? `entry ${expectedSeq} is missing before it (deleted)`
      : `entries ${expectedSeq}..${row.seq - 1} are missing before it (deleted)`;
  }
  if (row.prev_hash !== prevHash) {
    return expectedSeq === 1
      ? 'the first entry does not start from the genesis hash'
      : `its prev_hash does not match the hash of entry ${expectedSeq - 1}`;
  }
  let detail: JsonValue;
  try {
    detail = JSON.parse(row.detail) as JsonValue;
  } catch {
    return 'its detail is not valid JSON (altered)';
  }
  if (canonicalJson(detail) !== row.detail) return 'its detail is not in canonical form (altered outside cardline)';
  const fields = { ...row, outcome: row.outcome as AuditOutcome, detail };
  if (auditEntryHash(row.prev_hash, fields) !== row.hash) return 'its content does not match its hash (altered)';
  return null;
}

/** Verifies the audit chain of `db`; reads the table as a stream, so memory stays flat on a long log. */
export function verifyAuditChain(db: Database): AuditVerification {
  const triggers = new Set(
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?").all(AUDIT_TABLE) as {
      name: string;
    }[]).map((t) => t.name),
  );
  const missingTriggers = Object.values(AUDIT_TRIGGERS).filter((name) => !triggers.has(name));
  const { entries } = db.prepare(`SELECT count(*) AS entries FROM ${AUDIT_TABLE}`).get() as { entries: number };
  const headRow = db.prepare(`SELECT seq, hash FROM ${AUDIT_TABLE} ORDER BY seq DESC LIMIT 1`).get() as
    | { seq: number; hash: string }
    | undefined;

  let firstBreak: AuditChainBreak | null = null;
  let expectedSeq = 1;
  let prevHash = AUDIT_GENESIS_HASH;
  for (const row of db.prepare(`SELECT * FROM ${AUDIT_TABLE} ORDER BY seq`).iterate() as IterableIterator<AuditRow>) {
    const reason = checkEntry(row, expectedSeq, prevHash);
    if (reason !== null) {
      firstBreak = { seq: row.seq, reason };
      break; // ends the iteration and releases the statement
    }
    expectedSeq = row.seq + 1;
    prevHash = row.hash;
  }
  return {
    ok: firstBreak === null && missingTriggers.length === 0,
    entries,
    head: headRow === undefined ? null : { seq: headRow.seq, hash: headRow.hash },
    firstBreak,
    missingTriggers,
  };
}
