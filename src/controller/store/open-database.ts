/**
 * Opening the SQLite file with the settings the store relies on:
 *
 * - WAL journal: readers (the console, `cardline orders`) never block the line's writer.
 * - `synchronous = FULL`: every commit is fsynced before it returns. Principle 1 writes a step's intent before
 *   the device acts; with NORMAL a power cut can lose the last commits even though they returned, so the card
 *   would have been written by a chip encoder with no trace of it. FULL costs about 0.4 ms per commit on the
 *   development machine (some 2,400 commits/s against 16,000 with NORMAL); a line commits a few dozen times a
 *   second, so the margin is wide (see STORE.md for the figures).
 * - foreign keys on (SQLite's default is off), a busy timeout so a second process waits for the write lock
 *   instead of failing at once.
 * - `application_id` marks the file as cardline's, so pointing `--db` at some other SQLite file is refused
 *   rather than migrated.
 * - A new file is made mode 0600 before anything is written; SQLite gives its -wal and -shm files the same
 *   mode. Personal data is sealed anyway; this keeps the rest (order names, counts) from other users too.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from './store-error';

/** `PRAGMA application_id` of cardline databases: "CLN1". */
export const APPLICATION_ID = 0x434c4e31;

/** How long a connection waits for another process's write lock before failing. */
export const BUSY_TIMEOUT_MS = 5_000;

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Refuse a path with no database rather than create one (read-only commands). */
  mustExist?: boolean;
  /**
   * `power-loss` (default): FULL, every commit fsynced. `process-crash`: NORMAL, for simulated lines in virtual time,
   * where only the process can crash (a kill -9 loses nothing in WAL mode) and fsyncs would dominate the run.
   */
  durability?: 'power-loss' | 'process-crash';
}

function isMemory(file: string): boolean {
  return file === ':memory:' || file === '';
}

/** Opens (or creates) the database at `file` with WAL, FULL synchronous, foreign keys and a busy timeout. */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database.Database {
  const memory = isMemory(file);
  const isNew = !memory && !fs.existsSync(file);
  if (isNew && opts.mustExist) throw new StoreError('not-found', `no database at ${file}`);
  if (isNew) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // Create the empty file ourselves with the final mode, so no moment exists where it is world-readable.
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  }
  const db = new Database(file, { fileMustExist: !memory });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (appId !== APPLICATION_ID && (appId !== 0 || (tables.length > 0 && !tables.includes('schema_migrations')))) {
      throw new StoreError('schema', `${file} is an SQLite database, but not a cardline one`);
    }
    if (appId === 0) db.pragma(`application_id = ${APPLICATION_ID}`);
    if (!memory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
      if (mode.toLowerCase() !== 'wal') throw new StoreError('schema', `${file}: cannot switch to WAL (journal mode is ${mode})`);
    }
    db.pragma(`synchronous = ${opts.durability === 'process-crash' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    if (error instanceof StoreError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new StoreError('schema', `${file} is not an SQLite database`);
    throw error;
  }
}
