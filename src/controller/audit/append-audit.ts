/**
 * Appending to the audit log. The append reads the last entry and writes the next in one IMMEDIATE
 * transaction (or inside the caller's transaction), so two processes appending at once queue on SQLite's
 * write lock instead of forking the chain.
 */
import type { Database, Statement } from 'better-sqlite3';
import { maskPersonalIdsInText, scrubPersonalData } from '../crypto';
import type { JsonValue } from './canonical-json';
import { canonicalJson } from './canonical-json';
import { AUDIT_GENESIS_HASH, auditEntryHash, type AuditEntry, type AuditEvent, type AuditOutcome } from './audit-entry';

const OUTCOMES: ReadonlySet<AuditOutcome> = new Set(['ok', 'partial', 'refused', 'failed']);

/** Where and when an entry is written. */
export interface AuditWriteContext {
  /** Time of the entry, ISO 8601 UTC with milliseconds. */
  at: string;
  /** Origin used when the event does not name one. */
  origin: string;
}

/** The two statements of an append, compiled once per connection. */
const statements = new WeakMap<Database, { last: Statement; insert: Statement }>();

function statementsFor(db: Database): { last: Statement; insert: Statement } {
  let s = statements.get(db);
  if (s === undefined) {
    s = {
      last: db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: db.prepare(
        `INSERT INTO audit_log (seq, at, actor, action, object, outcome, detail, origin, prev_hash, hash)
         VALUES (@seq, @at, @actor, @action, @object, @outcome, @detail, @origin, @prevHash, @hash)`,
      ),
    };
    statements.set(db, s);
  }
  return s;
}

/** The detail as the log stores it: scrubbed of personal data and reduced to plain JSON. */
function cleanDetail(detail: JsonValue | undefined): JsonValue {
  const scrubbed = scrubPersonalData(detail ?? {});
  // A JSON round trip drops what JSON cannot hold (undefined, functions) the way JSON.stringify always has.
  return JSON.parse(JSON.stringify(scrubbed) ?? 'null') as JsonValue;
}

/**
 * Appends `event` to the audit log of `db` and returns the stored entry. Text fields are masked and the detail
 * scrubbed (crypto/scrub.ts) before hashing, so what is hashed is exactly what is stored.
 */
export function appendAudit(db: Database, event: AuditEvent, ctx: AuditWriteContext): AuditEntry {
  if (event.action.trim() === '') throw new RangeError('an audit entry needs an action');
  if (event.actor.trim() === '') throw new RangeError('an audit entry needs an actor');
  const outcome = event.outcome ?? 'ok';
  if (!OUTCOMES.has(outcome)) throw new RangeError(`unknown audit outcome "${outcome}"`);
  const write = (): AuditEntry => {
    const sql = statementsFor(db);
    const last = sql.last.get() as
      | { seq: number; hash: string }
      | undefined;
    const fields = {
      seq: (last?.seq ?? 0) + 1,
      at: ctx.at,
      actor: maskPersonalIdsInText(event.actor),
      action: event.action,
      object: event.object == null ? null : maskPersonalIdsInText(event.object),
      outcome,
      detail: cleanDetail(event.detail),
      origin: maskPersonalIdsInText(event.origin ?? ctx.origin),
    };
    const prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
    const hash = auditEntryHash(prevHash, fields);
    sql.insert.run({ ...fields, detail: canonicalJson(fields.detail), prevHash, hash });
    return { ...fields, prevHash, hash };
  };
  return db.inTransaction ? write() : db.transaction(write).immediate();
}
