/** Records: one citizen's application in an order, its production status, and its sealed payload. */
import type { StoreContext } from './store-context';
import { StoreError } from './store-error';
import { toRecord, type SqlRow } from './row-mapping';
import type { RecordRow, RecordStatus } from './types';

/** The record with id `id`, without its payload; throws not-found. */
export function getRecord(ctx: StoreContext, id: number): RecordRow {
  const row = ctx.sql('SELECT * FROM records WHERE id = ?').get(id) as SqlRow | undefined;
  if (row === undefined) throw new StoreError('not-found', `no record with id ${id}`);
  return toRecord(row);
}

/**
 * Up to `limit` queued records of open orders in production order: oldest order first, then by position in the
 * order. With `orderId`, only that order's.
 */
export function nextQueued(ctx: StoreContext, limit: number, orderId?: number): RecordRow[] {
  const rows =
    orderId === undefined
      ? ctx
          .sql(
            `SELECT r.* FROM records r JOIN orders o ON o.id = r.order_id AND o.status = 'open'
              WHERE r.status = 'queued' ORDER BY r.order_id, r.seq LIMIT ?`,
          )
          .all(limit)
      : ctx
          .sql(
            `SELECT r.* FROM records r JOIN orders o ON o.id = r.order_id AND o.status = 'open'
              WHERE r.status = 'queued' AND r.order_id = ? ORDER BY r.seq LIMIT ?`,
          )
          .all(orderId, limit);
  return (rows as SqlRow[]).map(toRecord);
}

/** The records, in every order, whose personal ID has hash `idHash` (at most one per order). */
export function findRecordsByIdHash(ctx: StoreContext, idHash: string): RecordRow[] {
  return (ctx.sql('SELECT * FROM records WHERE id_hash = ? ORDER BY id').all(idHash) as SqlRow[]).map(toRecord);
}

/** The sealed payload of a record and the uid it is bound to. */
export function readSealedPayload(ctx: StoreContext, id: number): { uid: string; payload: Buffer } {
  const row = ctx.sql('SELECT uid, payload FROM records WHERE id = ?').get(id) as
    | { uid: string; payload: Buffer }
    | undefined;
  if (row === undefined) throw new StoreError('not-found', `no record with id ${id}`);
  return row;
}

/** Sets a record's status (and the fields that go with it); the caller has checked the transition. */
export function updateRecord(
  ctx: StoreContext,
  id: number,
  fields: { status: RecordStatus; failureReason?: string | null; goodCardId?: string | null; attempts?: number },
): RecordRow {
  const current = getRecord(ctx, id);
  ctx
    .sql(
      `UPDATE records SET status = ?, failure_reason = ?, good_card_id = ?, attempts = ?, updated_at = ? WHERE id = ?`,
    )
    .run(
      fields.status,
      fields.failureReason === undefined ? current.failureReason : fields.failureReason,
      fields.goodCardId === undefined ? current.goodCardId : fields.goodCardId,
      fields.attempts ?? current.attempts,
      ctx.at(),
      id,
    );
  return getRecord(ctx, id);
}

/** Throws invalid-state unless the record's status is one of `allowed`. */
export function requireRecordStatus(record: RecordRow, allowed: readonly RecordStatus[], doing: string): void {
  if (!allowed.includes(record.status)) {
    throw new StoreError(
      'invalid-state',
      `cannot ${doing} record ${record.id} (${record.maskedId}): it is ${record.status}, expected ${allowed.join(' or ')}`,
    );
  }
}
