/**
 * The card accountability ledger (REFERENCE.md section 8): every blank issued to the line is, at every moment,
 * exactly one of good, spoiled, in doubt, returned to the vault, or still on the line (issued or in a job).
 *
 *     issued = good + spoiled + inDoubt + returned + onLine + unaccounted
 *
 * `issued` and `returned` come from the append-only stock movements (a blank returned at the end of one order may
 * be issued again for the next: it then counts as issued twice and returned once), the other figures from the
 * cards' current states, so
 * the two are independent records: `unaccounted` is zero while they agree, and anything else (a card row
 * deleted or added behind the store's back) shows as a difference to be explained. Each card's state is also
 * checked against its last movement; cards where they disagree, and cards present in only one of the two, are
 * listed as inconsistent (so a deleted card and an added one cannot cancel out unnoticed).
 */
import type { StoreContext } from './store-context';
import { STATE_AFTER_MOVEMENT, type CardEvent } from './cards';
import type { CardState } from './types';

/** The ledger of one order, of the cards issued to no order, or of everything. */
export interface LedgerFigures {
  /** Blanks issued to the line (sum of `issue` movements). */
  issued: number;
  good: number;
  /** Spoiled, each with a reason; destroyed under dual control. */
  spoiled: number;
  inDoubt: number;
  /** Returned to the vault unused. */
  returned: number;
  /** Still on the line: issued and unused, or in a job. */
  onLine: number;
  /** issued minus every category above: zero unless cards went missing from the books. */
  unaccounted: number;
}

/** Figures for one order. */
export interface OrderLedger extends LedgerFigures {
  orderId: number;
  order: string;
}

/** The ledger as {@link stockLedger} returns it. */
export interface StockLedger {
  /** All cards. */
  overall: LedgerFigures;
  /** Per order (only orders with cards, or the one asked for). */
  orders: OrderLedger[];
  /** Cards issued to the line without an order; null when asked about one order. */
  unassigned: LedgerFigures | null;
  /** Cards whose state disagrees with their stock movements, or that exist in only one of the two (first 50). */
  inconsistentCards: string[];
}

const MAX_LISTED_INCONSISTENT = 50;

function zero(): LedgerFigures {
  return { issued: 0, good: 0, spoiled: 0, inDoubt: 0, returned: 0, onLine: 0, unaccounted: 0 };
}

function addState(f: LedgerFigures, state: CardState, n: number): void {
  switch (state) {
    case 'good':
      f.good += n;
      break;
    case 'spoiled':
      f.spoiled += n;
      break;
    case 'in-doubt':
      f.inDoubt += n;
      break;
    case 'returned':
      // Counted from the `return` movements instead (a returned blank may have been issued again for another order).
      break;
    case 'issued':
    case 'in-process':
      f.onLine += n;
      break;
  }
}

function settle(f: LedgerFigures): void {
  f.unaccounted = f.issued - (f.good + f.spoiled + f.inDoubt + f.returned + f.onLine);
}

/** The ledger overall and per order, or for the order `orderId` only. */
export function stockLedger(ctx: StoreContext, opts: { orderId?: number } = {}): StockLedger {
  const where = opts.orderId === undefined ? '' : ' WHERE order_id = ?';
  const args = opts.orderId === undefined ? [] : [opts.orderId];
  const issuedRows = ctx
    .sql(`SELECT order_id, sum(quantity) AS n FROM stock_movements WHERE kind = 'issue'${where.replace(' WHERE', ' AND')} GROUP BY order_id`)
    .all(...args) as { order_id: number | null; n: number }[];
  const returnedRows = ctx
    .sql(`SELECT order_id, sum(quantity) AS n FROM stock_movements WHERE kind = 'return'${where.replace(' WHERE', ' AND')} GROUP BY order_id`)
    .all(...args) as { order_id: number | null; n: number }[];
  const stateRows = ctx
    .sql(`SELECT order_id, state, count(*) AS n FROM cards${where} GROUP BY order_id, state`)
    .all(...args) as { order_id: number | null; state: CardState; n: number }[];

  const overall = zero();
  const perOrder = new Map<number | null, LedgerFigures>();
  const figuresOf = (orderId: number | null) => {
    let f = perOrder.get(orderId);
    if (f === undefined) perOrder.set(orderId, (f = zero()));
    return f;
  };
  for (const r of issuedRows) {
    figuresOf(r.order_id).issued += r.n;
    overall.issued += r.n;
  }
  for (const r of returnedRows) {
    figuresOf(r.order_id).returned += r.n;
    overall.returned += r.n;
  }
  for (const r of stateRows) {
    addState(figuresOf(r.order_id), r.state, r.n);
    addState(overall, r.state, r.n);
  }
  settle(overall);
  for (const f of perOrder.values()) settle(f);
  if (opts.orderId !== undefined) figuresOf(opts.orderId);

  const names = new Map(
    (ctx.sql('SELECT id, name FROM orders').all() as { id: number; name: string }[]).map((o) => [o.id, o.name]),
  );
  const orders: OrderLedger[] = [...perOrder.entries()]
    .filter((e): e is [number, LedgerFigures] => e[0] !== null)
    .sort((a, b) => a[0] - b[0])
    .map(([orderId, f]) => ({ orderId, order: names.get(orderId) ?? `#${orderId}`, ...f }));
  return {
    overall,
    orders,
    unassigned: opts.orderId === undefined ? (perOrder.get(null) ?? zero()) : null,
    inconsistentCards: inconsistentCards(ctx, opts.orderId),
  };
}

/**
 * Cards whose state is not the state their last movement leads to, cards with no movement at all, and cards
 * with movements but no row.
 */
function inconsistentCards(ctx: StoreContext, orderId: number | undefined): string[] {
  const rows = ctx
    .sql(
      `SELECT c.id, c.state, m.kind
         FROM cards c
         LEFT JOIN stock_movements m
           ON m.id = (SELECT max(id) FROM stock_movements WHERE card_id = c.id)
        ${orderId === undefined ? '' : 'WHERE c.order_id = ?'}
        ORDER BY c.id`,
    )
    .all(...(orderId === undefined ? [] : [orderId])) as { id: string; state: CardState; kind: CardEvent | 'issue' | null }[];
  const out: string[] = [];
  for (const r of rows) {
    if (r.kind === null || STATE_AFTER_MOVEMENT[r.kind] !== r.state) out.push(r.id);
  }
  // Cards with movements but no row: deleted from the books.
  const vanished = ctx
    .sql(
      `SELECT DISTINCT card_id FROM stock_movements
        WHERE card_id NOT IN (SELECT id FROM cards) ${orderId === undefined ? '' : 'AND order_id = ?'}`,
    )
    .all(...(orderId === undefined ? [] : [orderId])) as { card_id: string }[];
  return [...out, ...vanished.map((v) => v.card_id)].sort().slice(0, MAX_LISTED_INCONSISTENT);
}
