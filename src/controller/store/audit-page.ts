/** Reading the audit log a page at a time, newest first, for the console's viewer. */
import type { StoreContext } from './store-context';

/** One audit entry as the viewer shows it. */
export interface AuditRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  object: string | null;
  outcome: string;
  detail: unknown;
  origin: string;
}

/** A page of entries and the number that match. */
export interface AuditPage {
  entries: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** Entries matching `action` (exact, or a prefix ending in '.') and `actor`, newest first. */
export function auditPage(ctx: StoreContext, q: { page: number; pageSize: number; action?: string | undefined; actor?: string | undefined }): AuditPage {
  const where: string[] = [];
  const args: unknown[] = [];
  if (q.action !== undefined && q.action !== '') {
    if (q.action.endsWith('.')) {
      where.push('substr(action, 1, ?) = ?');
      args.push(q.action.length, q.action);
    } else {
      where.push('action = ?');
      args.push(q.action);
    }
  }
  if (q.actor !== undefined && q.actor !== '') {
    where.push('actor = ?');
    args.push(q.actor);
  }
  const clause = where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '';
  const total = (ctx.sql(`SELECT count(*) AS n FROM audit_log${clause}`).get(...args) as { n: number }).n;
  const rows = ctx
    .sql(`SELECT seq, at, actor, action, object, outcome, detail, origin FROM audit_log${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...args, q.pageSize, (q.page - 1) * q.pageSize) as (Omit<AuditRow, 'detail'> & { detail: string })[];
  return { entries: rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown })), total, page: q.page, pageSize: q.pageSize };
}
