/**
 * Count tables (reject reasons, failure reasons, products): the store hands out `{label: count}` maps; the
 * report lists them largest first, ties by label, so the same data always gives the same table.
 */
import type { CountRow, ShareRow } from './report-data';
import { round4 } from './fractions';

/** Rows of a count map, largest count first, then by label (code point order, independent of the locale). */
export function countRows(counts: Readonly<Record<string, number>>): CountRow[] {
  return Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([label, count]) => ({ label, count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** {@link countRows} with each row's share of the total. */
export function shareRows(counts: Readonly<Record<string, number>>): { total: number; rows: ShareRow[] } {
  const rows = countRows(counts);
  const total = rows.reduce((sum, r) => sum + r.count, 0);
  return { total, rows: rows.map((r) => ({ ...r, share: total === 0 ? 0 : round4(r.count / total) })) };
}
