/**
 * What every repository function needs: the connection, the clock, and an audit writer stamped with the same
 * clock and origin. Repository functions run inside a transaction opened by the Store; they never open one.
 */
import type { Database, Statement } from 'better-sqlite3';
import { appendAudit, type AuditEntry, type AuditEvent } from '../audit';

/** Shared by the repository functions of one Store. */
export interface StoreContext {
  db: Database;
  /** Now, as ISO 8601 UTC with milliseconds (the injected clock). */
  at(): string;
  /** Actor used when an operation names none. */
  actor: string;
  /** Origin of this process's audit entries. */
  origin: string;
  /**
   * A prepared statement for `sql`, compiled once per connection: compiling costs more than running the small
   * statements the line issues per device step. Only for fixed SQL text (never with a TEMP table's name in it),
   * and never switched to pluck/raw mode, which would stick to the shared statement.
   */
  sql(sql: string): Statement;
}

/** A statement cache over `db` for {@link StoreContext.sql}. */
export function statementCache(db: Database): (sql: string) => Statement {
  const cache = new Map<string, Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (stmt === undefined) cache.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
}

/** Appends an audit entry in the current transaction, stamped by the context's clock and origin. */
export function audit(ctx: StoreContext, event: Omit<AuditEvent, 'actor'> & { actor?: string }): AuditEntry {
  return appendAudit(ctx.db, { ...event, actor: event.actor ?? ctx.actor }, { at: ctx.at(), origin: ctx.origin });
}
