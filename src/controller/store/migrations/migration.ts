/**
 * A schema migration: one numbered step from version N-1 to N. Migrations are never edited once released (a
 * database in the field has already run them); a change to the schema is a new migration appended to the list.
 */
import type { Database } from 'better-sqlite3';

/** One step of the schema. */
export interface Migration {
  /** 1, 2, 3... with no gaps: the schema version after this step. */
  version: number;
  /** Short name, recorded in schema_migrations. */
  name: string;
  /** Applies the step; runs inside a transaction with the version bookkeeping. */
  up(db: Database): void;
}
