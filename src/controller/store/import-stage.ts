/**
 * A staging table for one import, in the connection's TEMP database. Records are validated, sealed and staged
 * while the file streams in; the main database is written once, at the end, in a single short transaction
 * that copies the staged rows over. So an import is all-or-nothing like one transaction, yet the line's own
 * writes (same connection or another process) are never blocked while a large file is read and sealed, and
 * memory stays flat. A crash mid-import leaves nothing behind: SQLite deletes TEMP data with the connection.
 *
 * Only sealed payloads, hashes and masked IDs are staged, so the temporary file SQLite may spill to holds no
 * personal data in clear either.
 */
import type { Database, Statement } from 'better-sqlite3';

/** One staged record. */
export interface StagedRecord {
  /** Record number in the file. */
  row: number;
  uid: string;
  idHash: string;
  maskedId: string;
  product: string;
  payload: Buffer;
}

/** Staged rows are written in batches of this many, each in one (TEMP-only) transaction. */
const BATCH = 256;

let nextStageNumber = 1;

/** A TEMP staging table and its pending batch. */
export class ImportStage {
  /** Qualified table name, unique per import on this connection. */
  readonly table: string;
  private pending: StagedRecord[] = [];
  private readonly insert: Statement;
  private staged = 0;

  constructor(private readonly db: Database) {
    this.table = `temp.import_stage_${nextStageNumber++}`;
    db.exec(`CREATE TABLE ${this.table} (
      row INTEGER PRIMARY KEY, uid TEXT NOT NULL, id_hash TEXT NOT NULL UNIQUE,
      masked_id TEXT NOT NULL, product TEXT NOT NULL, payload BLOB NOT NULL)`);
    this.insert = db.prepare(
      `INSERT INTO ${this.table} (row, uid, id_hash, masked_id, product, payload)
       VALUES (@row, @uid, @idHash, @maskedId, @product, @payload)`,
    );
  }

  /** Records staged so far (flushed or pending). */
  get count(): number {
    return this.staged + this.pending.length;
  }

  /** Stages a record; writes a batch when enough are pending. */
  add(record: StagedRecord): void {
    this.pending.push(record);
    if (this.pending.length >= BATCH) this.flush();
  }

  /** Writes the pending batch. Synchronous, so nothing else on the connection runs in between. */
  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.db.transaction(() => {
      for (const r of batch) this.insert.run(r);
    })();
    this.staged += batch.length;
  }

  /** Drops the table (safe to call twice). */
  drop(): void {
    this.pending = [];
    this.db.exec(`DROP TABLE IF EXISTS ${this.table}`);
  }
}
