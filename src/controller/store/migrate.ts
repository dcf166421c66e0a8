/**
 * Brings a database's schema up to date with a list of migrations. Each migration runs in its own IMMEDIATE
 * transaction together with its row in schema_migrations, so a crash leaves the database at a whole version;
 * the current version is re-read inside that transaction, so two processes opening a fresh file at once apply
 * each step once. A database whose version is newer than the code is refused: old code writing to a newer
 * schema could break rules it does not know about.
 */
import type { Database } from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations';
import { StoreError } from './store-error';

/** What {@link migrate} did. */
export interface MigrationResult {
  from: number;
  to: number;
  applied: string[];
}

/** Throws unless `migrations` are numbered 1, 2, 3... in order. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) {
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}: versions run 1, 2, 3... in order`);
    }
  });
}

/** The schema version recorded in `db` (0 for a database without schema_migrations). */
export function schemaVersion(db: Database): number {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/** Applies the migrations `db` lacks; `now` stamps each. */
export function migrate(db: Database, now: () => string, migrations: readonly Migration[] = MIGRATIONS): MigrationResult {
  checkMigrationList(migrations);
  const latest = migrations.length;
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const from = schemaVersion(db);
  const refuseNewer = (version: number) => {
    if (version > latest) {
      throw new StoreError(
        'schema',
        `the database schema is version ${version}, newer than this cardline (up to ${latest}): upgrade cardline to use it`,
      );
    }
  };
  refuseNewer(from);
  const applied: string[] = [];
  for (const m of migrations) {
    if (m.version <= from) continue;
    db.transaction(() => {
      const current = schemaVersion(db);
      refuseNewer(current);
      if (current >= m.version) return; // another process applied it meanwhile
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now());
      // user_version mirrors the schema version for tools such as the sqlite3 shell.
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.name);
    }).immediate();
  }
  return { from, to: schemaVersion(db), applied };
}
