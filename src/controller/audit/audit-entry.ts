/**
 * One entry of the audit log and its hash. The fields follow what PCI Card Production asks an audit record to
 * hold: who (actor), what (action), on what (object), when (at), with what result (outcome) and from where
 * (origin), plus a JSON detail. Each entry's hash covers the previous entry's hash, which makes the log a chain:
 *
 *     hash(n) = SHA-256( bytes(prev_hash(n)) || UTF-8(canonical JSON of entry n) )
 *     prev_hash(1) = 64 zeros;  prev_hash(n) = hash(n - 1)
 *
 * where "entry n" is the object `{action, actor, at, detail, object, origin, outcome, seq}` (canonical JSON sorts
 * the keys) and bytes(h) are the 32 bytes of the hex digest h.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './canonical-json';

/** The previous hash of the first entry. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Result of the audited action. */
export type AuditOutcome = 'ok' | 'partial' | 'refused' | 'failed';

/** What a caller states about an event; the log adds seq, time and the chain. */
export interface AuditEvent {
  /** Who: an operator name, `os:<user>` for a command-line user, or `system`. */
  actor: string;
  /** What, as `noun.verb`: `records.import`, `card.spoil`, `system.restart`. */
  action: string;
  /** On what: `order:<name>`, `card:<serial>`, `record:<id>`; null when the action concerns the whole system. */
  object?: string | null;
  /** Default `ok`. */
  outcome?: AuditOutcome;
  /** Further facts; never personal data in clear (it is scrubbed on the way in regardless). */
  detail?: JsonValue;
  /** Where the event came from (workstation, process); defaults to the writer's origin. */
  origin?: string;
}

/** The fields an entry's hash covers. */
export interface AuditEntryFields {
  seq: number;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  actor: string;
  action: string;
  object: string | null;
  outcome: AuditOutcome;
  detail: JsonValue;
  origin: string;
}

/** A stored entry. */
export interface AuditEntry extends AuditEntryFields {
  prevHash: string;
  hash: string;
}

/** The hash of an entry given its predecessor's hash (see the module comment). */
export function auditEntryHash(prevHash: string, fields: AuditEntryFields): string {
  const body = canonicalJson({
    action: fields.action,
    actor: fields.actor,
    at: fields.at,
    detail: fields.detail,
    object: fields.object,
    origin: fields.origin,
    outcome: fields.outcome,
    seq: fields.seq,
  });
  return createHash('sha256').update(Buffer.from(prevHash, 'hex')).update(body, 'utf8').digest('hex');
}
