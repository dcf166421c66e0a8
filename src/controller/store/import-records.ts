/**
 * `importFile`: a record file into an order, on top of the streaming validator (controller/import). Good
 * records are imported and bad ones reported, each with its row, field and reason (DESIGN.md principle 6):
 *
 * - what validateFile rejects (schema, ID rules, dates, law, duplicates within the file, photo check);
 * - a photo that passed the check but cannot be loaded when the record is sealed;
 * - a person already in the order (found by the keyed hash of the personal ID; re-importing a file imports
 *   nothing twice).
 *
 * The order is created with the first import that has a good record. Everything reaches the main database in
 * one transaction (see import-stage.ts), audited as one `records.import` entry.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { loadPhoto, PhotoError, validateFile, DEFAULT_MAX_LISTED_ISSUES } from '../import';
import type { ProductId } from '../../identity/products';
import type { RecordIssue } from '../../identity/record';
import { maskPersonalId, maskPersonalIdsInText, type DataKeyring } from '../crypto';
import { audit, type StoreContext } from './store-context';
import { StoreError } from './store-error';
import { checkOrderName, findOrder, insertOrder } from './orders';
import { ImportStage } from './import-stage';
import { encodeRecordPayload, recordPayloadAad } from './record-payload';
import type { OrderRow } from './types';

/** Options of an import. */
export interface ImportOptions {
  /** The order to import into; created if it does not exist. */
  order: string;
  /** Validate and produce every record as this product; by default the order's, else each record's issue date. */
  product?: ProductId;
  /** Today, YYYY-MM-DD, for validation. */
  today: string;
  /** Who imports (audit); default the store's actor. */
  actor?: string;
}

/** What an import did. Issues never contain personal data beyond what the validator reports by row and field. */
export interface ImportReport {
  order: string;
  /** True when this import created the order. */
  orderCreated: boolean;
  /** The order's product (null: by issue date). */
  product: ProductId | null;
  imported: number;
  /** Bad records (rows >= 1), including those refused by the store. */
  invalid: number;
  /** Positions in the order given to the imported records (null when none). */
  firstSeq: number | null;
  lastSeq: number | null;
  errors: RecordIssue[];
  warnings: RecordIssue[];
}

/** Issues found by the store rather than the validator, capped like the validator's list. */
class StoreIssues {
  readonly items: RecordIssue[] = [];
  count = 0;
  add(issue: RecordIssue): void {
    this.count++;
    if (this.items.length < DEFAULT_MAX_LISTED_ISSUES) this.items.push(issue);
  }
  finish(): RecordIssue[] {
    const omitted = this.count - this.items.length;
    const sorted = [...this.items].sort((a, b) => a.row - b.row);
    return omitted > 0
      ? [...sorted, { row: 0, field: 'file', message: `${omitted} more records refused by the store not listed` }]
      : sorted;
  }
}

function checkOrderFits(existing: OrderRow | undefined, product: ProductId | undefined): void {
  if (existing === undefined) return;
  if (existing.status !== 'open') {
    throw new StoreError('invalid-state', `order "${existing.name}" is ${existing.status}: records can only be added to an open order`);
  }
  if (product !== undefined && existing.product !== null && existing.product !== product) {
    throw new StoreError('invalid-argument', `order "${existing.name}" is for ${existing.product}, not ${product}`);
  }
}

/** Imports `file` into an order; see the module comment. */
export async function importRecordFile(
  ctx: StoreContext,
  keyring: DataKeyring,
  file: string,
  opts: ImportOptions,
): Promise<ImportReport> {
  checkOrderName(opts.order);
  const before = findOrder(ctx, opts.order);
  checkOrderFits(before, opts.product);
  const product = opts.product ?? before?.product ?? undefined;
  const storeIssues = new StoreIssues();
  const inOrder = ctx.sql('SELECT 1 FROM records WHERE order_id = ? AND id_hash = ?');
  const stage = new ImportStage(ctx.db);
  try {
    const summary = await validateFile(file, {
      today: opts.today,
      ...(product === undefined ? {} : { product }),
      onValid: async (v) => {
        let photo: Uint8Array | undefined;
        try {
          photo = await loadPhoto(v.record, path.dirname(file));
        } catch (error) {
          if (!(error instanceof PhotoError)) throw error;
          storeIssues.add({ row: v.row, field: 'photo', message: error.message });
          return;
        }
        const idHash = keyring.personalIdHash(v.record.personalId);
        const current = findOrder(ctx, opts.order);
        if (current !== undefined && inOrder.get(current.id, idHash) !== undefined) {
          storeIssues.add({ row: v.row, field: 'personalId', message: `this person is already in order "${opts.order}"` });
          return;
        }
        const uid = randomUUID();
        const payload = encodeRecordPayload({ record: v.record, expiryDate: v.expiryDate, ...(photo ? { photo } : {}) });
        stage.add({
          row: v.row,
          uid,
          idHash,
          maskedId: maskPersonalId(v.record.personalId),
          product: v.product,
          payload: keyring.seal(payload, recordPayloadAad(uid)),
        });
      },
    });
    stage.flush();
    const committed = ctx.db
      .transaction(() => commitStage(ctx, stage, opts, product ?? null, storeIssues, summary.invalid, file))
      .immediate();
    return {
      ...committed,
      invalid: summary.invalid + storeIssues.count,
      errors: [...summary.errors, ...storeIssues.finish()],
      warnings: summary.warnings,
    };
  } finally {
    stage.drop();
  }
}

/** The final transaction: creates the order if needed, copies the staged rows, writes the audit entry. */
function commitStage(
  ctx: StoreContext,
  stage: ImportStage,
  opts: ImportOptions,
  product: ProductId | null,
  storeIssues: StoreIssues,
  validatorInvalid: number,
  file: string,
): Omit<ImportReport, 'invalid' | 'errors' | 'warnings'> {
  let order = findOrder(ctx, opts.order);
  checkOrderFits(order, opts.product);
  const orderCreated = order === undefined && stage.count > 0;
  if (order === undefined && stage.count > 0) order = insertOrder(ctx, { name: opts.order, product, actor: opts.actor });
  let imported = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  if (order !== undefined && stage.count > 0) {
    // Another process may have imported the same people into this order since they were staged.
    const raced = ctx.db
      .prepare(`SELECT s.row FROM ${stage.table} s JOIN records r ON r.order_id = ? AND r.id_hash = s.id_hash ORDER BY s.row`)
      .pluck()
      .all(order.id) as number[];
    for (const row of raced) {
      storeIssues.add({ row, field: 'personalId', message: `this person is already in order "${opts.order}"` });
    }
    ctx.db.prepare(`DELETE FROM ${stage.table} WHERE id_hash IN (SELECT id_hash FROM records WHERE order_id = ?)`).run(order.id);
    const base = (ctx.sql('SELECT coalesce(max(seq), 0) AS s FROM records WHERE order_id = ?').get(order.id) as { s: number }).s;
    const at = ctx.at();
    imported = ctx.db
      .prepare(
        `INSERT INTO records (uid, order_id, seq, source_row, id_hash, masked_id, product, payload,
                              status, attempts, created_at, updated_at)
         SELECT uid, @orderId, @base + row_number() OVER (ORDER BY row), row, id_hash, masked_id, product, payload,
                'queued', 0, @at, @at
           FROM ${stage.table} ORDER BY row`,
      )
      .run({ orderId: order.id, base, at }).changes;
    if (imported > 0) {
      firstSeq = base + 1;
      lastSeq = base + imported;
    }
  }
  const invalid = validatorInvalid + storeIssues.count;
  audit(ctx, {
    actor: opts.actor,
    action: 'records.import',
    object: `order:${opts.order}`,
    outcome: invalid === 0 ? 'ok' : imported > 0 ? 'partial' : 'failed',
    detail: {
      file: maskPersonalIdsInText(path.basename(file)),
      imported,
      invalid,
      firstSeq,
      lastSeq,
      product,
      orderCreated,
    },
  });
  return { order: opts.order, orderCreated, product: order?.product ?? product, imported, firstSeq, lastSeq };
}
