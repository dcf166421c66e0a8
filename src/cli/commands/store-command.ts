/**
 * What the store-backed commands (import, orders, stock, audit) share: the global `--db PATH`, opening the
 * store, and turning the store's refusals into exit code 1 with a one-line message.
 */
import type { Command } from 'commander';
import { Store, StoreError } from '../../controller/store';
import { DataKeyError, SealError } from '../../controller/crypto';
import { InputError } from '../cli-errors';

/** The global `--db` option's value as seen from a (sub)command. */
export function dbPath(cmd: Command): string {
  return cmd.optsWithGlobals<{ db: string }>().db;
}

/**
 * Opens the store at the command's `--db`, runs `fn` and closes it. With `mustExist`, a missing database is bad
 * input rather than created (commands that only read). Store, key and seal errors become InputError (exit 1).
 */
export async function withStore<T>(cmd: Command, opts: { mustExist: boolean }, fn: (store: Store) => Promise<T> | T): Promise<T> {
  const path = dbPath(cmd);
  let store: Store | undefined;
  try {
    store = Store.open(path, { mustExist: opts.mustExist });
    return await fn(store);
  } catch (error) {
    if (error instanceof StoreError && error.code === 'not-found' && store === undefined) {
      throw new InputError(`no database at ${path}: import an order first, or name the database with --db`);
    }
    if (error instanceof StoreError || error instanceof DataKeyError || error instanceof SealError) {
      throw new InputError(`${path}: ${error.message}`);
    }
    throw error;
  } finally {
    store?.close();
  }
}
