/**
 * The plant file: one SQLite database holding every physical card of a simulated line (where it is, its chip's
 * journal, what was printed on it) and the simulated devices' own state. See PLANT.md.
 *
 * - WAL journal with `synchronous = NORMAL`: a commit is in the WAL (the OS's page cache) when it returns, so
 *   killing the process loses nothing; only a power cut can lose the last commits. That is enough here: the plant
 *   stands in for hardware, which a power cut would stop too, and it costs a tenth of FULL per write.
 * - `application_id` "CLP1" marks the file as a plant, so the store's file (or any other SQLite file) given by
 *   mistake is refused instead of being filled with plant tables.
 * - `user_version` is the schema version; a file from a newer version is refused.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/** `PRAGMA application_id` of plant files: "CLP1". */
export const PLANT_APPLICATION_ID = 0x434c5031;
/** Schema version written to `user_version`. */
export const PLANT_SCHEMA_VERSION = 1;

/** A plant file that cannot be used (not a plant, newer schema, unreadable). */
export class PlantFileError extends Error {
  override name = 'PlantFileError';
}

const SCHEMA = `
CREATE TABLE card (
  id          TEXT PRIMARY KEY,
  serial      INTEGER NOT NULL UNIQUE,
  chip_seed   TEXT,
  chip_faults TEXT NOT NULL DEFAULT '[]',
  loc_key     TEXT NOT NULL,
  location    TEXT NOT NULL,
  loc_seq     INTEGER NOT NULL,
  damage      TEXT
);
CREATE INDEX card_by_location ON card (loc_key, loc_seq);
CREATE TABLE chip_journal (
  card_id TEXT NOT NULL,
  seq     INTEGER NOT NULL,
  op      TEXT NOT NULL,
  a       INTEGER,
  b       INTEGER,
  data    BLOB,
  PRIMARY KEY (card_id, seq)
) WITHOUT ROWID;
CREATE TABLE print_side (
  card_id      TEXT NOT NULL,
  side         TEXT NOT NULL,
  encoding     TEXT NOT NULL,
  width        INTEGER NOT NULL,
  height       INTEGER NOT NULL,
  digest       TEXT NOT NULL,
  stored_bytes INTEGER NOT NULL,
  data         BLOB,
  PRIMARY KEY (card_id, side)
);
CREATE TABLE device_state (
  device TEXT PRIMARY KEY,
  state  TEXT NOT NULL
);
`;

/** Opens (creating when missing) a plant file, or an in-memory plant for `:memory:`. */
export function openPlantDatabase(file: string): Database.Database {
  const memory = file === ':memory:';
  if (!memory) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    // What a chip and a printed face hold is personal data (synthetic in QA runs, but still): the file is the
    // owner's only, from the moment it exists; SQLite gives its -wal and -shm files the same mode.
    if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'wx', 0o600));
  }
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (e) {
    throw new PlantFileError(`cannot open the plant file ${file}: ${(e as Error).message}`);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const version = db.pragma('user_version', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
    if (appId !== PLANT_APPLICATION_ID && (appId !== 0 || tables > 0)) throw new PlantFileError(`${file} is an SQLite database, but not a cardline plant`);
    if (version > PLANT_SCHEMA_VERSION) throw new PlantFileError(`${file} is a plant of a newer cardline (schema ${version}, this one knows ${PLANT_SCHEMA_VERSION})`);
    if (!memory) {
      const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
      if (mode.toLowerCase() !== 'wal') throw new PlantFileError(`${file}: cannot switch to WAL (journal mode is ${mode})`);
    }
    db.pragma('synchronous = NORMAL');
    if (appId === 0) {
      // One transaction: a process killed here leaves either an empty file or a complete plant, never tables
      // without the application id (which the next open would refuse as "not a plant").
      db.transaction(() => {
        db.exec(SCHEMA);
        db.pragma(`application_id = ${PLANT_APPLICATION_ID}`);
        db.pragma(`user_version = ${PLANT_SCHEMA_VERSION}`);
      })();
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof PlantFileError) throw e;
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') throw new PlantFileError(`${file} is not an SQLite database`);
    throw e;
  }
}
