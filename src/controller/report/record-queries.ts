/**
 * Read-only figures about an order's records that the Store has no method for yet: why failed records failed,
 * which products were made, and how many produced records needed only one card. They read the store's
 * connection directly (Store.db, which the store offers to read-only tools) and never write. They are
 * candidates to become Store methods if another caller needs them.
 *
 * No personal data is read: reasons, product ids and counts only.
 */
import type { Store } from '../store';
import { maskPersonalIdsInText } from '../crypto';

/** Last failure reasons of the order's failed records, counted. */
export function failedRecordReasons(store: Store, orderId: number): Record<string, number> {
  const rows = store.db
    .prepare("SELECT failure_reason AS reason, count(*) AS n FROM records WHERE order_id = ? AND status = 'failed' GROUP BY failure_reason")
    .all(orderId) as { reason: string | null; n: number }[];
  return tally(rows.map((r) => [r.reason ?? 'no reason recorded', r.n]));
}

/** The order's records counted by product. */
export function recordsByProduct(store: Store, orderId: number): Record<string, number> {
  const rows = store.db
    .prepare('SELECT product, count(*) AS n FROM records WHERE order_id = ? GROUP BY product')
    .all(orderId) as { product: string; n: number }[];
  return tally(rows.map((r) => [r.product, r.n]));
}

/**
 * Produced records whose good card is the only card they consumed. A card stays bound to its record when it is
 * spoiled or in doubt, and is unbound when it is unloaded unused (store/cards.ts), so the cards bound to a
 * record in a consuming state are exactly the cards it used up: one means it passed first time. An in-doubt
 * card later verified good counts as first pass: no second blank was spent.
 */
export function producedFirstPass(store: Store, orderId: number): number {
  const row = store.db
    .prepare(
      `SELECT count(*) AS n FROM (
         SELECT c.record_id
           FROM cards c JOIN records r ON r.id = c.record_id
          WHERE r.order_id = ? AND r.status = 'produced' AND c.state IN ('good', 'spoiled', 'in-doubt')
          GROUP BY c.record_id
         HAVING count(*) = 1)`,
    )
    .get(orderId) as { n: number };
  return row.n;
}

/**
 * Sums counts by label. Reasons are written by the line and should hold no personal data; a 12-digit run is
 * masked anyway (defence in depth: the report is a document that leaves the building), and two reasons that
 * become equal once masked are counted together.
 */
function tally(rows: readonly [string, number][]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [label, n] of rows) {
    const safe = maskPersonalIdsInText(label);
    out[safe] = (out[safe] ?? 0) + n;
  }
  return out;
}

/** {@link tally} for a map already counted (the store's spoiled-card reasons). */
export function maskedCounts(counts: Readonly<Record<string, number>>): Record<string, number> {
  return tally(Object.entries(counts));
}
