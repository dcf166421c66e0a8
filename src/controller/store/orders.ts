/** Orders: a named batch of records for one product (or for the product each record's issue date gives). */
import type { ProductId } from '../../identity/products';
import { audit, type StoreContext } from './store-context';
import { StoreError } from './store-error';
import { toOrder, type SqlRow } from './row-mapping';
import { RECORD_STATUSES, type OrderRow, type OrderSummary, type RecordStatus } from './types';

/** Longest order name accepted. */
export const MAX_ORDER_NAME = 200;

/** Throws unless `name` is a usable order name: 1..200 characters, no control characters. */
export function checkOrderName(name: string): void {
  if (name.trim() === '' || name.length > MAX_ORDER_NAME || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new StoreError('invalid-argument', `an order name is 1 to ${MAX_ORDER_NAME} printable characters`);
  }
}

/** The order named `name`, if any. */
export function findOrder(ctx: StoreContext, name: string): OrderRow | undefined {
  const row = ctx.sql('SELECT * FROM orders WHERE name = ?').get(name) as SqlRow | undefined;
  return row === undefined ? undefined : toOrder(row);
}

/** The order with id `id`; throws not-found. */
export function getOrderById(ctx: StoreContext, id: number): OrderRow {
  const row = ctx.sql('SELECT * FROM orders WHERE id = ?').get(id) as SqlRow | undefined;
  if (row === undefined) throw new StoreError('not-found', `no order with id ${id}`);
  return toOrder(row);
}

/** Creates an order (audited); throws conflict when the name is taken. */
export function insertOrder(
  ctx: StoreContext,
  opts: { name: string; product?: ProductId | null; actor?: string },
): OrderRow {
  checkOrderName(opts.name);
  if (findOrder(ctx, opts.name) !== undefined) throw new StoreError('conflict', `order "${opts.name}" already exists`);
  const createdAt = ctx.at();
  const info = ctx
    .sql("INSERT INTO orders (name, product, created_at, status) VALUES (?, ?, ?, 'open')")
    .run(opts.name, opts.product ?? null, createdAt);
  const order = getOrderById(ctx, Number(info.lastInsertRowid));
  audit(ctx, {
    actor: opts.actor,
    action: 'order.create',
    object: `order:${order.name}`,
    detail: { product: order.product },
  });
  return order;
}

function emptyCounts(): Record<RecordStatus, number> {
  return Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<RecordStatus, number>;
}

/** Every order (oldest first) with its records counted by status. */
export function listOrderSummaries(ctx: StoreContext): OrderSummary[] {
  const orders = (ctx.sql('SELECT * FROM orders ORDER BY id').all() as SqlRow[]).map(toOrder);
  const counts = ctx
    .sql('SELECT order_id, status, count(*) AS n FROM records GROUP BY order_id, status')
    .all() as { order_id: number; status: RecordStatus; n: number }[];
  const byOrder = new Map<number, Record<RecordStatus, number>>();
  for (const c of counts) {
    const entry = byOrder.get(c.order_id) ?? emptyCounts();
    entry[c.status] = c.n;
    byOrder.set(c.order_id, entry);
  }
  return orders.map((o) => {
    const c = byOrder.get(o.id) ?? emptyCounts();
    return { ...o, counts: c, total: RECORD_STATUSES.reduce((sum, s) => sum + c[s], 0) };
  });
}
