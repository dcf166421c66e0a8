/**
 * Where the data key comes from: the environment variable `CARDLINE_DATA_KEY` when set (so the key can live
 * in a secrets manager, away from the database and its backups), otherwise the file `data.key` in the
 * database's folder, created on first use.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DataKeyError } from './errors';
import { readOrCreateKeyFile } from './key-file';
import { parseDataKey } from './key-material';
import { DataKeyring } from './keyring';

/** Environment variable holding the data key (64 hex digits or base64 of 32 bytes). */
export const DATA_KEY_ENV = 'CARDLINE_DATA_KEY';

/** Name of the key file created next to the database when the environment gives no key. */
export const DATA_KEY_FILE_NAME = 'data.key';

/** Key id of the key loaded from the environment or the key file (rotation will add higher ids). */
export const INITIAL_KEY_ID = 1;

/**
 * A loaded data key and where it came from (for messages and the audit trail; never the key itself): the
 * environment, the key file, a fresh key for an in-memory database, or handed over by the caller (tests, tools).
 */
export interface LoadedDataKey {
  keyring: DataKeyring;
  source: 'env' | 'file' | 'ephemeral' | 'caller';
  /** The key file, when the key came from one. */
  file?: string;
  /** True when this call created the key file. */
  created: boolean;
}

/** The path of the key file for the database at `dbPath`. */
export function dataKeyFileFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), DATA_KEY_FILE_NAME);
}

/**
 * Loads the data key for the database at `dbPath`: from `env[CARDLINE_DATA_KEY]` if set, else from (or into)
 * the key file next to the database. Throws {@link DataKeyError} with a clear message for a malformed or
 * unsafely stored key. An in-memory database (`:memory:`) with no key in the environment gets a fresh key that
 * dies with it.
 */
export function loadDataKey(opts: { dbPath: string; env?: Readonly<Record<string, string | undefined>> }): LoadedDataKey {
  const fromEnv = (opts.env ?? process.env)[DATA_KEY_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    const key = parseDataKey(fromEnv, DATA_KEY_ENV);
    return { keyring: new DataKeyring({ id: INITIAL_KEY_ID, key }), source: 'env', created: false };
  }
  if (opts.dbPath === ':memory:' || opts.dbPath === '') {
    return { keyring: new DataKeyring({ id: INITIAL_KEY_ID, key: randomBytes(32) }), source: 'ephemeral', created: true };
  }
  const file = dataKeyFileFor(opts.dbPath);
  try {
    const { key, created } = readOrCreateKeyFile(file);
    return { keyring: new DataKeyring({ id: INITIAL_KEY_ID, key }), source: 'file', file, created };
  } catch (error) {
    if (error instanceof DataKeyError) throw error;
    throw new DataKeyError(`cannot load the data key: ${(error as Error).message}`);
  }
}
